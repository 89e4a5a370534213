import type { AppConfig } from '@adt/config';
import { replayMessages } from '@adt/application';
import { createPool } from '@adt/db';
import { createAdtEventsQueue, createProducerConnection, requeueMessages } from '@adt/queue';

export { createPool, migrateDatabase } from '@adt/db';

/**
 * Puts messages back to "received" and enqueues them.
 * @param config - configuration (database, Redis, queue prefix)
 * @param which - message ids, or 'failed' for every failed message
 * @returns the ids replayed
 */
export async function enqueueReplay(config: AppConfig, which: string[] | 'failed'): Promise<string[]> {
  const pool = createPool({ connectionString: config.databaseUrl, max: 1, applicationName: 'adt-cli' });
  const redis = createProducerConnection(config.redis);
  const queue = createAdtEventsQueue({ connection: redis, prefix: config.queuePrefix });
  try {
    return await replayMessages(
      {
        db: pool,
        requeue: (ids) => requeueMessages(queue, ids, { attempts: config.worker.maxAttempts }),
      },
      which,
    );
  } finally {
    await queue.close();
    redis.disconnect();
    await pool.end();
  }
}
