/**
 * Where the raw HL7 of a message lives. The bytes are kept apart from the message row, in
 * `inbound_message_raw`, partitioned by month of receipt so retention drops a month at a time; the
 * few bodies retention must keep past their month are in `inbound_message_raw_kept`
 * (docs/operations.md#retention).
 */

/**
 * Joins the message row aliased `m` to its bytes. The lateral lookup by id and receipt time (its
 * `LIMIT 1` keeps Postgres from flattening it into a plain join) reads only the partition of that
 * month: the others are pruned as the query runs, however many months are kept. Select
 * {@link MESSAGE_RAW} for the bytes (null once pruned).
 */
export const MESSAGE_RAW_JOIN = `LEFT JOIN LATERAL (
         SELECT r.raw FROM inbound_message_raw r
          WHERE r.message_id = m.id AND r.received_at = m.received_at
          LIMIT 1
       ) raw_body ON true
       LEFT JOIN inbound_message_raw_kept raw_kept ON raw_kept.message_id = m.id`;

/** The message's raw bytes, through {@link MESSAGE_RAW_JOIN}. */
export const MESSAGE_RAW = 'COALESCE(raw_body.raw, raw_kept.raw)';
