import type { Queryable } from './pool.js';

/** One step in a stored message's life, oldest first. */
export interface MessageHistoryEntry {
  at: Date;
  /** received, retransmission, applied, processed, failed, rejected or waiting */
  event: string;
  /** What happened, in words for ops (ids and codes only, no patient data). */
  detail: string;
}

interface HistoryRow {
  at: Date;
  event: string;
  detail: string | null;
}

/**
 * What happened to a stored message: its receipt and ACK, every retransmission the sender made,
 * the encounter event it was applied as, and its latest outcome (processed, failed with the reason
 * and attempt count, or waiting after a replay). Built from the rows themselves, so it needs no
 * extra bookkeeping on the hot path.
 * @param id - message id
 */
export async function listMessageHistory(db: Queryable, id: string): Promise<MessageHistoryEntry[]> {
  const result = await db.query<HistoryRow>(
    `SELECT received_at AS at, 'received' AS event,
            'ACK ' || COALESCE(ack_code, '-') || ' from ' || sending_application || '@' || sending_facility AS detail
       FROM inbound_messages WHERE id = $1
     UNION ALL
     SELECT received_at, 'retransmission', 'resent by the sender as message ' || id || ', ACK ' || COALESCE(ack_code, '-')
       FROM inbound_messages WHERE duplicate_of = $1
     UNION ALL
     SELECT applied_at, 'applied',
            event_type || ' applied to encounter ' || encounter_id || COALESCE(' (' || note || ')', '')
       FROM encounter_events WHERE message_id = $1
     UNION ALL
     SELECT COALESCE(processed_at, updated_at),
            CASE status WHEN 'received' THEN 'waiting' ELSE status END,
            CONCAT_WS(' · ', status_reason, CASE WHEN attempts > 0 THEN attempts || ' failed attempt(s)' END)
       FROM inbound_messages WHERE id = $1 AND status <> 'duplicate'
        AND (status <> 'received' OR updated_at > received_at)
     ORDER BY at, event`,
    [id],
  );
  return result.rows.map((row) => ({ at: row.at, event: row.event, detail: row.detail ?? '' }));
}
