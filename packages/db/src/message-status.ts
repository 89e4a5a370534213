/**
 * Processing status of stored messages, read by the listener to send enhanced-mode application
 * acknowledgments (MSH-16) once the worker is done with a message.
 */
import type { Queryable } from './pool.js';
import type { MessageStatus } from './message-repository.js';

/** Where one stored message stands. */
export interface MessageStatusRow {
  id: string;
  status: MessageStatus;
  statusReason: string | null;
}

/**
 * Reads the status of several messages in one query.
 * @param ids - message ids
 * @returns one row per id that exists, in no particular order
 */
export async function findMessageStatuses(
  db: Queryable,
  ids: readonly string[],
): Promise<MessageStatusRow[]> {
  if (ids.length === 0) return [];
  const result = await db.query<{ id: string; status: MessageStatus; status_reason: string | null }>(
    'SELECT id, status, status_reason FROM inbound_messages WHERE id = ANY($1::bigint[])',
    [ids],
  );
  return result.rows.map((row) => ({ id: row.id, status: row.status, statusReason: row.status_reason }));
}
