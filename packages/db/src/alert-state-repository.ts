/**
 * State of the in-product alerts, shared by every evaluator process. Flood control lives here:
 * each process records what it observes, and a notification is due only while the announced state
 * (`notified_firing`) differs from the observed one. Claiming a due notification is a conditional
 * UPDATE, so one process announces each start and each end, however many evaluate.
 */
import type { Queryable } from './pool.js';

/** One evaluated condition: an alert and its labels (e.g. one per facility). */
export interface AlertObservation {
  /** Stable identity: the alert name and its labels, e.g. `feed_silent:GENERAL_HOSP`. */
  key: string;
  alert: string;
  labels: Readonly<Record<string, string>>;
  firing: boolean;
  /** One line for a person, free of patient data. */
  summary: string;
}

/** A stored alert state, as the ops page shows it. */
export interface AlertState extends AlertObservation {
  /** When the condition last started (firing) or ended. */
  since: Date;
  evaluatedAt: Date;
  /** The state last announced; null when nothing was announced yet. */
  notifiedFiring: boolean | null;
  notifiedAt: Date | null;
  /** Why the last notification attempt failed, until one succeeds. */
  notifyError: string | null;
}

/** A start or an end to announce, claimed by one process. */
export interface AlertNotification extends AlertObservation {
  since: Date;
}

interface AlertStateRow {
  key: string;
  alert: string;
  labels: Record<string, string>;
  firing: boolean;
  summary: string;
  since: Date;
  evaluated_at: Date;
  notified_firing: boolean | null;
  notified_at: Date | null;
  notify_error: string | null;
}

/** A notification is due for a start not yet announced, or an end of an announced start. */
const NOTIFICATION_DUE = `((firing AND notified_firing IS NOT TRUE) OR (NOT firing AND notified_firing IS TRUE))`;

/**
 * Records what an evaluator observed. A change of state moves `since`; a condition that was never
 * firing is stored too, so the ops page lists everything that is watched.
 * @param observations - the conditions evaluated this round
 */
export async function recordAlertObservations(
  db: Queryable,
  observations: readonly AlertObservation[],
): Promise<void> {
  if (observations.length === 0) return;
  await db.query(
    `INSERT INTO alert_states AS s (key, alert, labels, firing, summary)
     SELECT o.key, o.alert, o.labels, o.firing, o.summary
       FROM jsonb_to_recordset($1::jsonb) AS o(key text, alert text, labels jsonb, firing boolean, summary text)
      -- One lock order for every process, so two evaluators writing together cannot deadlock.
      ORDER BY o.key
     ON CONFLICT (key) DO UPDATE
       SET firing = EXCLUDED.firing,
           summary = EXCLUDED.summary,
           labels = EXCLUDED.labels,
           since = CASE WHEN s.firing = EXCLUDED.firing THEN s.since ELSE now() END,
           evaluated_at = now()`,
    [JSON.stringify([...observations].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)))],
  );
}

/**
 * Drops the states of conditions an evaluation no longer produces: a feed that left the watch
 * window, or a facility that was never a feed (refused messages once made one). Dropped quietly,
 * without an end notice: after a flood of invented facilities, one notice each would be a second flood.
 * @param observedKeys - every key of one complete evaluation
 * @returns how many states were dropped
 */
export async function retireUnobservedAlerts(
  db: Queryable,
  observedKeys: readonly string[],
): Promise<number> {
  if (observedKeys.length === 0) return 0;
  const result = await db.query(`DELETE FROM alert_states WHERE NOT (key = ANY($1::text[]))`, [
    [...observedKeys],
  ]);
  return result.rowCount ?? 0;
}

/**
 * Claims every due notification for `leaseMs`: another process skips them meanwhile. The caller
 * announces each and then calls {@link markAlertNotified} or {@link deferAlertNotification}.
 * @param leaseMs - how long the claim holds if the caller dies before reporting back
 */
export async function claimAlertNotifications(db: Queryable, leaseMs: number): Promise<AlertNotification[]> {
  const result = await db.query<AlertStateRow>(
    `UPDATE alert_states
        SET notify_after = now() + make_interval(secs => $1::double precision / 1000)
      WHERE ${NOTIFICATION_DUE} AND notify_after <= now()
      RETURNING key, alert, labels, firing, summary, since`,
    [leaseMs],
  );
  return result.rows.map((row) => ({
    key: row.key,
    alert: row.alert,
    labels: row.labels,
    firing: row.firing,
    summary: row.summary,
    since: row.since,
  }));
}

/**
 * Records that a start (`firing` true) or an end was announced. If the condition changed again
 * meanwhile, the difference makes the next notification due.
 * @param key - the alert state's key
 * @param firing - the state that was announced
 */
export async function markAlertNotified(db: Queryable, key: string, firing: boolean): Promise<void> {
  await db.query(
    `UPDATE alert_states
        SET notified_firing = $2, notified_at = now(), notify_after = '-infinity', notify_error = NULL
      WHERE key = $1`,
    [key, firing],
  );
}

/**
 * Leaves a notification due, to be retried after `retryMs`, with the reason it failed.
 * @param key - the alert state's key
 * @param retryMs - wait before the next attempt
 * @param error - why delivery failed (shown on the ops page)
 */
export async function deferAlertNotification(
  db: Queryable,
  key: string,
  retryMs: number,
  error: string,
): Promise<void> {
  await db.query(
    `UPDATE alert_states
        SET notify_after = now() + make_interval(secs => $2::double precision / 1000), notify_error = $3
      WHERE key = $1`,
    [key, retryMs, error],
  );
}

/**
 * Every alert state, firing ones first, then by alert and key.
 */
export async function listAlertStates(db: Queryable): Promise<AlertState[]> {
  const result = await db.query<AlertStateRow>(
    `SELECT key, alert, labels, firing, summary, since, evaluated_at, notified_firing, notified_at, notify_error
       FROM alert_states
      ORDER BY firing DESC, alert, key`,
  );
  return result.rows.map((row) => ({
    key: row.key,
    alert: row.alert,
    labels: row.labels,
    firing: row.firing,
    summary: row.summary,
    since: row.since,
    evaluatedAt: row.evaluated_at,
    notifiedFiring: row.notified_firing,
    notifiedAt: row.notified_at,
    notifyError: row.notify_error,
  }));
}

/** The alert state functions bound to a pool, in the shape the alert evaluator takes. */
export interface AlertStateStore {
  /** Records one complete evaluation and drops the states of conditions it no longer has. */
  record: (observations: readonly AlertObservation[]) => Promise<void>;
  claim: (leaseMs: number) => Promise<AlertNotification[]>;
  markNotified: (key: string, firing: boolean) => Promise<void>;
  defer: (key: string, retryMs: number, error: string) => Promise<void>;
}

/**
 * Binds the alert state functions to a pool (the evaluator's state port).
 */
export function createAlertStateStore(db: Queryable): AlertStateStore {
  return {
    record: async (observations) => {
      await recordAlertObservations(db, observations);
      await retireUnobservedAlerts(
        db,
        observations.map((o) => o.key),
      );
    },
    claim: (leaseMs) => claimAlertNotifications(db, leaseMs),
    markNotified: (key, firing) => markAlertNotified(db, key, firing),
    defer: (key, retryMs, error) => deferAlertNotification(db, key, retryMs, error),
  };
}
