import { MESSAGE_RAW, MESSAGE_RAW_JOIN } from './message-raw.js';
import type { Queryable } from './pool.js';

/** Processing state of a stored inbound message. */
export type MessageStatus = 'received' | 'processed' | 'duplicate' | 'rejected' | 'failed';

/** What the listener knows of a message when it stores it (from MSH, without a full parse). */
export interface NewInboundMessage {
  raw: Buffer;
  contentHash: Buffer;
  peerAddress: string | null;
  sendingApplication: string;
  sendingFacility: string;
  controlId: string;
  messageType: string;
  versionId: string;
  /** The ACK code that goes out once the insert commits. */
  ackCode: string;
  /** The id the listener put on every log line of this receipt; Postgres makes one when absent. */
  correlationId?: string;
  /** A test-feed message (facility in test mode, or MSH-11 `T`): processed into the sandbox. */
  sandbox?: boolean;
}

/** Outcome of {@link storeInboundMessage}. */
export type StoreResult =
  | { outcome: 'stored'; id: string; controlIdReused: boolean }
  | { outcome: 'duplicate'; id: string; originalId: string; originalStatus: MessageStatus };

/**
 * Stores an accepted message, or records it as a duplicate of the stored original with the same
 * sender, control id and content (routing spec: a resend after a lost ACK).
 * @param message - the message and its identity
 */
export async function storeInboundMessage(db: Queryable, message: NewInboundMessage): Promise<StoreResult> {
  const identity = [
    message.sendingApplication,
    message.sendingFacility,
    message.controlId,
    message.contentHash,
  ] as const;
  const inserted = await db.query<{ id: string; control_id_reused: boolean }>(
    `WITH stored AS (
       INSERT INTO inbound_messages
         (content_hash, peer_address, sending_application, sending_facility, control_id,
          message_type, version_id, status, ack_code, control_id_reused, correlation_id, sandbox)
       SELECT $4, $6, $1, $2, $3, $7, $8, 'received', $9,
              EXISTS (SELECT 1 FROM inbound_messages
                       WHERE sending_application = $1 AND sending_facility = $2 AND control_id = $3
                         AND content_hash <> $4 AND status NOT IN ('duplicate', 'rejected')),
              COALESCE($10::uuid, gen_random_uuid()), $11
       ON CONFLICT (sending_application, sending_facility, control_id, content_hash)
         WHERE status NOT IN ('duplicate', 'rejected') DO NOTHING
       RETURNING id, received_at, control_id_reused
     ), body AS (
       INSERT INTO inbound_message_raw (message_id, received_at, raw) SELECT id, received_at, $5 FROM stored
     )
     SELECT id, control_id_reused FROM stored`,
    [
      ...identity,
      message.raw,
      message.peerAddress,
      message.messageType,
      message.versionId,
      message.ackCode,
      message.correlationId ?? null,
      message.sandbox ?? false,
    ],
  );
  const row = inserted.rows[0];
  if (row) return { outcome: 'stored', id: row.id, controlIdReused: row.control_id_reused };

  const duplicate = await db.query<{ id: string; original_id: string; original_status: MessageStatus }>(
    `WITH original AS (
       SELECT id, status FROM inbound_messages
        WHERE sending_application = $1 AND sending_facility = $2 AND control_id = $3 AND content_hash = $4
          AND status NOT IN ('duplicate', 'rejected')
     )
     INSERT INTO inbound_messages
       (content_hash, peer_address, sending_application, sending_facility, control_id, message_type,
        version_id, status, duplicate_of, ack_code, status_reason, correlation_id)
     SELECT $4, $5, $1, $2, $3, $6, $7, 'duplicate', original.id, $8, 'retransmission of message ' || original.id,
            COALESCE($9::uuid, gen_random_uuid())
       FROM original
     RETURNING id, duplicate_of AS original_id, (SELECT status FROM original) AS original_status`,
    [
      ...identity,
      message.peerAddress,
      message.messageType,
      message.versionId,
      message.ackCode,
      message.correlationId ?? null,
    ],
  );
  const dup = duplicate.rows[0];
  if (!dup) throw new Error('message identity conflict without an original row');
  return {
    outcome: 'duplicate',
    id: dup.id,
    originalId: dup.original_id,
    originalStatus: dup.original_status,
  };
}

/** A message the listener refused, stored so nothing is silently dropped. */
export interface RejectedInboundMessage extends Partial<Omit<NewInboundMessage, 'raw' | 'contentHash'>> {
  raw: Buffer;
  contentHash: Buffer;
  ackCode: string;
  reason: string;
}

/**
 * Stores a message that was answered with a negative ACK, with the reason given to the sender.
 * @param message - raw bytes, whatever identity could be read, the ACK code and reason
 * @returns the new row's id
 */
