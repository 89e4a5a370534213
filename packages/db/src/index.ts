export { createPool, withTransaction, isDatabaseReachable } from './pool.js';
export type { Queryable, CreatePoolOptions } from './pool.js';
export { migrateDatabase, MIGRATIONS_DIR } from './migrate.js';
export * from './message-repository.js';
export * from './encounter-repository.js';
export * from './follow-up-repository.js';
export * from './follow-up-queries.js';
export * from './token-repository.js';
export * from './audit-repository.js';
