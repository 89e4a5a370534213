/**
 * The full parse of an ADT message for the worker: the fields the follow-up rules use,
 * as plain unescaped strings ('' when absent or sent as the HL7 null `""`).
 */
import { firstSegment, parseSegments, segmentReaders, type SegmentReader } from './segment-reader.js';
import {
  checkMergeGroups,
  mergeGroupSegments,
  mergeScopeOf,
  type MergeGroup,
  type MergeGroupSegments,
} from './merge-groups.js';
import { Hl7ParseError, readMessageHeader, type MessageHeader } from './message-header.js';
import { normalizeMessageText } from './segments.js';

/** One patient identifier (CX): PID-3 or MRG-1 repetition. */
export interface PatientIdentifier {
  /** CX.1, e.g. the MRN. */
  id: string;
  /** CX.4.1, the namespace of the issuing authority. */
  assigningAuthority: string;
  /** CX.5, identifier type code such as `MR`. */
  type: string;
}

/** The visit (PV1) as the follow-up rules see it. */
export interface AdtVisit {
  /** PV1-2: E emergency, I inpatient, O outpatient, … */
  patientClass: string;
  /** PV1-3 as `point of care^room^bed^facility…`, components unescaped, trailing empty ones dropped. */
  assignedLocation: string;
  /** PV1-4. */
  admissionType: string;
  /** PV1-10. */
  hospitalService: string;
  /** PV1-18. */
  patientType: string;
  /** PV1-19.1. */
  visitNumber: string;
  /** PV1-36. */
  dischargeDisposition: string;
  /** PV1-44, as sent. */
  admitAt: string;
  /** PV1-45, as sent. */
  dischargeAt: string;
}

/** The patient (PID). */
export interface AdtPatient {
  /** PID-3 repetitions that carry an ID, in message order. */
  identifiers: PatientIdentifier[];
  /** PID-5: the legal name (XPN.7 = L) when marked, else the first repetition. */
  familyName: string;
  givenName: string;
  middleName: string;
  /** PID-7, as sent. */
  birthDate: string;
  /** PID-8. */
  sex: string;
  /** PID-13, first repetition: XTN.1, else area code + local number, else XTN.12. */
  phone: string;
  /** PID-30 (Y when the patient died). */
  deathIndicator: string;
  /** PID-29, as sent. */
  deathDateTime: string;
}

/** A diagnosis from DG1-3 (CE/CWE). */
export interface AdtDiagnosis {
  code: string;
  /** DG1-3.2, else the deprecated DG1-4 description. */
  text: string;
  codingSystem: string;
}

/** An ADT message reduced to what the system acts on. */
export interface AdtMessage {
  header: MessageHeader;
  /** MSH-9.2, or EVN-1 when MSH-9 is only `ADT`. */
  eventType: string;
  /** EVN-2 as sent, '' if none. */
  eventOccurredAt: string;
  /** EVN-2, else MSH-7: the event order key of the routing rules. */
  recordedAt: string;
  patient: AdtPatient;
  /** Null when the message has no PV1 segment. */
  visit: AdtVisit | null;
  diagnoses: AdtDiagnosis[];
  /** MRG-1 (merges and identifier changes): the identifiers being replaced. */
  priorIdentifiers: PatientIdentifier[];
  /** PID-18.1, the patient account number ('' if none). */
  accountNumber: string;
  /** MRG-3.1, the account number being replaced (A41). */
  priorAccountNumber: string;
  /** MRG-5.1, the visit number being replaced (A42). */
  priorVisitNumber: string;
  /**
   * Merge events (see `mergeScopeOf`): every PID/MRG group in message order, the first one being
   * what `patient`, `visit` and the `prior…` fields read; empty for other events.
   */
  mergeGroups: MergeGroup[];
}

/**
 * Parses an ADT message.
 * @param text - the message, normalized or not
 * @returns the fields the follow-up rules use
 * @throws {@link Hl7ParseError} for an unreadable MSH, `missing_field` `PID-3` when no
 *   patient identifier is present, or `missing_field` naming the field (e.g. `MRG-1`) when a
 *   group of a merge event lacks what the merge needs
 */
