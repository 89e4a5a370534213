/**
 * Retention of raw HL7 (docs/operations.md#retention). The bytes live in `inbound_message_raw`,
 * partitioned by month of receipt (UTC); the message rows in `inbound_messages` stay forever, so
 * the history of what was received and answered, duplicate detection and the encounter history
 * keep working. Once a whole month is older than the retention period its partition is dropped:
 * no row is rewritten, whatever the volume.
 *
 * Kept, whatever their age (copied to `inbound_message_raw_kept` before their month goes):
 * - messages still waiting (`received`) or `failed`: they must be processed or replayed;
 * - messages applied to an encounter that has an open or in-progress follow-up: the follow-up's
 *   source messages, which ops and navigators may need to read;
 * - messages of an encounter with any activity inside the retention window: a late event makes the
 *   worker replay the encounter's history from the stored messages.
 * Those, and bodies that arrived for a month without a partition (the default partition), are
 * pruned row by row once the policy lets them go.
 */
import type pg from 'pg';
import { withTransaction, type Queryable } from './pool.js';

/** Months created ahead of the current one, so a month's first message never waits for DDL. */
export const RAW_PARTITION_MONTHS_AHEAD = 2;

/**
 * DDL on the partitioned table waits at most this long for a lock, then fails and is retried on the
 * next run: a partition change queued behind a long query would otherwise hold up the listener's
 * inserts queued behind it.
 */
const PARTITION_LOCK_TIMEOUT = '5s';

const PARTITION_NAME = /^inbound_message_raw_\d{4}_\d{2}$/;

/**
 * A body the policy keeps, for a message row aliased `m`; `$1` is the retention in days.
 */
const KEPT_BY_POLICY = `(m.status NOT IN ('processed', 'duplicate', 'rejected')
       OR EXISTS (
            SELECT 1 FROM encounter_events ee
              JOIN encounters e ON e.id = ee.encounter_id
             WHERE ee.message_id = m.id
               AND (e.updated_at >= now() - make_interval(days => $1)
                    OR EXISTS (SELECT 1 FROM follow_ups f
                                WHERE f.encounter_id = e.id AND f.status IN ('open', 'in_progress')))))`;

/**
 * Creates the monthly partitions of raw HL7 for the month of `at` and the months after it, unless
 * they exist; bodies the default partition holds for those months move in. Several processes may
 * call it at once.
 * @param at - the first month (default: now)
 * @returns the partitions' names
 */
export async function ensureRawMessagePartitions(
  pool: pg.Pool,
  options: { at?: Date; monthsAhead?: number } = {},
): Promise<string[]> {
  return withTransaction(pool, async (client) => {
    await client.query(`SELECT set_config('lock_timeout', $1, true)`, [PARTITION_LOCK_TIMEOUT]);
    const result = await client.query<{ name: string }>(
      `SELECT create_inbound_message_raw_partition(month) AS name
         FROM generate_series(0, $2::int) AS ahead,
              LATERAL (SELECT (date_trunc('month', $1::timestamptz AT TIME ZONE 'UTC')
                               + make_interval(months => ahead)) AT TIME ZONE 'UTC' AS month) AS m
        ORDER BY ahead`,
      [options.at ?? new Date(), options.monthsAhead ?? RAW_PARTITION_MONTHS_AHEAD],
    );
    return result.rows.map((row) => row.name);
  });
}

/** A monthly partition of raw HL7. */
export interface RawMessagePartition {
  name: string;
  /** First instant of the month (UTC). */
  from: Date;
  /** First instant of the next month. */
  to: Date;
}

/**
 * The monthly partitions of raw HL7, oldest first.
 */
export async function listRawMessagePartitions(db: Queryable): Promise<RawMessagePartition[]> {
  const result = await db.query<{ name: string; month: Date; next_month: Date }>(
    `SELECT c.relname AS name,
            to_date(right(c.relname, 7), 'YYYY_MM')::timestamp AT TIME ZONE 'UTC' AS month,
            (to_date(right(c.relname, 7), 'YYYY_MM') + interval '1 month') AT TIME ZONE 'UTC' AS next_month
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'inbound_message_raw'::regclass AND c.relname ~ '^inbound_message_raw_\\d{4}_\\d{2}$'
      ORDER BY c.relname`,
  );
  return result.rows.map((row) => ({ name: row.name, from: row.month, to: row.next_month }));
}

