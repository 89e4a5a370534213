/**
 * Code systems and identifier systems of the FHIR API, and the HL7 v2 tables mapped the way the
 * HL7 v2-to-FHIR implementation guide's concept maps do.
 */
import type { CodeableConcept, Coding } from '@medplum/fhirtypes';

export const V2_IDENTIFIER_TYPE = 'http://terminology.hl7.org/CodeSystem/v2-0203';
export const V2_PATIENT_CLASS = 'http://terminology.hl7.org/CodeSystem/v2-0004';
export const V2_HOSPITAL_SERVICE = 'http://terminology.hl7.org/CodeSystem/v2-0069';
export const V2_DISCHARGE_DISPOSITION = 'http://terminology.hl7.org/CodeSystem/v2-0112';
export const V3_ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
export const V3_NULL_FLAVOR = 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor';
export const V3_PARTICIPATION_TYPE = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';

/** This product's own codes: the follow-up kinds, and the care-action types in Task.output. */
export const FOLLOW_UP_KIND_SYSTEM = 'urn:adt-followup:follow-up-kind';
export const CARE_ACTION_SYSTEM = 'urn:adt-followup:care-action';
/** The usernames of this installation, for Task.owner. */
export const USERNAME_SYSTEM = 'urn:adt-followup:username';

/**
 * Assigning authorities (CX.4, MSH-4) that are neither an OID nor a URI get this prefix; the
 * rest of the system is the authority, percent-encoded.
 */
export const LOCAL_AUTHORITY_SYSTEM_PREFIX = 'urn:adt-followup:assigning-authority:';

const OID = /^[0-2](\.(0|[1-9]\d*))+$/;
const URI = /^[a-z][a-z0-9+.-]*:\S+$/i;

/**
 * Identifier.system for an assigning authority: `urn:oid:` for an OID, the authority itself when
 * it is already a URI, else {@link LOCAL_AUTHORITY_SYSTEM_PREFIX} and the name.
 * @param authority - CX.4 (or the sending facility for visit numbers); '' has no system
 */
export function identifierSystem(authority: string): string | undefined {
  if (authority === '') return undefined;
  if (OID.test(authority)) return `urn:oid:${authority}`;
  if (URI.test(authority)) return authority;
  return `${LOCAL_AUTHORITY_SYSTEM_PREFIX}${encodeURIComponent(authority)}`;
}

/**
 * The assigning authority a search's identifier system names: the inverse of
 * {@link identifierSystem}, and a bare authority name (`GENERAL_HOSP`) as itself.
 * @param system - the system of `identifier=system|value`
 */
export function authorityOfSystem(system: string): string {
  if (system.startsWith('urn:oid:') && OID.test(system.slice(8))) return system.slice(8);
  if (system.startsWith(LOCAL_AUTHORITY_SYSTEM_PREFIX)) {
    try {
      return decodeURIComponent(system.slice(LOCAL_AUTHORITY_SYSTEM_PREFIX.length));
    } catch {
      return system;
    }
  }
  return system;
}

/**
 * Patient.gender from PID-8 (v2-to-FHIR concept map of table 0001: A and N are `other`).
 * @param sex - PID-8 as sent
 */
export function administrativeGender(sex: string): 'male' | 'female' | 'other' | 'unknown' | undefined {
  switch (sex.trim().toUpperCase()) {
    case 'M':
      return 'male';
    case 'F':
      return 'female';
    case 'O':
    case 'A':
    case 'N':
      return 'other';
    case 'U':
      return 'unknown';
    default:
      return undefined;
  }
}

const ACT_CODES: Readonly<Record<string, Coding>> = {
  E: { system: V3_ACT_CODE, code: 'EMER', display: 'emergency' },
  I: { system: V3_ACT_CODE, code: 'IMP', display: 'inpatient encounter' },
  O: { system: V3_ACT_CODE, code: 'AMB', display: 'ambulatory' },
  P: { system: V3_ACT_CODE, code: 'PRENC', display: 'pre-admission' },
};

/**
 * Encounter.class from PV1-2 (v2-to-FHIR concept map of table 0004): E, I, O and P to v3
 * ActCode; R, B, C, N, U and local codes stay in table 0004; none sent is the null flavor UNK.
 * @param patientClass - PV1-2 as sent
 */
export function encounterClass(patientClass: string): Coding {
  const code = patientClass.trim().toUpperCase();
  if (code === '') return { system: V3_NULL_FLAVOR, code: 'UNK', display: 'unknown' };
  return ACT_CODES[code] ?? { system: V2_PATIENT_CLASS, code };
}

/** The search codes of Encounter.class the ActCode map gives, back to PV1-2. */
export function patientClassOfCode(code: string): string | undefined {
  const found = Object.entries(ACT_CODES).find(([, coding]) => coding.code === code.toUpperCase());
  return found ? found[0] : undefined;
}

const CODING_SYSTEMS: Readonly<Record<string, string>> = {
  I10: 'http://hl7.org/fhir/sid/icd-10',
  'I10-CM': 'http://hl7.org/fhir/sid/icd-10-cm',
  I10C: 'http://hl7.org/fhir/sid/icd-10-cm',
  ICD10CM: 'http://hl7.org/fhir/sid/icd-10-cm',
  I9: 'http://hl7.org/fhir/sid/icd-9-cm',
  I9C: 'http://hl7.org/fhir/sid/icd-9-cm',
  SCT: 'http://snomed.info/sct',
  SNM: 'http://snomed.info/sct',
  LN: 'http://loinc.org',
};

/**
 * A CodeableConcept from a CE/CWE value: the coding system's URI when it is one FHIR names (HL7
 * table 0396), else the code without a system; undefined when nothing was sent.
 * @param value - code, text and coding system as sent
 */
export function codeableConcept(value: {
  code: string;
  text: string;
  codingSystem: string;
}): CodeableConcept | undefined {
  const code = value.code.trim();
  const text = value.text.trim();
  if (!code && !text) return undefined;
  const system = CODING_SYSTEMS[value.codingSystem.trim().toUpperCase()];
  const coding: Coding | undefined = code
    ? { ...(system ? { system } : {}), code, ...(text ? { display: text } : {}) }
    : undefined;
  return { ...(coding ? { coding: [coding] } : {}), ...(text ? { text } : {}) };
}
