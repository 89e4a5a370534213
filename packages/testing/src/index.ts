export { createTestDatabase, serverUrl, testRedisUrl, testQueuePrefix } from './test-database.js';
export type { TestDatabase } from './test-database.js';
export { metricValue, scrapeMetrics } from './prometheus-text.js';
