/**
 * The webhook outbox (filled by the triggers of migration 20261207110000): fanning committed events
 * out to deliveries in commit order, its backlog and its retention.
 */
import type pg from 'pg';
import type { Queryable } from './pool.js';

// Only one process fans out at a time, so a chain's deliveries are created in event order.
const DISPATCH_LOCK = 7_110_001;

/**
 * The oldest transaction still running in this database, as a 64-bit transaction id (the row's
 * `xid`), or beyond every id when none is: an event below it can no longer be preceded by an event
 * of an uncommitted transaction. `pg_stat_activity` gives 32-bit ids; they are widened with the
 * current epoch. Sessions of other databases on the same server are not waited for.
 */
const COMMITTED_HORIZON = `horizon AS (
  SELECT COALESCE(min(
           CASE WHEN widened > current.xmax THEN widened - 4294967296 ELSE widened END
         ), current.xmax + 1) AS oldest_running
    FROM (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xmax) current
    LEFT JOIN LATERAL (
      SELECT (current.xmax & ~4294967295::bigint) + a.backend_xid::text::bigint AS widened
        FROM pg_stat_activity a
       WHERE a.datname = current_database() AND a.backend_xid IS NOT NULL AND a.pid <> pg_backend_pid()
    ) running ON true
   GROUP BY current.xmax
)`;

/**
 * An event whose transaction began this long ago is dispatched even while an older transaction is
 * still running, so a long transaction (a backfill) delays webhooks by this much at most. Only an
 * event of that long transaction itself could then come after a newer one of the same patient.
 */
const COMMIT_ORDER_WAIT_SECONDS = 10;

/**
 * Which outbox events may reach subscribers (on `e`, a `webhook_events` row): the one place events
 * are excluded. A test feed's patient, encounter and follow-ups are sandbox rows and reach no
 * subscriber; an excluded event is marked dispatched with no delivery.
 */
export const DELIVERABLE_WEBHOOK_EVENT = `NOT EXISTS (SELECT 1 FROM patients sp WHERE sp.id = e.patient_id AND sp.sandbox)
            AND NOT EXISTS (SELECT 1 FROM encounters se WHERE se.id = e.encounter_id AND se.sandbox)`;

/**
 * Fans committed outbox events out to one delivery per matching subscription, oldest first, and
 * marks them dispatched. An event is taken only once every transaction of this database older than
 * its own has ended (or after {@link COMMIT_ORDER_WAIT_SECONDS}), so events reach the deliveries
 * table in commit order. Runs under an advisory lock: a
 * second dispatcher finds it held and does nothing.
 * @param pool - the pool (the fan-out is one transaction)
 * @param limit - events per run
 * @returns events dispatched and deliveries created
 */
export async function dispatchWebhookEvents(
  pool: pg.Pool,
  limit: number,
): Promise<{ events: number; deliveries: number }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const lock = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [
      DISPATCH_LOCK,
    ]);
    if (!lock.rows[0]?.locked) {
      await client.query('ROLLBACK');
      return { events: 0, deliveries: 0 };
    }
    const result = await client.query<{ events: number; deliveries: number }>(
      `WITH ${COMMITTED_HORIZON}, batch AS (
         SELECT e.id FROM webhook_events e, horizon
          WHERE e.dispatched_at IS NULL
            AND (e.xid::text::bigint < horizon.oldest_running
                 OR e.occurred_at < now() - make_interval(secs => $2))
          ORDER BY e.id LIMIT $1
       ), fanned AS (
         INSERT INTO webhook_deliveries (subscription_id, event_id, order_key)
         SELECT s.id, e.id, e.patient_id
           FROM batch JOIN webhook_events e ON e.id = batch.id
           JOIN webhook_subscriptions s
             ON s.deleted_at IS NULL
            AND e.type = ANY (s.events)
            AND (cardinality(s.facilities) = 0 OR e.facility = ANY (s.facilities))
            AND (cardinality(s.teams) = 0 OR e.team = ANY (s.teams))
            AND (cardinality(s.kinds) = 0 OR e.kind = ANY (s.kinds))
          WHERE ${DELIVERABLE_WEBHOOK_EVENT}
          ORDER BY e.id, s.id
         ON CONFLICT (subscription_id, event_id) DO NOTHING
         RETURNING id
       ), marked AS (
         UPDATE webhook_events SET dispatched_at = now() WHERE id IN (SELECT id FROM batch) RETURNING id
       )
       SELECT (SELECT count(*) FROM marked)::int AS events, (SELECT count(*) FROM fanned)::int AS deliveries`,
      [limit, COMMIT_ORDER_WAIT_SECONDS],
    );
    await client.query('COMMIT');
    return result.rows[0] ?? { events: 0, deliveries: 0 };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Deliveries waiting to go out and events not yet fanned out (the metrics gauges).
 * @param db - pool or transaction
 */
export async function countWebhookBacklog(db: Queryable): Promise<{ pending: number; undispatched: number }> {
  const result = await db.query<{ pending: number; undispatched: number }>(
    `SELECT (SELECT count(*) FROM webhook_deliveries WHERE status = 'pending')::int AS pending,
            (SELECT count(*) FROM webhook_events WHERE dispatched_at IS NULL)::int AS undispatched`,
  );
  return result.rows[0] ?? { pending: 0, undispatched: 0 };
}

/**
 * Deletes webhook events older than the retention, with their deliveries, once none of those is
 * still pending; a batch at a time.
 * @param pool - the pool (events and deliveries go in one transaction)
 * @param options - retention in days and batch size
 * @returns the number of events deleted
 */
export async function pruneWebhookHistory(
  pool: pg.Pool,
  options: { retentionDays: number; batchSize: number },
): Promise<number> {
  const result = await pool.query(
    `WITH old AS (
       SELECT e.id FROM webhook_events e
        WHERE e.dispatched_at IS NOT NULL AND e.occurred_at < now() - make_interval(days => $1)
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'pending')
        ORDER BY e.id LIMIT $2
        FOR UPDATE SKIP LOCKED
     ), gone AS (
       DELETE FROM webhook_deliveries d USING old WHERE d.event_id = old.id
     )
     DELETE FROM webhook_events e USING old WHERE e.id = old.id`,
    [options.retentionDays, options.batchSize],
  );
  return result.rowCount ?? 0;
}
