/**
 * One webhook delivery attempt. Input: `{ deliveryId, generation }`. The job re-reads the delivery
 * from Postgres and does nothing when it is gone (subscription deleted), no longer pending, of
 * another generation (redelivered since) or not at the head of its chain (an earlier delivery to
 * the same subscription for the same patient is pending: order first). A failed attempt is
 * recorded and thrown, so BullMQ retries it after the configured back-off; the last one marks the
 * delivery dead and completes. At least once: a receiver may see a delivery again if recording
 * its success fails, with the same `webhook-id`.
 */
import type pg from 'pg';
import { findWebhookDeliveryWork, recordWebhookAttempt } from '@adt/db';
import type { WebhookSettings } from '@adt/config';
import type { Logger } from '@adt/logging';
import type { Job, WebhookDeliveryJob } from '@adt/queue';
import { fhirNotificationBundle, sendWebhook, webhookBody, type WebhookRequest } from '@adt/webhooks';
import type { WebhookMetrics } from './webhook-metrics.js';

/** How one job ended. */
export type WebhookJobOutcome = 'delivered' | 'dead' | 'skipped' | 'blocked';

/** A failed attempt that will be retried. */
export class WebhookAttemptError extends Error {
  override readonly name = 'WebhookAttemptError';
  readonly code = 'webhook_attempt_failed';
}

/** What the job needs. */
export interface WebhookJobDeps {
  pool: pg.Pool;
  settings: WebhookSettings;
  log: Logger;
  metrics: WebhookMetrics;
  /** Called when a delivery stops being pending, so the next in its chain goes out at once. */
  onSettled: () => void;
}

/**
 * The Standard Webhooks message id of a delivery: the same on every attempt and redelivery.
 * @param deliveryId - the delivery's id
 */
export function webhookMessageId(deliveryId: string): string {
  return `msg_${deliveryId}`;
}

/**
 * Builds the processor of the webhook deliveries queue.
 * @param deps - pool, settings, log, metrics and the dispatcher's wake-up
 */
export function webhookDeliveryProcessor(deps: WebhookJobDeps) {
  return async (job: Job<WebhookDeliveryJob>): Promise<WebhookJobOutcome> => {
    const { deliveryId, generation } = job.data;
    const work = await findWebhookDeliveryWork(deps.pool, deliveryId);
    if (!work || work.status !== 'pending' || work.generation !== generation) return 'skipped';
    if (work.blocked) return 'blocked';
    const stopTimer = deps.metrics.attemptDuration.startTimer();
    const common = {
      url: work.url,
      messageId: webhookMessageId(work.id),
      now: new Date(),
      timeoutMs: deps.settings.timeoutMs,
      policy: { allowPrivate: deps.settings.allowPrivate },
    };
    // A FHIR rest-hook gets a notification Bundle, with the headers its channel asked for.
    const request: WebhookRequest = work.fhir
      ? {
          ...common,
          secret: null,
          extraHeaders: work.fhir.headers,
          contentType: 'application/fhir+json',
          body: JSON.stringify(
            fhirNotificationBundle({
              ...work.fhir,
              occurredAt: work.occurredAt,
              encounterId: work.encounterId,
            }),
          ),
        }
      : { ...common, secret: work.secret, body: webhookBody(work.type, work.occurredAt, work.data) };
    const attempt = await sendWebhook(request);
    stopTimer();
    const final = !attempt.ok && job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const status = await recordWebhookAttempt(deps.pool, deliveryId, generation, {
      delivered: attempt.ok,
      final,
      statusCode: attempt.statusCode,
      error: attempt.ok ? null : attempt.error,
    });
    const outcome = attempt.ok ? 'delivered' : final ? 'dead' : 'retry';
    deps.metrics.attempts.inc({ event: work.type, outcome });
    const line = {
      deliveryId,
      event: work.type,
      attempt: job.attemptsMade + 1,
      statusCode: attempt.statusCode,
    };
    if (attempt.ok) deps.log.info(line, 'webhook delivered');
    else deps.log.warn({ ...line, reason: attempt.error, final }, 'webhook attempt failed');
    // A redelivery since this attempt began owns the delivery now; this job is done.
    if (status === null) return 'skipped';
    if (attempt.ok || final) {
      deps.onSettled();
      return attempt.ok ? 'delivered' : 'dead';
    }
    throw new WebhookAttemptError(attempt.error);
  };
}
