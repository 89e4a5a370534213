import { createWebhookNotifier, type AlertNotifier } from './alert-notifier.js';
import { createSmtpNotifier } from './smtp-notifier.js';

/** Where alert notices go (the `alerts` part of the configuration). */
export interface AlertTargets {
  webhookUrl: string | null;
  email: { smtpUrl: string; from: string; to: readonly string[] } | null;
}

/**
 * The notifiers for the configured targets: the webhook, email, both or none.
 * @param targets - webhook URL and email settings
 */
export function createAlertNotifiers(targets: AlertTargets): AlertNotifier[] {
  return [
    ...(targets.webhookUrl ? [createWebhookNotifier(targets.webhookUrl)] : []),
    ...(targets.email
      ? [createSmtpNotifier({ url: targets.email.smtpUrl, from: targets.email.from, to: targets.email.to })]
      : []),
  ];
}