/** What dropping one month did. */
export interface DroppedPartition {
  name: string;
  /** Bodies erased with the partition. */
  pruned: number;
  /** Bodies the policy kept, copied to `inbound_message_raw_kept` first. */
  kept: number;
}

/**
 * Drops the partitions of every month that ended longer than `retentionDays` ago, each in its own
 * transaction: the bodies the policy keeps are copied out first, then the partition is dropped. The
 * drop locks the partitioned table for a moment (not the message rows); if the lock does not come
 * within a few seconds the call fails and the next run retries.
 * @param retentionDays - the retention period
 * @param now - the current time (tests)
 */
export async function dropExpiredRawPartitions(
  pool: pg.Pool,
  retentionDays: number,
  now: Date = new Date(),
): Promise<DroppedPartition[]> {
  const cutoff = now.getTime() - retentionDays * 86_400_000;
  const expired = (await listRawMessagePartitions(pool)).filter((p) => p.to.getTime() <= cutoff);
  const dropped: DroppedPartition[] = [];
  for (const partition of expired) dropped.push(await dropRawPartition(pool, partition.name, retentionDays));
  return dropped;
}

async function dropRawPartition(
  pool: pg.Pool,
  name: string,
  retentionDays: number,
): Promise<DroppedPartition> {
  // The name comes from the catalog; checked again because it is spliced into DDL.
  if (!PARTITION_NAME.test(name)) throw new Error(`not a raw message partition: ${name}`);
  return withTransaction(pool, async (client) => {
    const counted = await client.query<{ total: string; kept: string }>(
      `WITH kept AS (
         INSERT INTO inbound_message_raw_kept (message_id, received_at, raw)
         SELECT b.message_id, b.received_at, b.raw
           FROM ${name} b JOIN inbound_messages m ON m.id = b.message_id
          WHERE ${KEPT_BY_POLICY}
         ON CONFLICT (message_id) DO NOTHING
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM ${name}) AS total, (SELECT count(*) FROM kept) AS kept`,
      [retentionDays],
    );
    await client.query(`SELECT set_config('lock_timeout', $1, true)`, [PARTITION_LOCK_TIMEOUT]);
    await client.query(`DROP TABLE ${name}`);
    const total = Number(counted.rows[0]?.total ?? 0);
    const kept = Number(counted.rows[0]?.kept ?? 0);
    return { name, pruned: total - kept, kept };
  });
}

/** Options for {@link pruneRawMessages}. */
export interface PruneOptions {
  /** Messages received longer ago than this are candidates. */
  retentionDays: number;
  /** Most bodies pruned by one call (one short transaction). */
  batchSize: number;
}

/**
 * Prunes one batch of the bodies kept outside the monthly partitions (kept by the policy, or received
 * for a month that had no partition) that are older than the retention period and that the policy
 * now lets go, oldest first. Rows another process is pruning are skipped, so several workers can run
 * it together.
 * @param options - retention and batch size
 * @returns how many bodies were pruned (fewer than the batch size: nothing more to do)
 */
export async function pruneRawMessages(db: Queryable, options: PruneOptions): Promise<number> {
  const result = await db.query<{ pruned: string }>(
    `WITH default_candidates AS (
       SELECT b.message_id, b.received_at FROM inbound_message_raw_default b
         JOIN inbound_messages m ON m.id = b.message_id
        WHERE b.received_at < now() - make_interval(days => $1) AND NOT ${KEPT_BY_POLICY}
        ORDER BY b.received_at
        LIMIT $2
        FOR UPDATE OF b SKIP LOCKED
     ), kept_candidates AS (
       SELECT b.message_id FROM inbound_message_raw_kept b
         JOIN inbound_messages m ON m.id = b.message_id
        WHERE b.received_at < now() - make_interval(days => $1) AND NOT ${KEPT_BY_POLICY}
        ORDER BY b.received_at
        LIMIT $2
        FOR UPDATE OF b SKIP LOCKED
     ), from_default AS (
       DELETE FROM inbound_message_raw_default b USING default_candidates c
        WHERE b.message_id = c.message_id AND b.received_at = c.received_at
       RETURNING 1
     ), from_kept AS (
       DELETE FROM inbound_message_raw_kept b USING kept_candidates c
        WHERE b.message_id = c.message_id
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM from_default) + (SELECT count(*) FROM from_kept) AS pruned`,
    [options.retentionDays, options.batchSize],
  );
  return Number(result.rows[0]?.pruned ?? 0);
}
