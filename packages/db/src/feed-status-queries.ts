/**
 * What operations watch, read from the stored messages: whether each facility is sending, how much
 * waits for the worker, and how much failed. Postgres is the record, so these answers hold even when
 * Redis lost its queue (the sweep re-enqueues what is waiting).
 *
 * A feed is a sending facility with accepted traffic (`AA`/`CA`: any status but `rejected`). MSH-4
 * is whatever a peer writes, so refused messages never make a feed: a sender inventing facilities
 * would otherwise add a feed, and later a feed-silent alert, for each.
 */
import type { Queryable } from './pool.js';
import { countOpenEscalationsByTeam, type TeamEscalationCount } from './escalation-repository.js';

/** A sending facility's newest accepted message. */
export interface FacilityLastMessage {
  facility: string;
  lastReceivedAt: Date;
}

/**
 * Each sending facility (MSH-4) with a message accepted in the last `lookbackDays`, with the time
 * of its newest accepted message. Reads one index entry per such facility (a skip scan over the
 * partial index of accepted messages), not the messages.
 * @param lookbackDays - facilities silent for longer are no longer watched
 */
export async function listFacilityLastMessages(
  db: Queryable,
  lookbackDays: number,
): Promise<FacilityLastMessage[]> {
  const result = await db.query<{ facility: string; last_received_at: Date }>(
    `WITH RECURSIVE facilities AS (
       SELECT min(sending_facility) AS facility FROM inbound_messages
        WHERE sending_facility <> '' AND status <> 'rejected'
       UNION ALL
       SELECT (SELECT min(sending_facility) FROM inbound_messages
                WHERE sending_facility > f.facility AND status <> 'rejected')
         FROM facilities f WHERE f.facility IS NOT NULL
     )
     SELECT facility, last_received_at FROM (
       SELECT f.facility,
              (SELECT max(received_at) FROM inbound_messages m
                WHERE m.sending_facility = f.facility AND m.status <> 'rejected') AS last_received_at
         FROM facilities f WHERE f.facility IS NOT NULL
     ) latest
     WHERE last_received_at > now() - make_interval(days => $1)
     ORDER BY facility`,
    [lookbackDays],
  );
  return result.rows.map((row) => ({ facility: row.facility, lastReceivedAt: row.last_received_at }));
}

/** One facility's feed, as the ops page shows it. */
export interface FacilityFeed extends FacilityLastMessage {
  /** Messages received since midnight in the practice time zone (duplicates and rejects included). */
  messagesToday: number;
  messagesLastHour: number;
  /** Messages refused today (stored as rejected). */
  rejectedToday: number;
  /** ACK codes sent today, e.g. `{ "AA": 120, "AE": 2 }`. */
  ackCodesToday: Record<string, number>;
}

/**
 * Every feed (a facility with a message accepted in the last `lookbackDays`) with today's and the
 * last hour's traffic, refused messages included.
 * @param options - the practice time zone (for "today") and the lookback
 */
