/**
 * Outbound webhooks: subscriptions, the outbox the triggers of migration 20261207110000 fill, and
 * the deliveries fanned out from it. Deliveries of one subscription and patient form a chain that
 * goes out in event order: only a chain's head (no earlier pending delivery) is attempted.
 */
import type pg from 'pg';
import type { Queryable } from './pool.js';

/** A subscription as admins see it: never its secret. */
export interface WebhookSubscription {
  id: string;
  url: string;
  events: string[];
  facilities: string[];
  teams: string[];
  kinds: string[];
  createdBy: string;
  createdAt: Date;
}

/** A subscription with how its deliveries stand. */
export interface WebhookSubscriptionStatus extends WebhookSubscription {
  pending: number;
  delivered: number;
  dead: number;
  lastDeliveredAt: Date | null;
  /** The most recent attempt's outcome: HTTP status, or the error when no answer came. */
  lastAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
}

/** What a new subscription holds. */
export interface NewWebhookSubscription {
  url: string;
  events: readonly string[];
  secret: string;
  facilities: readonly string[];
  teams: readonly string[];
  kinds: readonly string[];
  createdBy: string;
}

/** Where a delivery stands. */
export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'dead';

/** A delivery as ops see it. */
export interface WebhookDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  type: string;
  followUpId: string | null;
  encounterId: string | null;
  patientId: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

/** Everything one attempt needs. */
export interface WebhookDeliveryWork {
  id: string;
  status: WebhookDeliveryStatus;
  generation: number;
  url: string;
  secret: string;
  type: string;
  occurredAt: Date;
  data: Record<string, unknown>;
  /** An earlier delivery of the same chain is still pending: this one must wait. */
  blocked: boolean;
}

const SUBSCRIPTION_COLUMNS = `s.id::text, s.url, s.events, s.facilities, s.teams, s.kinds, s.created_by, s.created_at`;

interface SubscriptionRow {
  id: string;
  url: string;
  events: string[];
  facilities: string[];
  teams: string[];
  kinds: string[];
  created_by: string;
  created_at: Date;
}

