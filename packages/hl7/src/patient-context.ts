/**
 * What a navigator needs for a call, read from an ADT message: phone numbers, contacts, language,
 * address, primary care provider, coverage, reason for visit, admitting diagnoses and attending.
 * Kept apart from `parseAdtMessage` because only the worker stores it: the listener's parse on the
 * receive path does not pay for segments it never acts on.
 */
import { firstSegment, parseSegments, segmentReaders, type SegmentReader } from './segment-reader.js';
import { readMessageHeader } from './message-header.js';
import { normalizeMessageText } from './segments.js';

/** A coded value (CE/CWE): code, text and coding system, '' when absent. */
export interface CodedValue {
  code: string;
  text: string;
  codingSystem: string;
}

/** One telephone number or address (XTN). */
export interface ContactPhone {
  /** XTN.1, else area code + local number (+ extension), else XTN.12, else the e-mail address. */
  number: string;
  /** XTN.2 telecommunication use code: PRN home, WPN work, ORN other, EMR emergency, NET e-mail. */
  use: string;
  /** XTN.3 equipment type: PH telephone, CP cell phone, FX fax, Internet. */
  equipment: string;
  /** Where it was sent: PID-13 (home), PID-14 (business), NK1-5 or NK1-6. */
  field: 'PID-13' | 'PID-14' | 'NK1-5' | 'NK1-6';
}

/** A person's name as sent (XPN/XCN components). */
export interface PersonName {
  family: string;
  given: string;
  middle: string;
}

/** A next of kin or other contact (NK1). */
export interface NextOfKin {
  /** NK1-2, first repetition. */
  name: PersonName;
  /** NK1-3 (e.g. SPO spouse, DAU daughter). */
  relationship: CodedValue;
  /** NK1-5 and NK1-6 repetitions that carry a number. */
  phones: ContactPhone[];
}

/** A clinician (XCN): PV1-7 attending, PD1-4 primary care provider. */
export interface Clinician extends PersonName {
  /** XCN.1, the sender's identifier. */
  id: string;
  /** XCN.6, e.g. `Dr`. */
  prefix: string;
  /** XCN.7, e.g. `MD`. */
  degree: string;
}

/** A postal address (XAD), components as sent. */
export interface PostalAddress {
  street: string;
  other: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
}

/** One insurance (IN1). */
export interface Coverage {
  /** IN1-2.1. */
  planId: string;
  /** IN1-2.2. */
  planName: string;
  /** IN1-4.1. */
  companyName: string;
  /** IN1-36, else IN1-49.1 (insured's id number): what the payer knows the patient by. */
  policyNumber: string;
  /** IN1-8. */
  groupNumber: string;
}

/** The call context of a message; empty values and lists where the message says nothing. */
export interface AdtPatientContext {
  /** PID-13 then PID-14 repetitions that carry a number, in message order. */
  phones: ContactPhone[];
  /** NK1 segments that name someone or carry a number. */
  contacts: NextOfKin[];
  /** PID-15. */
  language: CodedValue;
  /** PID-11: the home (XAD.7 = H) repetition when marked, else the first; null when empty. */
  address: PostalAddress | null;
  /** PD1-4, first repetition; null when empty. */
  primaryCareProvider: Clinician | null;
  /** IN1 segments, in message order (the first is the primary coverage). */
  coverages: Coverage[];
  /** PV2-3 admit reason. */
  reasonForVisit: CodedValue;
  /** DG1 segments whose DG1-6 diagnosis type is `A` (admitting). */
  admittingDiagnoses: CodedValue[];
  /** PV1-7, first repetition; null when empty. */
  attending: Clinician | null;
}

/**
 * Reads the call context of an ADT message.
 * @param text - the message, normalized or not
 * @throws {@link Hl7ParseError} for an unreadable MSH (as `parseAdtMessage` does)
 */
