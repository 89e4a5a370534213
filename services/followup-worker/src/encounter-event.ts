/**
 * How an ADT message names its patient and encounter, and what it says about the visit: the
 * decoding shared by live processing, encounter replays and merges.
 */
import { parseHl7Date, parseHl7Timestamp, type EncounterEvent, type VisitState } from '@adt/adt';
import type { EncounterHistoryEntry, PatientUpsert } from '@adt/db';
import { decodeHl7Bytes, parseAdtMessage, type AdtMessage, type PatientIdentifier } from '@adt/hl7';
import { UnprocessableMessageError } from './unprocessable-message-error.js';

/**
 * The identifier that keys a patient: the `MR` repetition, else the first, qualified by its
 * assigning authority or, when empty, the sending facility (routing spec, Identity).
 * @param identifiers - PID-3 or MRG-1 repetitions
 * @param sendingFacility - MSH-4
 * @returns the key, or null when there is no identifier
 */
export function identifierKey(
  identifiers: readonly PatientIdentifier[],
  sendingFacility: string,
): PatientIdentifier | null {
  const chosen = identifiers.find((id) => id.type === 'MR') ?? identifiers[0];
  return chosen ? { ...chosen, assigningAuthority: chosen.assigningAuthority || sendingFacility } : null;
}

/**
 * The patient key of a message (PID-3).
 * @param adt - the parsed message
 * @throws {@link UnprocessableMessageError} when PID-3 is empty
 */
export function patientKey(adt: AdtMessage): PatientIdentifier {
  const key = identifierKey(adt.patient.identifiers, adt.header.sendingFacility);
  if (!key) throw new UnprocessableMessageError('PID-3 (patient identifier) is empty');
  return key;
}

/**
 * The patient a message names, with its demographics as of the event.
 * @param adt - the parsed message
 * @param occurredAt - the event time (demographics older than the stored ones do not replace them)
 */
export function patientUpsert(adt: AdtMessage, occurredAt: Date): PatientUpsert {
  const key = patientKey(adt);
  return {
    mrn: key.id,
    assigningAuthority: key.assigningAuthority,
    familyName: adt.patient.familyName,
    givenName: adt.patient.givenName,
    middleName: adt.patient.middleName,
    birthDate: parseHl7Date(adt.patient.birthDate),
    sex: adt.patient.sex,
    phone: adt.patient.phone,
    deceased: adt.patient.deathIndicator === 'Y',
    identifiers: adt.patient.identifiers.map((id) => ({
      ...id,
      assigningAuthority: id.assigningAuthority || adt.header.sendingFacility,
    })),
    asOf: occurredAt,
  };
}

/**
 * What the message's PV1 and DG1 say about the visit; empty where it says nothing.
 * @param adt - the parsed message
 * @param zone - zone for timestamps without an offset
 */
export function eventVisit(adt: AdtMessage, zone: string): VisitState {
  const visit = adt.visit;
  return {
    patientClass: visit?.patientClass ?? '',
    assignedLocation: visit?.assignedLocation ?? '',
    admissionType: visit?.admissionType ?? '',
    hospitalService: visit?.hospitalService ?? '',
    patientType: visit?.patientType ?? '',
    admittedAt: visit ? parseHl7Timestamp(visit.admitAt, zone) : null,
    dischargedAt: visit ? parseHl7Timestamp(visit.dischargeAt, zone) : null,
    disposition: visit?.dischargeDisposition ?? '',
    diagnoses: adt.diagnoses,
  };
}

/**
 * The encounter key: PV1-19, else the patient and admit time (PV1-44), else the patient, event
 * type and event date (routing spec, Identity).
 * @param adt - the parsed message
 * @param patientId - the (surviving) patient's id
 * @param visit - what the message says about the visit
 * @param occurredAt - the event time
 */
export function encounterKey(
  adt: AdtMessage,
  patientId: string,
  visit: VisitState,
  occurredAt: Date,
): string {
  const visitNumber = adt.visit?.visitNumber ?? '';
  if (visitNumber !== '') return visitNumber;
  if (visit.admittedAt) return `patient:${patientId}:admit:${visit.admittedAt.toISOString()}`;
  return `patient:${patientId}:event:${adt.eventType}:${occurredAt.toISOString().slice(0, 10)}`;
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

/**
 * Decodes an applied event of an encounter for a replay.
 * @param entry - the event and its stored message
 * @param zone - zone for timestamps without an offset
 * @returns the event, or null when its stored content is gone or no longer parses
 */
export function decodeHistoryEntry(entry: EncounterHistoryEntry, zone: string): EncounterEvent | null {
  if (!entry.raw) return null;
  let adt: AdtMessage;
  try {
    adt = parseAdtMessage(decodeHl7Bytes(entry.raw));
  } catch {
    return null;
  }
  return {
    id: entry.messageId,
    eventType: entry.eventType,
    occurredAt: entry.occurredAt,
    visit: eventVisit(adt, zone),
    deceased: adt.patient.deathIndicator === 'Y',
  };
}
