export { createTestDatabase, serverUrl, testRedisUrl, testQueuePrefix } from './test-database.js';
export type { TestDatabase } from './test-database.js';
