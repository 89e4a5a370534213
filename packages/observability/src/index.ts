// Runtime concerns every service shares: health and readiness, metrics, graceful shutdown and the
// interval loop. The alerting feature built on them is @adt/alerting.
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
