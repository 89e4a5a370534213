import { ALERT_RUNBOOKS, isAlertName } from './alert-rules.js';

/** A start or an end of an alert, as sent to a notification target. */
export interface AlertNotice {
  key: string;
  alert: string;
  labels: Readonly<Record<string, string>>;
  firing: boolean;
  summary: string;
  /** When the condition started (firing) or ended. */
  since: Date;
}

/** Where notices go. `send` rejects when the target did not take the notice (it is retried). */
export interface AlertNotifier {
  /** Shown in logs and on the ops page when delivery fails. */
  name: string;
  send: (notice: AlertNotice) => Promise<void>;
}

/** The JSON document a webhook receives. */
export interface AlertWebhookBody {
  source: 'adt-followup';
  status: 'firing' | 'resolved';
  alert: string;
  key: string;
  labels: Readonly<Record<string, string>>;
  summary: string;
  /** ISO-8601: when the condition started (firing) or ended (resolved). */
  since: string;
  runbook: string | null;
  /** One line for chat tools (Slack and Teams incoming webhooks show `text`). */
  text: string;
}

const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * The webhook document for a notice.
 * @param notice - the start or end to announce
 */
export function alertWebhookBody(notice: AlertNotice): AlertWebhookBody {
  const status = notice.firing ? 'firing' : 'resolved';
  return {
    source: 'adt-followup',
    status,
    alert: notice.alert,
    key: notice.key,
    labels: notice.labels,
    summary: notice.summary,
    since: notice.since.toISOString(),
    runbook: isAlertName(notice.alert) ? ALERT_RUNBOOKS[notice.alert] : null,
    text: `[${status.toUpperCase()}] adt-followup ${notice.alert}: ${notice.summary}`,
  };
}

/**
 * A target that POSTs each notice as JSON ({@link AlertWebhookBody}); any 2xx answer is delivery.
 * @param url - the webhook URL
 * @param options - how long to wait for an answer
 */
export function createWebhookNotifier(url: string, options: { timeoutMs?: number } = {}): AlertNotifier {
  return {
    name: `webhook ${new URL(url).host}`,
    send: async (notice) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alertWebhookBody(notice)),
        signal: AbortSignal.timeout(options.timeoutMs ?? WEBHOOK_TIMEOUT_MS),
      });
      // The body is not needed; reading it frees the connection.
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`webhook answered ${response.status}`);
    },
  };
}
