/**
 * The sandbox page: a test feed's messages, newest first, each with its ACK and the follow-ups of
 * the visit it was applied to (what the feed would have created live). Test systems often carry
 * copies of real patients, so the caller audits the read like any other message read.
 */
import type { FollowUpKind, FollowUpStatus, Priority } from '@adt/adt';
import type { MessageStatus } from './message-repository.js';
import type { Queryable } from './pool.js';

/** A follow-up a test feed made in the sandbox. */
export interface SandboxFollowUp {
  id: string;
  kind: FollowUpKind;
  status: FollowUpStatus;
  statusReason: string | null;
  team: string;
  dueAt: Date;
  priority: Priority;
}

/** A sandbox message and what it made. */
export interface SandboxMessage {
  id: string;
  receivedAt: Date;
  sendingFacility: string;
  controlId: string;
  messageType: string;
  status: MessageStatus;
  statusReason: string | null;
  ackCode: string | null;
  /** The visit number as sent (PV1-19), '' when the message had none or was not applied. */
  visitNumber: string;
  /** The follow-ups of the visit it was applied to, as they stand now. */
  followUps: SandboxFollowUp[];
}

/**
 * Sandbox messages, newest first.
 * @param query - facility filter and page (`beforeId`: the last id of the previous page)
 */
export async function listSandboxMessages(
  db: Queryable,
  query: { facility?: string | undefined; beforeId?: string | undefined; limit: number },
): Promise<SandboxMessage[]> {
  const result = await db.query<{
    id: string;
    received_at: Date;
    sending_facility: string;
    control_id: string;
    message_type: string;
    status: MessageStatus;
    status_reason: string | null;
    ack_code: string | null;
    visit_number: string | null;
    follow_ups: (Omit<SandboxFollowUp, 'dueAt'> & { dueAt: string })[] | null;
  }>(
    `SELECT m.id, m.received_at, m.sending_facility, m.control_id, m.message_type, m.status,
            m.status_reason, m.ack_code, v.visit_number, v.follow_ups
       FROM inbound_messages m
       LEFT JOIN LATERAL (
         SELECT e.visit_number,
                (SELECT json_agg(json_build_object('id', f.id::text, 'kind', f.kind, 'status', f.status,
                                                   'statusReason', f.status_reason, 'team', f.team,
                                                   'dueAt', f.due_at, 'priority', f.priority) ORDER BY f.id)
                   FROM follow_ups f WHERE f.encounter_id = e.id AND f.sandbox) AS follow_ups
           FROM encounter_events ee JOIN encounters e ON e.id = ee.encounter_id
          WHERE ee.message_id = m.id AND e.sandbox
       ) v ON true
      WHERE m.sandbox
        AND ($1::text IS NULL OR m.sending_facility = $1)
        AND ($2::bigint IS NULL OR m.id < $2)
      ORDER BY m.id DESC
      LIMIT $3`,
    [query.facility ?? null, query.beforeId ?? null, query.limit],
  );
  return result.rows.map((row) => ({
    id: row.id,
    receivedAt: row.received_at,
    sendingFacility: row.sending_facility,
    controlId: row.control_id,
    messageType: row.message_type,
    status: row.status,
    statusReason: row.status_reason,
    ackCode: row.ack_code,
    // Stored in the sandbox namespace; shown as the hospital sent it.
    visitNumber: (row.visit_number ?? '').replace(/^sandbox:/, ''),
    followUps: (row.follow_ups ?? []).map((f) => ({ ...f, dueAt: new Date(f.dueAt) })),
  }));
}
