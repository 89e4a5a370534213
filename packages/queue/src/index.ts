export * from './adt-events-queue.js';
export type { Redis } from 'ioredis';
export * from './queue-operations.js';
export * from './redis-connection.js';
export * from './webhook-deliveries-queue.js';
