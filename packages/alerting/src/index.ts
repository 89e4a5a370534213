// The alerting feature: rules over the operations snapshot, their evaluation loop and state, and the
// notices sent (webhook, e-mail). Runtime concerns (health, metrics, shutdown) are @adt/observability.
export { ALERT_RUNBOOKS, evaluateAlerts, isAlertName } from './alert-rules.js';
export type {
  AlertCondition,
  AlertName,
  AlertThresholds,
  OperationsSnapshot,
  StoreSnapshot,
} from './alert-rules.js';
export { alertWebhookBody, createWebhookNotifier } from './alert-notifier.js';
export type { AlertNotice, AlertNotifier, AlertWebhookBody } from './alert-notifier.js';
export { startAlertEvaluator } from './alert-evaluator.js';
export type { AlertEvaluator, AlertEvaluatorOptions, AlertStateStore } from './alert-evaluator.js';
export { alertEmail, createSmtpNotifier, SmtpError } from './smtp-notifier.js';
export type { SmtpNotifierOptions } from './smtp-notifier.js';
export { createAlertNotifiers } from './alert-targets.js';
export type { AlertTargets } from './alert-targets.js';
export { startProcessAlerts } from './process-alerts.js';
