/**
 * A stored patient as a FHIR R4 Patient, following the HL7 v2-to-FHIR PID mapping: PID-3 →
 * identifier, PID-5 → name, PID-7 → birthDate, PID-8 → gender, PID-11 → address, PID-13/14 →
 * telecom, PID-30 → deceasedBoolean; a patient merged away (A40) is inactive and replaced by the
 * survivor.
 */
import type { ContactPhone, PostalAddress } from '@adt/hl7';
import type { FhirPatientRecord } from '@adt/db';
import type { Address, ContactPoint, HumanName, Identifier, Patient } from '@medplum/fhirtypes';
import { administrativeGender, identifierSystem, V2_IDENTIFIER_TYPE } from './fhir-codes.js';

function nonEmpty(values: readonly string[]): string[] {
  return values.map((v) => v.trim()).filter((v) => v !== '');
}

function identifier(authority: string, value: string, type: string): Identifier {
  const system = identifierSystem(authority);
  const code = type.trim();
  return {
    ...(code === 'MR' ? { use: 'usual' as const } : {}),
    ...(code ? { type: { coding: [{ system: V2_IDENTIFIER_TYPE, code }] } } : {}),
    ...(system ? { system } : {}),
    value,
    ...(authority ? { assigner: { display: authority } } : {}),
  };
}

/** PID-3: the medical record number first, then every other stored repetition once. */
function identifiers(patient: FhirPatientRecord): Identifier[] {
  const seen = new Set([`${patient.assigningAuthority}|${patient.mrn}`]);
  const rest = patient.identifiers.filter((i) => {
    const key = `${i.assigningAuthority}|${i.value}`;
    if (seen.has(key) || i.value.trim() === '') return false;
    seen.add(key);
    return true;
  });
  return [
    identifier(patient.assigningAuthority, patient.mrn, 'MR'),
    ...rest.map((i) => identifier(i.assigningAuthority, i.value, i.type)),
  ];
}

function names(patient: FhirPatientRecord): HumanName[] {
  const family = patient.familyName.trim();
  const given = nonEmpty([patient.givenName, patient.middleName]);
  if (!family && given.length === 0) return [];
  return [{ use: 'official', ...(family ? { family } : {}), ...(given.length > 0 ? { given } : {}) }];
}

/** XTN.2 use codes to ContactPoint.use, XTN.3 equipment to system (v2-to-FHIR XTN map). */
function contactPoint(phone: ContactPhone): ContactPoint | undefined {
  const value = phone.number.trim();
  if (!value) return undefined;
  const equipment = phone.equipment.trim().toUpperCase();
  const use = phone.use.trim().toUpperCase();
  const system: ContactPoint['system'] =
    use === 'NET' || equipment === 'INTERNET' || equipment === 'X.400'
      ? 'email'
      : equipment === 'FX'
        ? 'fax'
        : equipment === 'BP' || use === 'BPN'
          ? 'pager'
          : 'phone';
  const contactUse: ContactPoint['use'] =
    equipment === 'CP'
      ? 'mobile'
      : use === 'WPN'
        ? 'work'
        : use === 'PRN' || use === 'VHN'
          ? 'home'
          : undefined;
  const fallbackUse: ContactPoint['use'] = phone.field === 'PID-14' ? 'work' : 'home';
  return { system, value, use: contactUse ?? fallbackUse };
}

function telecom(patient: FhirPatientRecord): ContactPoint[] {
  const fromContext = patient.phones
    .filter((p) => p.field === 'PID-13' || p.field === 'PID-14')
    .map(contactPoint)
    .filter((c): c is ContactPoint => c !== undefined);
  if (fromContext.length > 0) return fromContext;
  const phone = patient.phone.trim();
  return phone ? [{ system: 'phone', value: phone, use: 'home' }] : [];
}

function address(value: PostalAddress | null): Address[] {
  if (!value) return [];
  const line = nonEmpty([value.street, value.other]);
  const parts = {
    city: value.city.trim(),
    state: value.state.trim(),
    postalCode: value.postalCode.trim(),
    country: value.country.trim(),
  };
  const present = Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== ''));
  if (line.length === 0 && Object.keys(present).length === 0) return [];
  return [{ use: 'home', ...(line.length > 0 ? { line } : {}), ...present }];
}

/**
 * The FHIR Patient of a stored patient.
 * @param patient - the stored patient with identifiers and call context
 */
export function toFhirPatient(patient: FhirPatientRecord): Patient {
  const gender = administrativeGender(patient.sex);
  const name = names(patient);
  const phones = telecom(patient);
  const addresses = address(patient.address);
  return {
    resourceType: 'Patient',
    id: patient.id,
    meta: { lastUpdated: patient.updatedAt.toISOString() },
    identifier: identifiers(patient),
    active: patient.mergedInto === null,
    ...(name.length > 0 ? { name } : {}),
    ...(phones.length > 0 ? { telecom: phones } : {}),
    ...(gender ? { gender } : {}),
    ...(patient.birthDate ? { birthDate: patient.birthDate } : {}),
    ...(patient.deceased ? { deceasedBoolean: true } : {}),
    ...(addresses.length > 0 ? { address: addresses } : {}),
    ...(patient.mergedInto
      ? { link: [{ other: { reference: `Patient/${patient.mergedInto}` }, type: 'replaced-by' as const }] }
      : {}),
  };
}
