/**
 * A stored encounter as a FHIR R4 Encounter, following the HL7 v2-to-FHIR PV1 mapping: PV1-2 →
 * class, PV1-3 → location, PV1-7 → participant (ATND), PV1-10 → serviceType, PV1-19 →
 * identifier (VN), PV1-36 → hospitalization.dischargeDisposition, PV1-44/45 → period, PV2-3 →
 * reasonCode, DG1 → diagnosis; the status comes from the ADT events (see `FHIR_ENCOUNTER_STATUS`).
 */
import { normalizeDispositionCode, vocabulary } from '@adt/adt';
import type { Clinician } from '@adt/hl7';
import type { FhirEncounterRecord } from '@adt/db';
import type { Encounter, EncounterParticipant, Identifier } from '@medplum/fhirtypes';
import {
  codeableConcept,
  encounterClass,
  identifierSystem,
  V2_DISCHARGE_DISPOSITION,
  V2_HOSPITAL_SERVICE,
  V2_IDENTIFIER_TYPE,
  V3_PARTICIPATION_TYPE,
} from './fhir-codes.js';

/** NUBC discharge status codes (PV1-36) in words. */
const DISPOSITIONS: Readonly<Record<string, string>> = vocabulary().dispositions;

function visitIdentifiers(encounter: FhirEncounterRecord): Identifier[] {
  const system = identifierSystem(encounter.facility);
  const identifier = (code: string, value: string): Identifier => ({
    ...(code === 'VN' ? { use: 'usual' as const } : {}),
    type: { coding: [{ system: V2_IDENTIFIER_TYPE, code }] },
    ...(system ? { system } : {}),
    value,
  });
  return [
    ...(encounter.visitNumber.trim() ? [identifier('VN', encounter.visitNumber.trim())] : []),
    ...(encounter.accountNumber.trim() ? [identifier('AN', encounter.accountNumber.trim())] : []),
  ];
}

/** PV1-3 (point of care^room^bed^facility…) for people: "4W 401 A". */
function locationDisplay(location: string): string {
  return location
    .split('^')
    .slice(0, 3)
    .map((c) => c.trim())
    .filter((c) => c !== '')
    .join(' ');
}

function clinicianName(clinician: Clinician): string {
  return [clinician.prefix, clinician.given, clinician.middle, clinician.family, clinician.degree]
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .join(' ');
}

function attending(clinician: Clinician | null): EncounterParticipant[] {
  if (!clinician) return [];
  const display = clinicianName(clinician);
  const id = clinician.id.trim();
  if (!display && !id) return [];
  return [
    {
      type: [{ coding: [{ system: V3_PARTICIPATION_TYPE, code: 'ATND', display: 'attender' }] }],
      individual: { ...(display ? { display } : {}), ...(id ? { identifier: { value: id } } : {}) },
    },
  ];
}

/**
 * The FHIR Encounter of a stored encounter.
 * @param encounter - the stored encounter with its status and context
 */
export function toFhirEncounter(encounter: FhirEncounterRecord): Encounter {
  const identifiers = visitIdentifiers(encounter);
  const location = locationDisplay(encounter.assignedLocation);
  const disposition = normalizeDispositionCode(encounter.disposition);
  const dispositionText = DISPOSITIONS[disposition];
  const service = encounter.hospitalService.trim();
  const reason = encounter.reasonForVisit ? codeableConcept(encounter.reasonForVisit) : undefined;
  // Encounter.diagnosis points at a Condition; this server has none, so the reference is its display.
  const diagnoses = encounter.diagnoses.flatMap((d, index) => {
    const display = [d.code.trim(), d.text.trim()].filter((p) => p !== '').join(' ');
    return display ? [{ condition: { display }, rank: index + 1 }] : [];
  });
  const participants = attending(encounter.attending);
  const period = {
    ...(encounter.admittedAt ? { start: encounter.admittedAt.toISOString() } : {}),
    ...(encounter.dischargedAt ? { end: encounter.dischargedAt.toISOString() } : {}),
  };
  const provider = encounter.facilityName.trim() || encounter.facility.trim();
  return {
    resourceType: 'Encounter',
    id: encounter.id,
    meta: { lastUpdated: encounter.updatedAt.toISOString() },
    ...(identifiers.length > 0 ? { identifier: identifiers } : {}),
    status: encounter.status,
    class: encounterClass(encounter.patientClass),
    ...(service ? { serviceType: { coding: [{ system: V2_HOSPITAL_SERVICE, code: service }] } } : {}),
    subject: { reference: `Patient/${encounter.patientId}` },
    ...(participants.length > 0 ? { participant: participants } : {}),
    ...(Object.keys(period).length > 0 ? { period } : {}),
    ...(reason ? { reasonCode: [reason] } : {}),
    ...(diagnoses.length > 0 ? { diagnosis: diagnoses } : {}),
    ...(disposition
      ? {
          hospitalization: {
            dischargeDisposition: {
              coding: [
                {
                  system: V2_DISCHARGE_DISPOSITION,
                  code: disposition,
                  ...(dispositionText ? { display: dispositionText } : {}),
                },
              ],
            },
          },
        }
      : {}),
    ...(location ? { location: [{ location: { display: location } }] } : {}),
    ...(provider ? { serviceProvider: { display: provider } } : {}),
  };
}
