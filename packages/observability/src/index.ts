export { createMetricsRegistry, Counter, Gauge, Histogram, Registry } from './metrics.js';
export { registerHealthRoutes } from './health-routes.js';
export type { ReadinessCheck, ReadinessProblem } from './health-routes.js';
export { QUEUE_PAUSED_REASON, queueActiveCheck } from './readiness-checks.js';
export { createOpsServer } from './ops-server.js';
export { stopOnSignals, runService } from './shutdown.js';
export { registerPoolMetrics } from './pool-metrics.js';
export { startIntervalLoop } from './interval-loop.js';
export type { IntervalLoop, IntervalLoopOptions } from './interval-loop.js';
export {
  FacilityLabels,
  MAX_FACILITY_LABEL_LENGTH,
  MAX_LEARNED_FACILITIES,
  OTHER_LABEL,
  triggerEventLabel,
} from './metric-labels.js';
export type { FacilityLabelOptions } from './metric-labels.js';
export type { PoolStats } from './pool-metrics.js';
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