export async function listFacilityFeeds(
  db: Queryable,
  options: { timeZone: string; lookbackDays: number },
): Promise<FacilityFeed[]> {
  const facilities = await listFacilityLastMessages(db, options.lookbackDays);
  if (facilities.length === 0) return [];
  const result = await db.query<{
    facility: string;
    today: string;
    last_hour: string;
    rejected: string;
    ack_codes: Record<string, number> | null;
  }>(
    `WITH today AS (
       SELECT m.sending_facility AS facility, m.received_at, m.status, m.ack_code
         FROM inbound_messages m
        WHERE m.sending_facility = ANY($1::text[])
          AND m.received_at >= (date_trunc('day', now() AT TIME ZONE $2) AT TIME ZONE $2)
     )
     SELECT f.facility,
            count(t.received_at) AS today,
            count(t.received_at) FILTER (WHERE t.received_at >= now() - interval '1 hour') AS last_hour,
            count(t.received_at) FILTER (WHERE t.status = 'rejected') AS rejected,
            (SELECT jsonb_object_agg(code, n) FROM (
               SELECT t2.ack_code AS code, count(*) AS n FROM today t2
                WHERE t2.facility = f.facility AND t2.ack_code IS NOT NULL GROUP BY t2.ack_code) codes
            ) AS ack_codes
       FROM unnest($1::text[]) AS f(facility)
       LEFT JOIN today t ON t.facility = f.facility
      GROUP BY f.facility`,
    [facilities.map((f) => f.facility), options.timeZone],
  );
  const traffic = new Map(result.rows.map((row) => [row.facility, row]));
  return facilities.map((f) => {
    const row = traffic.get(f.facility);
    return {
      ...f,
      messagesToday: Number(row?.today ?? 0),
      messagesLastHour: Number(row?.last_hour ?? 0),
      rejectedToday: Number(row?.rejected ?? 0),
      ackCodesToday: row?.ack_codes ?? {},
    };
  });
}

/** Stored messages the worker has not finished. */
export interface ProcessingBacklog {
  /** Messages in status `received` (queued, running or waiting for a retry). */
  waiting: number;
  /** Receipt time of the oldest of them; null when none waits. */
  oldestReceivedAt: Date | null;
}

/**
 * How many stored messages wait for processing, and since when.
 */
export async function findProcessingBacklog(db: Queryable): Promise<ProcessingBacklog> {
  const result = await db.query<{ waiting: string; oldest: Date | null }>(
    `SELECT count(*) AS waiting, min(received_at) AS oldest FROM inbound_messages WHERE status = 'received'`,
  );
  const row = result.rows[0];
  return { waiting: Number(row?.waiting ?? 0), oldestReceivedAt: row?.oldest ?? null };
}

/** Messages that finished processing within a window. */
export interface ProcessingOutcomes {
  /** Messages marked failed in the window (retries exhausted, or unprocessable). */
  failed: number;
  /** Messages received in the window and processed. */
  processed: number;
}

/**
 * Failed and processed message counts over the last `windowMs`, for the failure-rate alert.
 * @param windowMs - the window
 */
export async function countProcessingOutcomes(db: Queryable, windowMs: number): Promise<ProcessingOutcomes> {
  // Failed rows are few, so their update time is read directly; processed ones are many and are
  // counted by receipt time, which the status index covers.
  const result = await db.query<{ failed: string; processed: string }>(
    `SELECT
       (SELECT count(*) FROM inbound_messages
         WHERE status = 'failed' AND updated_at > now() - make_interval(secs => $1::double precision / 1000))
         AS failed,
       (SELECT count(*) FROM inbound_messages
         WHERE status = 'processed' AND received_at > now() - make_interval(secs => $1::double precision / 1000))
         AS processed`,
    [windowMs],
  );
  const row = result.rows[0];
  return { failed: Number(row?.failed ?? 0), processed: Number(row?.processed ?? 0) };
}

/** Everything the alert conditions read from the stored messages. */
export interface StoreSnapshot {
  facilities: FacilityLastMessage[];
  backlog: ProcessingBacklog;
  outcomes: ProcessingOutcomes;
  /** Every team with its open escalations (the escalated follow-ups alert). */
  escalations: TeamEscalationCount[];
}

/** Facilities silent for longer than this are no longer watched for the feed-silent alert. */
export const FEED_WATCH_DAYS = 7;

/**
 * Reads what the alert conditions need, in four short queries.
 * @param failureWindowMs - window of the failure-rate condition
 */
export async function readStoreSnapshot(db: Queryable, failureWindowMs: number): Promise<StoreSnapshot> {
  return {
    facilities: await listFacilityLastMessages(db, FEED_WATCH_DAYS),
    backlog: await findProcessingBacklog(db),
    outcomes: await countProcessingOutcomes(db, failureWindowMs),
    escalations: await countOpenEscalationsByTeam(db),
  };
}
