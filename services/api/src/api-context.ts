import type pg from 'pg';
import type { ApplyMessageJob, Queue, RedisConnection } from '@adt/queue';
import type { ApiConfig } from './api-config.js';

/** What every route needs: configuration, the pool, the queue (for replays) and its Redis connection. */
export interface ApiContext {
  config: ApiConfig;
  pool: pg.Pool;
  /**
   * The pool of the report queries: a read replica's (`DATABASE_READ_URL`), else none and they read
   * `pool`. Writes, the audit of a report included, always go to `pool`.
   */
  reportPool?: pg.Pool;
  queue: Queue<ApplyMessageJob>;
  redis: RedisConnection;
}

/**
 * Where the report queries read: the read replica when one is set, else the primary.
 * @param context - the API context
 */
export function reportPoolOf(context: ApiContext): pg.Pool {
  return context.reportPool ?? context.pool;
}
