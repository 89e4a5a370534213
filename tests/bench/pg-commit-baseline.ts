/**
 * The physical limit of a per-message durable ACK: how many single-row INSERTs of a 1.8 KB message
 * Postgres commits per second with `synchronous_commit = on`, each its own transaction, through a
 * prepared statement, on 1 and on N connections (one client loop per connection, as pgbench does).
 */
import { performance } from 'node:perf_hooks';
import { LatencyRecorder } from './latency-recorder.js';
import type { Pool } from './product-stack.js';

const TABLE = 'bench_commit_baseline';
/** The size of a typical stored ADT message. */
export const BASELINE_ROW_BYTES = 1_800;

/** What one baseline run measured. */
export interface CommitBaselineResult {
  commits: number;
  seconds: number;
  latency: LatencyRecorder;
  synchronousCommit: string;
}

/**
 * Measures the commit rate on `connections` connections.
 * @param pool - a pool on the run's database with at least `connections` clients
 * @param options - connections, measured duration and warm-up
 */
export async function measureCommitRate(
  pool: Pool,
  options: { connections: number; durationMs: number; warmupMs: number },
): Promise<CommitBaselineResult> {
  await pool.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (id bigserial PRIMARY KEY, body bytea NOT NULL)`);
  const body = Buffer.alloc(BASELINE_ROW_BYTES, 'MSH|^~\\&|BENCH|PG|PV1|1|I|4WEST^412^B|');
  const clients = await Promise.all(Array.from({ length: options.connections }, () => pool.connect()));
  const latency = new LatencyRecorder();
  let commits = 0;
  let synchronousCommit = '';
  try {
    for (const client of clients) await client.query('SET synchronous_commit = on');
    const shown = await clients[0]?.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
    synchronousCommit = shown?.rows[0]?.synchronous_commit ?? '';
    const startedAt = performance.now();
    const measureFrom = startedAt + options.warmupMs;
    const stopAt = measureFrom + options.durationMs;
    await Promise.all(
      clients.map(async (client) => {
        for (;;) {
          const before = performance.now();
          if (before >= stopAt) return;
          await client.query({
            name: 'bench_commit_insert',
            text: `INSERT INTO ${TABLE} (body) VALUES ($1)`,
            values: [body],
          });
          const after = performance.now();
          if (after >= measureFrom && after <= stopAt) {
            commits += 1;
            latency.record(after - before);
          }
        }
      }),
    );
  } finally {
    for (const client of clients) client.release();
  }
  await pool.query(`TRUNCATE ${TABLE}`);
  return { commits, seconds: options.durationMs / 1000, latency, synchronousCommit };
}

/**
 * Removes the baseline's table (the run's database is dropped anyway; this keeps the product's
 * later scenarios from sharing a database with a large extra table).
 * @param pool - the run's pool
 */
export async function dropCommitBaseline(pool: Pool): Promise<void> {
  await pool.query(`DROP TABLE IF EXISTS ${TABLE}`);
}
