import type pg from 'pg';
import type { AppConfig } from '@adt/config';
import type { ApplyMessageJob, Queue, Redis } from '@adt/queue';

/** What every route needs: configuration, the pool, the queue (for replays) and its Redis connection. */
export interface ApiContext {
  config: AppConfig;
  pool: pg.Pool;
  queue: Queue<ApplyMessageJob>;
  redis: Redis;
}