export async function storeRejectedMessage(db: Queryable, message: RejectedInboundMessage): Promise<string> {
  const result = await db.query<{ id: string }>(
    `WITH stored AS (
       INSERT INTO inbound_messages
         (content_hash, peer_address, sending_application, sending_facility, control_id, message_type,
          version_id, status, ack_code, status_reason, correlation_id, sandbox)
       VALUES ($2, $3, $4, $5, $6, $7, $8, 'rejected', $9, $10, COALESCE($11::uuid, gen_random_uuid()), $12)
       RETURNING id, received_at
     ), body AS (
       INSERT INTO inbound_message_raw (message_id, received_at, raw) SELECT id, received_at, $1 FROM stored
     )
     SELECT id FROM stored`,
    [
      message.raw,
      message.contentHash,
      message.peerAddress ?? null,
      message.sendingApplication ?? '',
      message.sendingFacility ?? '',
      message.controlId ?? '',
      message.messageType ?? '',
      message.versionId ?? '',
      message.ackCode,
      message.reason,
      message.correlationId ?? null,
      message.sandbox ?? false,
    ],
  );
  const row = result.rows[0];
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** A stored message as processing and the API see it. */
export interface StoredMessage {
  id: string;
  receivedAt: Date;
  peerAddress: string | null;
  sendingApplication: string;
  sendingFacility: string;
  controlId: string;
  messageType: string;
  versionId: string;
  status: MessageStatus;
  statusReason: string | null;
  ackCode: string | null;
  duplicateOf: string | null;
  controlIdReused: boolean;
  attempts: number;
  correlationId: string;
  processedAt: Date | null;
  /** A test-feed message: what it makes is sandbox data, never seen by navigators. */
  sandbox: boolean;
}

// Columns of message `m` named as the StoredMessage's fields, so a row is the value.
const MESSAGE_COLUMNS = `m.id, m.received_at AS "receivedAt", m.peer_address AS "peerAddress",
  m.sending_application AS "sendingApplication", m.sending_facility AS "sendingFacility",
  m.control_id AS "controlId", m.message_type AS "messageType", m.version_id AS "versionId", m.status,
  m.status_reason AS "statusReason", m.ack_code AS "ackCode", m.duplicate_of AS "duplicateOf",
  m.control_id_reused AS "controlIdReused", m.attempts, m.correlation_id AS "correlationId",
  m.processed_at AS "processedAt", m.sandbox`;

/**
 * Loads one stored message with its raw bytes.
 * @param id - message id
 */
export async function findMessageById(
  db: Queryable,
  id: string,
): Promise<(StoredMessage & { raw: Buffer | null }) | null> {
  const result = await db.query<StoredMessage & { raw: Buffer | null }>(
    `SELECT ${MESSAGE_COLUMNS}, ${MESSAGE_RAW} AS raw
       FROM inbound_messages m ${MESSAGE_RAW_JOIN}
      WHERE m.id = $1`,
    [id],
  );
  return result.rows[0] ?? null;
}

/**
 * Several stored messages with their raw bytes, in one statement (a batch of jobs).
 * @param ids - message ids
 * @returns the messages found, by id
 */
export async function findMessagesByIds(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, StoredMessage & { raw: Buffer | null }>> {
  const result = await db.query<StoredMessage & { raw: Buffer | null }>(
    `SELECT ${MESSAGE_COLUMNS}, ${MESSAGE_RAW} AS raw
       FROM inbound_messages m ${MESSAGE_RAW_JOIN}
      WHERE m.id = ANY($1::bigint[])`,
    [ids],
  );
  return new Map(result.rows.map((row) => [row.id, row]));
}

/** What the worker puts on its log lines and latency metric for a message (no patient data). */
export interface MessageTrace {
  correlationId: string;
  receivedAt: Date;
  sendingFacility: string;
  /** Processing runs that ended (processed or failed); 0 on the first run, more on a replay. */
  attempts: number;
}

/**
 * The correlation id and receipt time of a stored message.
 * @param id - message id
 */
export async function findMessageTrace(db: Queryable, id: string): Promise<MessageTrace | null> {
  const result = await db.query<MessageTrace>(
    `SELECT correlation_id AS "correlationId", received_at AS "receivedAt", sending_facility AS "sendingFacility",
            attempts
       FROM inbound_messages WHERE id = $1`,
    [id],
  );
  return result.rows[0] ?? null;
}

/**
 * The trace fields of a message already loaded (e.g. by {@link findMessageById}), so processing
 * need not read them again with {@link findMessageTrace}.
 * @param message - the stored message
 */
export function messageTraceOf(message: StoredMessage): MessageTrace {
  return {
    correlationId: message.correlationId,
    receivedAt: message.receivedAt,
    sendingFacility: message.sendingFacility,
    attempts: message.attempts,
  };
}

/** Filters for {@link listMessages}. */
export interface MessageQuery {
  controlId?: string;
  mrn?: string;
  status?: MessageStatus;
  facility?: string;
  /** Received at or after this instant. */
  from?: Date;
  /** Received before this instant. */
  to?: Date;
  /** Exclusive upper bound on id, for paging newest first. */
  beforeId?: string;
  limit: number;
}

/**
 * Lists stored messages newest first.
 * @param query - filters and page
 */
export async function listMessages(db: Queryable, query: MessageQuery): Promise<StoredMessage[]> {
  // With an MRN, the patient's few messages are found first (a semi-join on their ids); a test of
  // each stored message, newest first, would read the whole table for a patient with none recent.
  const patientCondition =
    query.mrn === undefined
      ? '$5::text IS NULL'
      : `m.id IN (SELECT ee.message_id FROM encounter_events ee
                    JOIN encounters e ON e.id = ee.encounter_id
                    JOIN patients p ON p.id = e.patient_id
                   WHERE p.mrn = $5)`;
  const result = await db.query<StoredMessage>(
    `SELECT ${MESSAGE_COLUMNS} FROM inbound_messages m
      WHERE ($1::text IS NULL OR control_id = $1)
        AND ($2::text IS NULL OR sending_facility = $2)
        AND ($3::text IS NULL OR status = $3)
        AND ($4::bigint IS NULL OR id < $4)
        AND ${patientCondition}
        AND ($7::timestamptz IS NULL OR received_at >= $7)
        AND ($8::timestamptz IS NULL OR received_at < $8)
      ORDER BY id DESC
      LIMIT $6`,
    [
      query.controlId ?? null,
      query.facility ?? null,
      query.status ?? null,
      query.beforeId ?? null,
      query.mrn ?? null,
      query.limit,
      query.from ?? null,
      query.to ?? null,
    ],
  );
  return result.rows;
}

/**
 * One page of messages stored but not yet processed and older than `graceMs`, in id order after
 * `afterId`: the sweep re-enqueues them so a crash or a Redis outage between commit and enqueue
 * loses nothing. Paging by id lets the sweep walk a large backlog a bounded page at a time instead
 * of re-reading the same oldest rows.
 * @param graceMs - leave younger messages to the listener's own enqueue
 * @param limit - page size
 * @param afterId - exclusive lower bound on id ('0' for the start)
 */
export async function findUnprocessedMessageIds(
  db: Queryable,
  graceMs: number,
  limit: number,
  afterId = '0',
): Promise<string[]> {
  const result = await db.query<{ id: string }>(
    `SELECT id FROM inbound_messages
      WHERE status = 'received' AND id > $3
        AND received_at < now() - make_interval(secs => $1::double precision / 1000)
      ORDER BY id
      LIMIT $2`,
    [graceMs, limit, afterId],
  );
  return result.rows.map((r) => r.id);
}

/**
 * Marks a message processed (inside the transaction that applied it).
 * @param db - the processing transaction
 * @param id - message id
 * @param reason - optional note (e.g. why it changed nothing)
 */
export async function markMessageProcessed(
  db: Queryable,
  id: string,
  reason: string | null = null,
): Promise<void> {
  await db.query(
    `UPDATE inbound_messages
        SET status = 'processed', status_reason = $2, processed_at = now(), updated_at = now(),
            attempts = attempts + 1
      WHERE id = $1`,
    [id, reason],
  );
}

/**
 * {@link markMessageProcessed} for several messages in one statement.
 * @param db - the processing transaction
 * @param marks - each message and the reason recorded with it (null: none)
 */
export async function markMessagesProcessed(
  db: Queryable,
  marks: readonly { id: string; reason: string | null }[],
): Promise<void> {
  if (marks.length === 0) return;
  await db.query(
    `UPDATE inbound_messages m
        SET status = 'processed', status_reason = v.reason, processed_at = now(), updated_at = now(),
            attempts = m.attempts + 1
       FROM unnest($1::bigint[], $2::text[]) AS v(id, reason)
      WHERE m.id = v.id`,
    [marks.map((mark) => mark.id), marks.map((mark) => mark.reason)],
  );
}

/**
 * Marks a message failed with the reason, so ops see it and can replay it.
 * @param id - message id
 * @param reason - what went wrong, free of patient data
 */
export async function markMessageFailed(db: Queryable, id: string, reason: string): Promise<void> {
  await db.query(
    `UPDATE inbound_messages
        SET status = 'failed', status_reason = $2, updated_at = now(), attempts = attempts + 1
      WHERE id = $1 AND status IN ('received', 'failed')`,
    [id, reason],
  );
}

/**
 * Puts failed messages back to `received` so they run again.
 * @param ids - the messages to replay
 * @returns the ids actually reset
 */
export async function resetMessagesForReplay(db: Queryable, ids: readonly string[]): Promise<string[]> {
  const result = await db.query<{ id: string }>(
    `UPDATE inbound_messages SET status = 'received', status_reason = 'replay requested', updated_at = now()
      WHERE id = ANY($1::bigint[]) AND status IN ('failed', 'received')
      RETURNING id`,
    [ids],
  );
  return result.rows.map((r) => r.id);
}

/**
 * Ids of every failed message, oldest first.
 */
export async function findFailedMessageIds(db: Queryable): Promise<string[]> {
  const result = await db.query<{ id: string }>(
    `SELECT id FROM inbound_messages WHERE status = 'failed' ORDER BY id`,
  );
  return result.rows.map((r) => r.id);
}