export function parsePatientContext(text: string): AdtPatientContext {
  const normalized = normalizeMessageText(text);
  const header = readMessageHeader(normalized);
  const message = parseSegments(normalized);
  const pid = firstSegment(message, 'PID', header);
  const pv1 = firstSegment(message, 'PV1', header);
  const pv2 = firstSegment(message, 'PV2', header);
  const pd1 = firstSegment(message, 'PD1', header);
  return {
    phones: [...phonesOf(pid, 13, 'PID-13'), ...phonesOf(pid, 14, 'PID-14')],
    contacts: segmentReaders(message, 'NK1', header).flatMap(nextOfKinOf),
    language: codedOf(pid, pid.repetitions(15)[0]),
    address: addressOf(pid),
    primaryCareProvider: clinicianOf(pd1, pd1.repetitions(4)[0]),
    coverages: segmentReaders(message, 'IN1', header).flatMap(coverageOf),
    reasonForVisit: codedOf(pv2, pv2.repetitions(3)[0]),
    admittingDiagnoses: segmentReaders(message, 'DG1', header).flatMap(admittingDiagnosisOf),
    attending: clinicianOf(pv1, pv1.repetitions(7)[0]),
  };
}

function codedOf(segment: SegmentReader, value: string | undefined): CodedValue {
  return {
    code: segment.textOf(value, 1),
    text: segment.textOf(value, 2),
    codingSystem: segment.textOf(value, 3),
  };
}

function phonesOf(segment: SegmentReader, field: number, name: ContactPhone['field']): ContactPhone[] {
  return segment.repetitions(field).flatMap((rep) => {
    const number = numberOf(segment, rep);
    if (number === '') return [];
    return [{ number, use: segment.textOf(rep, 2), equipment: segment.textOf(rep, 3), field: name }];
  });
}

function numberOf(segment: SegmentReader, rep: string): string {
  // XTN.1 is deprecated since v2.3 but still what most feeds fill; newer ones split the number.
  const formatted = segment.textOf(rep, 1);
  if (formatted !== '') return formatted;
  const local = segment.textOf(rep, 6) + segment.textOf(rep, 7);
  if (local !== '') {
    const extension = segment.textOf(rep, 8);
    return extension === '' ? local : `${local} x${extension}`;
  }
  return segment.textOf(rep, 12) || segment.textOf(rep, 4);
}

function nameOf(segment: SegmentReader, value: string | undefined, offset: number): PersonName {
  return {
    family: segment.textOf(value, offset),
    given: segment.textOf(value, offset + 1),
    middle: segment.textOf(value, offset + 2),
  };
}

function nextOfKinOf(nk1: SegmentReader): NextOfKin[] {
  const name = nameOf(nk1, nk1.repetitions(2)[0], 1);
  const phones = [...phonesOf(nk1, 5, 'NK1-5'), ...phonesOf(nk1, 6, 'NK1-6')];
  if (name.family === '' && name.given === '' && phones.length === 0) return [];
  return [{ name, relationship: codedOf(nk1, nk1.repetitions(3)[0]), phones }];
}

function clinicianOf(segment: SegmentReader, value: string | undefined): Clinician | null {
  const clinician = {
    id: segment.textOf(value, 1),
    ...nameOf(segment, value, 2),
    prefix: segment.textOf(value, 6),
    degree: segment.textOf(value, 7),
  };
  return clinician.id === '' && clinician.family === '' && clinician.given === '' ? null : clinician;
}

function addressOf(pid: SegmentReader): PostalAddress | null {
  const addresses = pid.repetitions(11);
  const home = addresses.find((rep) => pid.textOf(rep, 7) === 'H') ?? addresses[0];
  const address = {
    street: pid.textOf(home, 1),
    other: pid.textOf(home, 2),
    city: pid.textOf(home, 3),
    state: pid.textOf(home, 4),
    postalCode: pid.textOf(home, 5),
    country: pid.textOf(home, 6),
  };
  return Object.values(address).some((part) => part !== '') ? address : null;
}

function coverageOf(in1: SegmentReader): Coverage[] {
  const coverage = {
    planId: in1.text(2, 1),
    planName: in1.text(2, 2),
    companyName: in1.text(4, 1),
    policyNumber: in1.text(36) || in1.text(49, 1),
    groupNumber: in1.text(8),
  };
  return Object.values(coverage).some((part) => part !== '') ? [coverage] : [];
}

function admittingDiagnosisOf(dg1: SegmentReader): CodedValue[] {
  if (dg1.text(6).toUpperCase() !== 'A') return [];
  const diagnosis = { ...codedOf(dg1, dg1.repetitions(3)[0]) };
  // DG1-4 is the deprecated free-text description, still what some feeds send alone.
  if (diagnosis.text === '') diagnosis.text = dg1.text(4);
  return diagnosis.code === '' && diagnosis.text === '' ? [] : [diagnosis];
}
