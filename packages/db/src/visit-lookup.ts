/**
 * Read-only look-ups the listener makes before acknowledging an A11 (cancel admit / visit): the
 * routing spec answers `AE` "no such visit" when nothing is known of the visit being cancelled.
 * "Known" means an encounter the worker has built, or a stored message still waiting for it.
 */
import { MESSAGE_RAW, MESSAGE_RAW_JOIN } from './message-raw.js';
import type { Queryable } from './pool.js';

/**
 * Whether an encounter exists for a visit: sending facility (MSH-4) + visit number (PV1-19).
 * A visit merged into another (A42) still counts: its key stays and points at the survivor.
 * @param facility - MSH-4
 * @param visitNumber - PV1-19
 */
export async function visitExists(db: Queryable, facility: string, visitNumber: string): Promise<boolean> {
  const result = await db.query<{ found: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM encounters WHERE facility = $1 AND (encounter_key = $2 OR visit_number = $2)
     ) AS found`,
    [facility, visitNumber],
  );
  return result.rows[0]?.found === true;
}

/**
 * Whether a patient, named by any of its identifiers, has an encounter at a facility (used for an
 * A11 without PV1-19, whose encounter key the worker derives from patient and times).
 * @param facility - MSH-4
 * @param identifiers - PID-3 repetitions, assigning authority already defaulted to MSH-4
 */
export async function patientHasEncounterAt(
  db: Queryable,
  facility: string,
  identifiers: readonly { id: string; assigningAuthority: string }[],
): Promise<boolean> {
  if (identifiers.length === 0) return false;
  const result = await db.query<{ found: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM patient_identifiers pi
         JOIN encounters e ON e.patient_id = pi.patient_id
        WHERE e.facility = $1
          AND (pi.assigning_authority, pi.identifier) IN (SELECT * FROM unnest($2::text[], $3::text[]))
     ) AS found`,
    [facility, identifiers.map((i) => i.assigningAuthority), identifiers.map((i) => i.id)],
  );
  return result.rows[0]?.found === true;
}

/**
 * Raw bytes of stored, not yet processed messages from a facility that contain `needle` (a visit
 * number or patient identifier); the caller parses them to confirm the match. The scan is limited
 * to unprocessed rows (a partial index covers them), which is the worker's backlog.
 * @param facility - MSH-4
 * @param needle - bytes to look for, e.g. the visit number
 * @param limit - most candidates returned, newest first
 */
export async function findPendingMessagesContaining(
  db: Queryable,
  facility: string,
  needle: Buffer,
  limit: number,
): Promise<Buffer[]> {
  const result = await db.query<{ raw: Buffer }>(
    `SELECT ${MESSAGE_RAW} AS raw
       FROM inbound_messages m ${MESSAGE_RAW_JOIN}
      WHERE m.status = 'received' AND m.sending_facility = $1
        AND position($2::bytea IN ${MESSAGE_RAW}) > 0
      ORDER BY m.id DESC
      LIMIT $3`,
    [facility, needle, limit],
  );
  return result.rows.map((row) => row.raw);
}
