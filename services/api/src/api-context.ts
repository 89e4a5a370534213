import type pg from 'pg';
import type { ApplyMessageJob, Queue, RedisConnection } from '@adt/queue';
import type { ApiConfig } from './api-config.js';

/** What every route needs: configuration, the pool, the queue (for replays) and its Redis connection. */
export interface ApiContext {
  config: ApiConfig;
  pool: pg.Pool;
  queue: Queue<ApplyMessageJob>;
  redis: RedisConnection;
}
