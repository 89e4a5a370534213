import type { AppConfig } from '@adt/config';
import { createPool, findFailedMessageIds, resetMessagesForReplay } from '@adt/db';
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
    const ids = which === 'failed' ? await findFailedMessageIds(pool) : which;
    const reset = await resetMessagesForReplay(pool, ids);
    // A finished job keeps its id in Redis; requeue removes it so the replay really runs.
    await requeueMessages(queue, reset, { attempts: config.worker.maxAttempts });
    return reset;
  } finally {
    await queue.close();
    redis.disconnect();
    await pool.end();
  }
}