function toSubscription(row: SubscriptionRow): WebhookSubscription {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    facilities: row.facilities,
    teams: row.teams,
    kinds: row.kinds,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/**
 * Stores a subscription; events committed from now on are delivered to it.
 * @param db - pool or transaction
 * @param subscription - receiver, events, secret and filters, already validated
 */
export async function createWebhookSubscription(
  db: Queryable,
  subscription: NewWebhookSubscription,
): Promise<WebhookSubscription> {
  const result = await db.query<SubscriptionRow>(
    `INSERT INTO webhook_subscriptions AS s (url, events, secret, facilities, teams, kinds, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING ${SUBSCRIPTION_COLUMNS}`,
    [
      subscription.url,
      subscription.events,
      subscription.secret,
      subscription.facilities,
      subscription.teams,
      subscription.kinds,
      subscription.createdBy,
    ],
  );
  const row = result.rows[0];
  if (!row) throw new Error('subscription not stored');
  return toSubscription(row);
}

/**
 * Every subscription with its delivery counts and latest attempt, oldest first.
 * @param db - pool or transaction
 */
export async function listWebhookSubscriptions(db: Queryable): Promise<WebhookSubscriptionStatus[]> {
  const result = await db.query<
    SubscriptionRow & {
      pending: number;
      delivered: number;
      dead: number;
      last_delivered_at: Date | null;
      last_attempt_at: Date | null;
      last_status: number | null;
      last_error: string | null;
    }
  >(
    `SELECT ${SUBSCRIPTION_COLUMNS},
            counts.pending, counts.delivered, counts.dead, counts.last_delivered_at,
            latest.last_attempt_at, latest.last_status, latest.last_error
       FROM webhook_subscriptions s
       CROSS JOIN LATERAL (
         SELECT count(*) FILTER (WHERE d.status = 'pending')::int AS pending,
                count(*) FILTER (WHERE d.status = 'delivered')::int AS delivered,
                count(*) FILTER (WHERE d.status = 'dead')::int AS dead,
                max(d.delivered_at) AS last_delivered_at
           FROM webhook_deliveries d WHERE d.subscription_id = s.id
       ) counts
       LEFT JOIN LATERAL (
         SELECT d.last_attempt_at, d.last_status, d.last_error
           FROM webhook_deliveries d
          WHERE d.subscription_id = s.id AND d.last_attempt_at IS NOT NULL
          ORDER BY d.last_attempt_at DESC LIMIT 1
       ) latest ON true
      WHERE s.deleted_at IS NULL
      ORDER BY s.id`,
  );
  return result.rows.map((row) => ({
    ...toSubscription(row),
    pending: row.pending,
    delivered: row.delivered,
    dead: row.dead,
    lastDeliveredAt: row.last_delivered_at,
    lastAttemptAt: row.last_attempt_at,
    lastStatus: row.last_status,
    lastError: row.last_error,
  }));
}

/**
 * Deletes a subscription: nothing more is delivered to it (pending deliveries end dead), its secret
 * is erased and its deliveries stay for the record. Deleting a deleted subscription changes nothing.
 * @param db - pool or transaction
 * @param id - the subscription's id
 * @returns the subscription, or null when there never was one
 */
export async function deleteWebhookSubscription(
  db: Queryable,
  id: string,
): Promise<WebhookSubscription | null> {
  const result = await db.query<SubscriptionRow>(
    `WITH ended AS (
       UPDATE webhook_deliveries SET status = 'dead', last_error = 'subscription deleted'
        WHERE subscription_id = $1 AND status = 'pending'
     )
     UPDATE webhook_subscriptions s SET deleted_at = COALESCE(deleted_at, now()), secret = ''
      WHERE s.id = $1 RETURNING ${SUBSCRIPTION_COLUMNS}`,
    [id],
  );
  const row = result.rows[0];
  return row ? toSubscription(row) : null;
}

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
 * Which outbox events may reach subscribers: the one place to exclude events. Test-feed (sandbox)
 * messages must produce no webhooks; once a message or encounter carries that flag, its condition
 * goes here (on `e`, a `webhook_events` row), and excluded events are marked dispatched with no
 * delivery.
 */
export const DELIVERABLE_WEBHOOK_EVENT = 'TRUE';

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

const EARLIER_PENDING = `EXISTS (
  SELECT 1 FROM webhook_deliveries p
   WHERE p.subscription_id = d.subscription_id AND p.order_key = d.order_key
     AND p.status = 'pending' AND p.event_id < d.event_id)`;

/**
 * Pending deliveries that head their chain: the ones that may be attempted now.
 * @param db - pool or transaction
 * @param limit - most returned
 */
export async function findReadyWebhookDeliveries(
  db: Queryable,
  limit: number,
): Promise<{ id: string; generation: number }[]> {
  const result = await db.query<{ id: string; generation: number }>(
    `SELECT d.id::text, d.generation FROM webhook_deliveries d
       JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.deleted_at IS NULL
      WHERE d.status = 'pending' AND NOT ${EARLIER_PENDING}
      ORDER BY d.id LIMIT $1`,
    [limit],
  );
  return result.rows;
}

/**
 * One delivery with its receiver, secret and event, for an attempt; null once its subscription is
 * gone.
 * @param db - pool or transaction
 * @param id - the delivery's id
 */
export async function findWebhookDeliveryWork(
  db: Queryable,
  id: string,
): Promise<WebhookDeliveryWork | null> {
  const result = await db.query<{
    id: string;
    status: WebhookDeliveryStatus;
    generation: number;
    url: string;
    secret: string;
    type: string;
    occurred_at: Date;
    data: Record<string, unknown>;
    blocked: boolean;
  }>(
    `SELECT d.id::text, d.status, d.generation, s.url, s.secret, e.type, e.occurred_at, e.data,
            ${EARLIER_PENDING} AS blocked
       FROM webhook_deliveries d
       JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.deleted_at IS NULL
       JOIN webhook_events e ON e.id = d.event_id
      WHERE d.id = $1`,
    [id],
  );
  const row = result.rows[0];
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    generation: row.generation,
    url: row.url,
    secret: row.secret,
    type: row.type,
    occurredAt: row.occurred_at,
    data: row.data,
    blocked: row.blocked,
  };
}

/** One attempt's outcome, as {@link recordWebhookAttempt} stores it. */
export interface WebhookAttemptRecord {
  delivered: boolean;
  /** No attempt is left: the delivery becomes dead (a redelivery from the ops page revives it). */
  final: boolean;
  statusCode: number | null;
  error: string | null;
}

