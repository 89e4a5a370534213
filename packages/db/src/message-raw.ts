/**
 * Where the raw HL7 of a message lives. The bytes are kept apart from the message row, in
 * `inbound_message_raw`, partitioned by month of receipt so retention drops a month at a time; the
 * few bodies retention must keep past their month are in `inbound_message_raw_kept`
 * (docs/operations.md#retention).
 */

/**
 * Joins the message row aliased `m` to its bytes. Joining on the receipt time as well lets Postgres
 * read only that month's partition. Select {@link MESSAGE_RAW} for the bytes (null once pruned).
 */
export const MESSAGE_RAW_JOIN = `LEFT JOIN inbound_message_raw raw_body
         ON raw_body.message_id = m.id AND raw_body.received_at = m.received_at
       LEFT JOIN inbound_message_raw_kept raw_kept ON raw_kept.message_id = m.id`;

/** The message's raw bytes, through {@link MESSAGE_RAW_JOIN}. */
export const MESSAGE_RAW = 'COALESCE(raw_body.raw, raw_kept.raw)';
