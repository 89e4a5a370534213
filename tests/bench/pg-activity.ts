/**
 * What the product asks of Postgres, from the database's own counters (pg_stat_database): commits
 * and rows written per message are the cost model of a durable ingest, and a figure to compare
 * with the single-row commit of the baseline.
 */
import type { Pool } from './product-stack.js';

/** Cumulative counters of the run's database. */
export interface PgActivity {
  commits: number;
  rollbacks: number;
  inserted: number;
  updated: number;
  deleted: number;
}

/**
 * Reads the counters now. Backends publish them at most once a second, so a difference over a
 * short window is approximate; the benchmark's own polling is counted too (a few commits a second).
 * @param pool - a pool on the run's database
 */
export async function readPgActivity(pool: Pool): Promise<PgActivity> {
  const client = await pool.connect();
  try {
    // Statistics are snapshotted per transaction: clear the snapshot to read current values.
    await client.query('SELECT pg_stat_clear_snapshot()');
    const result = await client.query<{
      xact_commit: string;
      xact_rollback: string;
      tup_inserted: string;
      tup_updated: string;
      tup_deleted: string;
    }>(
      `SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted
         FROM pg_stat_database WHERE datname = current_database()`,
    );
    const row = result.rows[0];
    if (!row) throw new Error('no statistics for the current database');
    return {
      commits: Number(row.xact_commit),
      rollbacks: Number(row.xact_rollback),
      inserted: Number(row.tup_inserted),
      updated: Number(row.tup_updated),
      deleted: Number(row.tup_deleted),
    };
  } finally {
    client.release();
  }
}

/**
 * Counters per message between two readings.
 * @param before - earlier reading
 * @param after - later reading
 * @param messages - messages handled in between
 */
export function activityPerMessage(
  before: PgActivity,
  after: PgActivity,
  messages: number,
): Record<keyof PgActivity, number> | null {
  if (messages <= 0) return null;
  const per = (key: keyof PgActivity) => Math.round(((after[key] - before[key]) / messages) * 100) / 100;
  return {
    commits: per('commits'),
    rollbacks: per('rollbacks'),
    inserted: per('inserted'),
    updated: per('updated'),
    deleted: per('deleted'),
  };
}