/**
 * Records an attempt on a pending delivery of the given generation (a redelivery since makes it a
 * no-op).
 * @param db - pool or transaction
 * @param id - the delivery's id
 * @param generation - the generation the attempt belonged to
 * @param attempt - outcome
 * @returns the status the delivery now has, or null when it was not this generation's to record
 */
export async function recordWebhookAttempt(
  db: Queryable,
  id: string,
  generation: number,
  attempt: WebhookAttemptRecord,
): Promise<WebhookDeliveryStatus | null> {
  const result = await db.query<{ status: WebhookDeliveryStatus }>(
    `UPDATE webhook_deliveries
        SET attempts = attempts + 1, last_attempt_at = now(), last_status = $3, last_error = $4,
            status = CASE WHEN $5 THEN 'delivered' WHEN $6 THEN 'dead' ELSE 'pending' END,
            delivered_at = CASE WHEN $5 THEN now() ELSE delivered_at END
      WHERE id = $1 AND generation = $2 AND status = 'pending'
      RETURNING status`,
    [id, generation, attempt.statusCode, attempt.error, attempt.delivered, attempt.final],
  );
  return result.rows[0]?.status ?? null;
}

/**
 * Sends a dead or delivered delivery again: it becomes pending with a fresh set of attempts, in
 * its place in its chain. A pending one is already on its way, and one of a deleted subscription has
 * nowhere to go: both are left as they are.
 * @param db - pool or transaction
 * @param id - the delivery's id
 * @returns the delivery, or null when there is none
 */
export async function redeliverWebhookDelivery(db: Queryable, id: string): Promise<WebhookDelivery | null> {
  await db.query(
    `UPDATE webhook_deliveries
        SET status = 'pending', generation = generation + 1, delivered_at = NULL
      WHERE id = $1 AND status <> 'pending'
        AND subscription_id IN (SELECT id FROM webhook_subscriptions WHERE deleted_at IS NULL)`,
    [id],
  );
  return findWebhookDelivery(db, id);
}

interface DeliveryRow {
  id: string;
  subscription_id: string;
  event_id: string;
  type: string;
  follow_up_id: string | null;
  encounter_id: string | null;
  patient_id: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  last_attempt_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

const DELIVERY_SELECT = `SELECT d.id::text, d.subscription_id::text, d.event_id::text, e.type,
        e.follow_up_id::text, e.encounter_id::text, e.patient_id::text, d.status, d.attempts,
        d.last_attempt_at, d.last_status, d.last_error, d.delivered_at, d.created_at
   FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id`;

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    eventId: row.event_id,
    type: row.type,
    followUpId: row.follow_up_id,
    encounterId: row.encounter_id,
    patientId: row.patient_id,
    status: row.status,
    attempts: row.attempts,
    lastAttemptAt: row.last_attempt_at,
    lastStatus: row.last_status,
    lastError: row.last_error,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
  };
}

/**
 * One delivery.
 * @param db - pool or transaction
 * @param id - the delivery's id
 */
export async function findWebhookDelivery(db: Queryable, id: string): Promise<WebhookDelivery | null> {
  const result = await db.query<DeliveryRow>(`${DELIVERY_SELECT} WHERE d.id = $1`, [id]);
  const row = result.rows[0];
  return row ? toDelivery(row) : null;
}

/**
 * Deliveries, newest first.
 * @param db - pool or transaction
 * @param filter - subscription, status, page
 */
export async function listWebhookDeliveries(
  db: Queryable,
  filter: { subscriptionId?: string; status?: WebhookDeliveryStatus; beforeId?: string; limit: number },
): Promise<WebhookDelivery[]> {
  const result = await db.query<DeliveryRow>(
    `${DELIVERY_SELECT}
      WHERE ($1::bigint IS NULL OR d.subscription_id = $1)
        AND ($2::text IS NULL OR d.status = $2)
        AND ($3::bigint IS NULL OR d.id < $3)
      ORDER BY d.id DESC LIMIT $4`,
    [filter.subscriptionId ?? null, filter.status ?? null, filter.beforeId ?? null, filter.limit],
  );
  return result.rows.map(toDelivery);
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
