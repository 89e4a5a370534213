/**
 * Group commit for the listener: messages received on many connections at about the same time
 * are stored by one multi-row INSERT and one commit, instead of one round trip and one commit each.
 * Each message still gets its own {@link StoreResult}, exactly as {@link storeInboundMessage} gives.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from './pool.js';
import { storeInboundMessage, type NewInboundMessage, type StoreResult } from './message-repository.js';

/**
 * Stores accepted messages in one statement. Messages whose identity is already stored (a resend)
 * are then recorded one by one as duplicates by {@link storeInboundMessage}.
 * Two messages of one batch must not share sender and control id (the caller splits such batches),
 * so that the control-id-reuse check sees the earlier one, as it does when they arrive apart.
 * @param messages - the batch, in arrival order (ids are assigned in this order)
 * @returns one result per message, in the same order
 */
export async function storeInboundMessages(
  db: Queryable,
  messages: readonly NewInboundMessage[],
): Promise<StoreResult[]> {
  const only = messages[0];
  if (messages.length === 1 && only) return [await storeInboundMessage(db, only)];
  // The correlation id is unique per message: it maps RETURNING rows (unordered) back to the batch.
  const rows = messages.map((m) => ({ ...m, correlationId: m.correlationId ?? randomUUID() }));
  const inserted = await db.query<{ correlation_id: string; id: string; control_id_reused: boolean }>(
    `WITH batch AS (
       SELECT * FROM unnest($1::bytea[], $2::bytea[], $3::text[], $4::text[], $5::text[], $6::text[],
                            $7::text[], $8::text[], $9::text[], $10::uuid[], $11::boolean[]) WITH ORDINALITY
              AS i(raw, content_hash, peer_address, sending_application, sending_facility, control_id,
                   message_type, version_id, ack_code, correlation_id, sandbox, ord)
     ), stored AS (
       INSERT INTO inbound_messages
         (content_hash, peer_address, sending_application, sending_facility, control_id,
          message_type, version_id, status, ack_code, control_id_reused, correlation_id, sandbox)
       SELECT i.content_hash, i.peer_address, i.sending_application, i.sending_facility,
              i.control_id, i.message_type, i.version_id, 'received', i.ack_code,
              EXISTS (SELECT 1 FROM inbound_messages m
                       WHERE m.sending_application = i.sending_application
                         AND m.sending_facility = i.sending_facility AND m.control_id = i.control_id
                         AND m.content_hash <> i.content_hash AND m.status NOT IN ('duplicate', 'rejected')),
              i.correlation_id, i.sandbox
         FROM batch i
        ORDER BY i.ord
       ON CONFLICT (sending_application, sending_facility, control_id, content_hash)
         WHERE status NOT IN ('duplicate', 'rejected') DO NOTHING
       RETURNING correlation_id, id, received_at, control_id_reused
     ), body AS (
       INSERT INTO inbound_message_raw (message_id, received_at, raw)
       SELECT s.id, s.received_at, i.raw FROM stored s JOIN batch i ON i.correlation_id = s.correlation_id
     )
     SELECT correlation_id, id, control_id_reused FROM stored`,
    [
      rows.map((m) => m.raw),
      rows.map((m) => m.contentHash),
      rows.map((m) => m.peerAddress),
      rows.map((m) => m.sendingApplication),
      rows.map((m) => m.sendingFacility),
      rows.map((m) => m.controlId),
      rows.map((m) => m.messageType),
      rows.map((m) => m.versionId),
      rows.map((m) => m.ackCode),
      rows.map((m) => m.correlationId),
      rows.map((m) => m.sandbox ?? false),
    ],
  );
  const stored = new Map(inserted.rows.map((row) => [row.correlation_id, row]));
  const results: StoreResult[] = [];
  for (const message of rows) {
    const row = stored.get(message.correlationId);
    results.push(
      row
        ? { outcome: 'stored', id: row.id, controlIdReused: row.control_id_reused }
        : // Not inserted: the identity is stored already, so this records the duplicate.
          await storeInboundMessage(db, message),
    );
  }
  return results;
}
