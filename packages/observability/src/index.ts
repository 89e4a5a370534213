export { createMetricsRegistry, Counter, Gauge, Histogram, Registry } from './metrics.js';
export { registerHealthRoutes } from './health-routes.js';
export type { ReadinessCheck } from './health-routes.js';
export { createOpsServer } from './ops-server.js';
export { stopOnSignals, runService } from './shutdown.js';
