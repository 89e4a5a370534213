/**
 * The A11 (cancel admit / visit) rule that is decided at acknowledgement time (routing spec): an
 * A11 for a visit nothing is known of gets `AE` "no such visit" and changes nothing.
 *
 * Known means: an encounter built for sending facility (MSH-4) + visit number (PV1-19), or a
 * stored message still waiting for processing that names the same visit (an A01 and its A11 sent
 * seconds apart). Without PV1-19 the encounter is keyed by patient and times, which cannot be
 * worked out before processing; there an encounter of the same patient at the same facility, or a
 * waiting message for that patient, is enough. Identifiers are read with the patient identity rule
 * ({@link qualifyIdentifier}).
 */
import { qualifyIdentifier } from './visit-identity.js';

/** What a waiting message names, as the lookup read it from its stored bytes. */
export interface PendingVisit {
  visitNumber: string;
  identifiers: readonly { id: string; assigningAuthority: string }[];
}

/** What the rule reads from storage. Errors propagate to the caller. */
export interface CancelVisitLookup {
  /**
   * Waiting (not yet processed) messages from a facility whose stored text contains `text` (a
   * visit number or an identifier), newest first; a few dozen at most.
   */
  findPendingVisits: (facility: string, text: string) => Promise<PendingVisit[]>;
  /** Whether an encounter exists for facility + visit number (a merged-away visit counts). */
  visitExists: (facility: string, visitNumber: string) => Promise<boolean>;
  /** Whether the patient, by any of its qualified identifiers, has an encounter at the facility. */
  patientHasEncounterAt: (
    facility: string,
    identifiers: readonly { id: string; assigningAuthority: string }[],
  ) => Promise<boolean>;
}

/** The cancel being checked. */
export interface CancelVisitInput {
  /** MSH-4. */
  facility: string;
  /** PV1-19; empty when not sent. */
  visitNumber: string;
  /** PID-3 repetitions as sent. */
  identifiers: readonly { id: string; assigningAuthority: string }[];
}

/** Why the visit is unknown: the field the answer points at. */
export interface UnknownVisit {
  segment: 'PV1' | 'PID';
  field: number;
  /** What the A11 names, in words (no identifiers: the text is logged). */
  what: string;
}

/**
 * Checks an A11 against what is known of its visit.
 * @param lookup - storage reads
 * @param cancel - the A11's facility, visit number and patient identifiers
 * @returns null when the visit is known, else what the "no such visit" answer points at
 */
export async function findUnknownCancelledVisit(
  lookup: CancelVisitLookup,
  cancel: CancelVisitInput,
): Promise<UnknownVisit | null> {
  const { facility, visitNumber } = cancel;
  // Waiting messages first, then what processing built: it builds the encounter and marks the
  // message processed in one commit, so a message that stops waiting between the two reads is
  // seen by the second. In the other order that commit could fall between them and hide both.
  if (visitNumber !== '') {
    const pending = await lookup.findPendingVisits(facility, visitNumber);
    if (pending.some((visit) => visit.visitNumber === visitNumber)) return null;
    if (await lookup.visitExists(facility, visitNumber)) return null;
    return { segment: 'PV1', field: 19, what: 'visit number (PV1-19)' };
  }
  const identifiers = cancel.identifiers.map((id) => qualifyIdentifier(id, facility));
  const key = (id: { id: string; assigningAuthority: string }) => `${id.assigningAuthority}\u0000${id.id}`;
  const wanted = new Set(identifiers.map(key));
  for (const identifier of identifiers) {
    const pending = await lookup.findPendingVisits(facility, identifier.id);
    const samePatient = pending.some((visit) =>
      visit.identifiers.some((id) => wanted.has(key(qualifyIdentifier(id, facility)))),
    );
    if (samePatient) return null;
  }
  if (await lookup.patientHasEncounterAt(facility, identifiers)) return null;
  return { segment: 'PID', field: 3, what: 'patient (PID-3; the message has no PV1-19)' };
}