export function parseAdtMessage(text: string): AdtMessage {
  const normalized = normalizeMessageText(text);
  const header = readMessageHeader(normalized);
  const message = parseSegments(normalized);
  const segment = (name: string): SegmentReader => firstSegment(message, name, header);

  const evn = segment('EVN');
  const pid = segment('PID');
  const identifiers = identifiersOf(pid, pid.repetitions(3));
  if (identifiers.length === 0) {
    const reason = pid.present
      ? 'PID-3 (patient identifier list) is empty'
      : 'The message has no PID segment, so no PID-3 (patient identifier list)';
    throw new Hl7ParseError('missing_field', reason, 'PID-3');
  }
  const eventOccurredAt = evn.text(2);
  const pv1 = segment('PV1');
  const mrg = segment('MRG');
  const eventType = header.triggerEvent !== '' ? header.triggerEvent : evn.text(1);
  const mergeScope = mergeScopeOf(eventType);
  const mergeGroups = mergeScope === null ? [] : mergeGroupSegments(message, header).map(mergeGroupOf);
  if (mergeScope !== null) checkMergeGroups(mergeScope, mergeGroups);
  return {
    header,
    eventType,
    eventOccurredAt,
    recordedAt: eventOccurredAt !== '' ? eventOccurredAt : header.messageDateTime,
    patient: { identifiers, ...patientName(pid), ...patientDetails(pid) },
    visit: pv1.present ? visitOf(pv1) : null,
    diagnoses: segmentReaders(message, 'DG1', header).flatMap(diagnosisOf),
    priorIdentifiers: identifiersOf(mrg, mrg.repetitions(1)),
    accountNumber: pid.text(18),
    priorAccountNumber: mrg.text(3),
    priorVisitNumber: mrg.text(5),
    mergeGroups,
  };
}

function mergeGroupOf({ pid, mrg, pv1 }: MergeGroupSegments): MergeGroup {
  return {
    patient: {
      identifiers: identifiersOf(pid, pid.repetitions(3)),
      ...patientName(pid),
      ...patientDetails(pid),
    },
    visit: pv1.present ? visitOf(pv1) : null,
    priorIdentifiers: identifiersOf(mrg, mrg.repetitions(1)),
    accountNumber: pid.text(18),
    priorAccountNumber: mrg.text(3),
    priorVisitNumber: mrg.text(5),
  };
}

function identifiersOf(segment: SegmentReader, repetitions: string[]): PatientIdentifier[] {
  return repetitions
    .map((rep) => ({
      id: segment.textOf(rep, 1),
      assigningAuthority: segment.textOf(rep, 4),
      type: segment.textOf(rep, 5),
    }))
    .filter((identifier) => identifier.id !== '');
}

function patientName(pid: SegmentReader): Pick<AdtPatient, 'familyName' | 'givenName' | 'middleName'> {
  const names = pid.repetitions(5);
  const legal = names.find((rep) => pid.textOf(rep, 7) === 'L') ?? names[0];
  return {
    familyName: pid.textOf(legal, 1),
    givenName: pid.textOf(legal, 2),
    middleName: pid.textOf(legal, 3),
  };
}

function patientDetails(
  pid: SegmentReader,
): Omit<AdtPatient, 'identifiers' | 'familyName' | 'givenName' | 'middleName'> {
  return {
    birthDate: pid.text(7),
    sex: pid.text(8),
    phone: phoneOf(pid),
    deathIndicator: pid.text(30),
    deathDateTime: pid.text(29),
  };
}

function phoneOf(pid: SegmentReader): string {
  const phone = pid.repetitions(13)[0];
  // XTN.1 is deprecated since v2.3 but still what most feeds fill; newer ones split the number.
  const formatted = pid.textOf(phone, 1);
  if (formatted !== '') return formatted;
  const split = pid.textOf(phone, 6) + pid.textOf(phone, 7);
  return split !== '' ? split : pid.textOf(phone, 12);
}

function visitOf(pv1: SegmentReader): AdtVisit {
  return {
    patientClass: pv1.text(2),
    assignedLocation: locationOf(pv1),
    admissionType: pv1.text(4),
    hospitalService: pv1.text(10),
    patientType: pv1.text(18),
    visitNumber: pv1.text(19),
    dischargeDisposition: pv1.text(36),
    admitAt: pv1.text(44),
    dischargeAt: pv1.text(45),
  };
}

function locationOf(pv1: SegmentReader): string {
  const location = pv1.repetitions(3)[0];
  const components = pv1.components(location).map((_, i) => pv1.textOf(location, i + 1));
  while (components.length > 0 && components[components.length - 1] === '') components.pop();
  return components.join('^');
}

function diagnosisOf(dg1: SegmentReader): AdtDiagnosis[] {
  const code = dg1.text(3, 1);
  const text = dg1.text(3, 2) || dg1.text(4);
  if (code === '' && text === '') return [];
  return [{ code, text, codingSystem: dg1.text(3, 3) }];
}
