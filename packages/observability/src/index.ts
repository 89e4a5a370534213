// Runtime concerns every service shares: health and readiness, metrics, graceful shutdown and the
// interval loop. The alerting feature built on them is @adt/alerting. Every export of these modules
// is public.
export * from './metrics.js';
export * from './health-routes.js';
export * from './readiness-checks.js';
export * from './ops-server.js';
export * from './shutdown.js';
export * from './pool-metrics.js';
export * from './interval-loop.js';
export * from './metric-labels.js';
