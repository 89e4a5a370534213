/**
 * Memory for the measure queries. A year of a large practice joins every counted follow-up with
 * its care actions and aggregates them per follow-up: at the server's default `work_mem` (4 MB)
 * the hash tables and sorts of those steps spill to temporary files (about 13,800 blocks for
 * 100,000 follow-ups), which costs more than the join itself.
 */
import type pg from 'pg';
import { withTransaction, type Queryable } from './pool.js';

/**
 * `work_mem` for one measure query: the hash of a year's 360,000 care actions of 100,000
 * follow-ups (about 30 MB; a hash may use twice `work_mem` by `hash_mem_multiplier`) and the
 * per-follow-up aggregate (about 20 MB) fit without spilling.
 */
export const MEASURE_WORK_MEM = '32MB';

/**
 * Runs `work` in a transaction whose `work_mem` is {@link MEASURE_WORK_MEM}.
 * @param pool - the pool to take the transaction's client from
 * @param work - the measure queries; receives the transaction's client
 */
export async function withMeasureWorkMem<T>(pool: pg.Pool, work: (db: Queryable) => Promise<T>): Promise<T> {
  return withTransaction(pool, async (client) => {
    // Local to the transaction (SET LOCAL): the connection goes back to the pool, or to another
    // client through PgBouncer in transaction mode, with the server's own setting.
    await client.query(`SELECT set_config('work_mem', $1, true)`, [MEASURE_WORK_MEM]);
    return work(client);
  });
}
