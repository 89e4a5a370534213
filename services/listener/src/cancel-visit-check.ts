/**
 * The A11 (cancel admit / visit) answer on the ACK path: the rule is the domain's
 * (`findUnknownCancelledVisit` in `@adt/adt`); this module gives it the listener's storage reads
 * and turns "no such visit" into the `AE` refusal.
 */
import type pg from 'pg';
import { findUnknownCancelledVisit, type CancelVisitLookup, type PendingVisit } from '@adt/adt';
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
 * The storage reads of the A11 rule over the listener's pool.
 * @param pool - the listener's pool
 * @param sandbox - a test feed's A11: stored visits are looked up in the sandbox's namespace
 *   (waiting messages are matched as sent, whichever feed they came on)
 */
export function cancelVisitLookup(pool: pg.Pool, sandbox = false): CancelVisitLookup {
  return {
    findPendingVisits: async (facility, text) => {
      const stored = await findPendingMessagesContaining(
        pool,
        facility,
        Buffer.from(text),
        PENDING_CANDIDATES,
      );
      const visits: PendingVisit[] = [];
      for (const raw of stored) {
        const adt = readStored(raw);
        if (adt)
          visits.push({ visitNumber: adt.visit?.visitNumber ?? '', identifiers: adt.patient.identifiers });
      }
      return visits;
    },
    visitExists: (facility, visitNumber) =>
      visitExists(pool, facility, sandbox ? sandboxVisitNumber(visitNumber) : visitNumber),
    patientHasEncounterAt: (facility, identifiers) =>
      patientHasEncounterAt(
        pool,
        facility,
        sandbox ? identifiers.map((id) => sandboxIdentifier({ ...id, type: '' }, facility)) : identifiers,
      ),
  };
}

/**
 * Checks an A11 against what is known of its visit.
 * @param pool - the listener's pool (database errors propagate: the caller answers "store unavailable")
 * @param cancel - the A11, parsed by the receive-path check
 * @param header - its MSH
 * @param sandbox - a test feed's A11 (see {@link cancelVisitLookup})
 * @returns null when the visit is known, else the `AE` refusal
 */
export async function checkCancelVisit(
  pool: pg.Pool,
  cancel: AdtMessage,
  header: MessageHeader,
  sandbox = false,
): Promise<InboundRefusal | null> {
  const unknown = await findUnknownCancelledVisit(cancelVisitLookup(pool, sandbox), {
    facility: header.sendingFacility,
    visitNumber: cancel.visit?.visitNumber ?? '',
    identifiers: cancel.patient.identifiers,
  });
  if (unknown === null) return null;
  return {
    ackCode: 'AE',
    // No identifiers in the text: it is also logged, and logs carry no patient data.
    text: `No such visit: this A11 (cancel admit/visit) names a ${unknown.what} with no admission or registration received from this facility (MSH-4); nothing was changed`,
    error: {
      hl7ErrorCode: '204',
      severity: 'E',
      location: { segment: unknown.segment, field: unknown.field },
    },
  };
}

function readStored(raw: Buffer): AdtMessage | null {
  try {
    return parseAdtMessage(normalizeMessageText(decodeHl7Bytes(raw)));
  } catch {
    return null;
  }
}
