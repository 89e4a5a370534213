/**
 * The A11 (cancel admit / visit) rule that must be decided at ACK time (routing spec): an A11 for
 * a visit nothing is known of gets `AE` "no such visit" and changes nothing.
 *
 * Known means: an encounter built by the worker for sending facility (MSH-4) + visit number
 * (PV1-19), or a stored message still waiting for the worker that names the same visit (an A01
 * and its A11 sent seconds apart). Without PV1-19 the worker keys the encounter by patient and
 * times, which the listener does not compute; there an encounter of the same patient at the same
 * facility, or a waiting message for that patient, is enough, and the worker matches precisely.
 */
import type pg from 'pg';
import { findPendingMessagesContaining, patientHasEncounterAt, visitExists } from '@adt/db';
import {
  decodeHl7Bytes,
  normalizeMessageText,
  parseAdtMessage,
  sandboxIdentifier,
  sandboxVisitNumber,
  type AdtMessage,
  type MessageHeader,
} from '@adt/hl7';
import type { InboundRefusal } from './inbound-check.js';

/** Waiting messages parsed to confirm a byte match; the newest are the likely ones. */
const PENDING_CANDIDATES = 50;

/**
 * Checks an A11 against what is known of its visit.
 * @param pool - the listener's pool (database errors propagate: the caller answers "store unavailable")
 * @param cancel - the A11, parsed by the receive-path check
 * @param header - its MSH
 * @param sandbox - a test feed's A11: the visit is looked up among the sandbox's stored visits
 *   (waiting messages are matched as sent, whichever feed they came on)
 * @returns null when the visit is known, else the `AE` refusal
 */
export async function checkCancelVisit(
  pool: pg.Pool,
  cancel: AdtMessage,
  header: MessageHeader,
  sandbox = false,
): Promise<InboundRefusal | null> {
  const facility = header.sendingFacility;
  const visitNumber = cancel.visit?.visitNumber ?? '';
  // Waiting messages first, then what the worker built: the worker builds the encounter and marks
  // the message processed in one commit, so a message that stops waiting between the two reads is
  // seen by the second. In the other order that commit could fall between them and hide both.
  if (visitNumber !== '') {
    const pending = await findPendingMessagesContaining(
      pool,
      facility,
      Buffer.from(visitNumber),
      PENDING_CANDIDATES,
    );
    if (pending.some((raw) => readStored(raw)?.visit?.visitNumber === visitNumber)) return null;
    if (await visitExists(pool, facility, sandbox ? sandboxVisitNumber(visitNumber) : visitNumber))
      return null;
    return noSuchVisit('PV1', 19, 'visit number (PV1-19)');
  }
  const identifiers = cancel.patient.identifiers.map((id) => ({
    id: id.id,
    assigningAuthority: id.assigningAuthority || facility,
  }));
  const key = (id: { id: string; assigningAuthority: string }) => `${id.assigningAuthority}\u0000${id.id}`;
  const wanted = new Set(identifiers.map(key));
  for (const identifier of identifiers) {
    const pending = await findPendingMessagesContaining(
      pool,
      facility,
      Buffer.from(identifier.id),
      PENDING_CANDIDATES,
    );
    const samePatient = pending.some((raw) =>
      readStored(raw)?.patient.identifiers.some((id) =>
        wanted.has(key({ id: id.id, assigningAuthority: id.assigningAuthority || facility })),
      ),
    );
    if (samePatient) return null;
  }
  const stored = sandbox
    ? identifiers.map((id) => sandboxIdentifier({ ...id, type: '' }, facility))
    : identifiers;
  if (await patientHasEncounterAt(pool, facility, stored)) return null;
  return noSuchVisit('PID', 3, 'patient (PID-3; the message has no PV1-19)');
}

function noSuchVisit(segment: string, field: number, what: string): InboundRefusal {
  return {
    ackCode: 'AE',
    // No identifiers in the text: it is also logged, and logs carry no patient data.
    text: `No such visit: this A11 (cancel admit/visit) names a ${what} with no admission or registration received from this facility (MSH-4); nothing was changed`,
    error: { hl7ErrorCode: '204', severity: 'E', location: { segment, field } },
  };
}

function tryParse(text: string): AdtMessage | null {
  try {
    return parseAdtMessage(text);
  } catch {
    return null;
  }
}

function readStored(raw: Buffer): AdtMessage | null {
  return tryParse(normalizeMessageText(decodeHl7Bytes(raw)));
}
