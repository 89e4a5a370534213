/**
 * How a message names its patient and its encounter (routing spec, Identity): the rule the worker
 * keys patients and encounters by, and that the listener's A11 check reads the same way.
 */

/** A patient identifier as PID-3 / MRG-1 carry it (CX.1, CX.4.1, CX.5). */
export interface IdentifierInput {
  id: string;
  assigningAuthority: string;
  type: string;
}

/**
 * An identifier qualified by its assigning authority or, when that is empty, the sending facility.
 * @param identifier - a PID-3 or MRG-1 repetition
 * @param sendingFacility - MSH-4
 */
export function qualifyIdentifier<T extends { assigningAuthority: string }>(
  identifier: T,
  sendingFacility: string,
): T {
  return { ...identifier, assigningAuthority: identifier.assigningAuthority || sendingFacility };
}

/**
 * The identifier that keys a patient: the `MR` repetition, else the first, qualified by its
 * assigning authority or, when empty, the sending facility.
 * @param identifiers - PID-3 or MRG-1 repetitions
 * @param sendingFacility - MSH-4
 * @returns the key, or null when there is no identifier
 */
export function identifierKey<T extends IdentifierInput>(
  identifiers: readonly T[],
  sendingFacility: string,
): T | null {
  const chosen = identifiers.find((id) => id.type === 'MR') ?? identifiers[0];
  return chosen ? qualifyIdentifier(chosen, sendingFacility) : null;
}

/** What the encounter key is derived from. */
export interface EncounterKeyInput {
  /** PV1-19; empty when not sent. */
  visitNumber: string;
  /** The (surviving) patient's id. */
  patientId: string;
  /** PV1-44 as read. */
  admittedAt: Date | null;
  eventType: string;
  occurredAt: Date;
}

/**
 * The encounter key: PV1-19, else the patient and admit time (PV1-44), else the patient, event
 * type and event date.
 * @param input - visit number, patient, admit time, event type and time
 */
export function encounterKey(input: EncounterKeyInput): string {
  if (input.visitNumber !== '') return input.visitNumber;
  if (input.admittedAt) return `patient:${input.patientId}:admit:${input.admittedAt.toISOString()}`;
  return `patient:${input.patientId}:event:${input.eventType}:${input.occurredAt.toISOString().slice(0, 10)}`;
}

/**
 * An encounter key moved to another patient: keys derived from the patient id follow it, a visit
 * number stays as it is.
 * @param key - the encounter key
 * @param priorPatientId - the patient it was derived from
 * @param survivorPatientId - the patient it moves to
 */
export function rekeyForPatient(key: string, priorPatientId: string, survivorPatientId: string): string {
  const prefix = `patient:${priorPatientId}:`;
  return key.startsWith(prefix) ? `patient:${survivorPatientId}:${key.slice(prefix.length)}` : key;
}
