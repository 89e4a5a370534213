/**
 * What a parsed ADT message says in the domain's terms: the patient it names (with its
 * demographics), the visit, and the encounter key. Shared by live processing, encounter replays
 * and merges; the identity rule itself is the domain's (`identifierKey`, `encounterKey`).
 */
import {
  encounterKey,
  identifierKey,
  parseHl7Date,
  parseHl7Timestamp,
  qualifyIdentifier,
  type EncounterEvent,
  type VisitState,
} from '@adt/adt';
import type { EncounterHistoryEntry, PatientUpsert } from '@adt/db';
import { decodeHl7Bytes, parseAdtMessage, type AdtMessage, type PatientIdentifier } from '@adt/hl7';
import { UnprocessableMessageError } from './unprocessable-message-error.js';

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
    identifiers: adt.patient.identifiers.map((id) => qualifyIdentifier(id, adt.header.sendingFacility)),
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
 * The encounter key of a message (see `encounterKey` in `@adt/adt`).
 * @param adt - the parsed message
 * @param patientId - the (surviving) patient's id
 * @param visit - what the message says about the visit
 * @param occurredAt - the event time
 */
export function messageEncounterKey(
  adt: AdtMessage,
  patientId: string,
  visit: VisitState,
  occurredAt: Date,
): string {
  return encounterKey({
    visitNumber: adt.visit?.visitNumber ?? '',
    patientId,
    admittedAt: visit.admittedAt,
    eventType: adt.eventType,
    occurredAt,
  });
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
