import type {
  CapabilityStatement,
  CapabilityStatementRestResource,
  CapabilityStatementRestResourceSearchParam,
} from '@medplum/fhirtypes';
import { PATIENT_REVINCLUDES, SEARCH_PARAMETERS, type FhirResourceType } from './fhir-search-params.js';

type SearchParam = CapabilityStatementRestResourceSearchParam;

const CORE = 'http://hl7.org/fhir/SearchParameter';

const PATIENT_CHAIN =
  'Chaining `patient.identifier` (also `subject.identifier`, `subject:Patient.identifier`) finds the resources of the patient with that identifier.';

/** What each supported parameter is, as the CapabilityStatement declares it. */
const DEFINITIONS: Readonly<Record<FhirResourceType, readonly SearchParam[]>> = {
  Patient: [
    { name: '_id', type: 'token', definition: `${CORE}/Resource-id` },
    {
      name: 'identifier',
      type: 'token',
      definition: `${CORE}/Patient-identifier`,
      documentation:
        'Any PID-3 identifier: `system|value`, `|value` or `value`. The system is `urn:oid:<oid>`, a URI, or `urn:adt-followup:assigning-authority:<CX.4>`; the bare assigning authority is accepted too.',
    },
    { name: 'birthdate', type: 'date', definition: `${CORE}/individual-birthdate` },
  ],
  Encounter: [
    { name: '_id', type: 'token', definition: `${CORE}/Resource-id` },
    {
      name: 'identifier',
      type: 'token',
      definition: `${CORE}/clinical-identifier`,
      documentation: 'The visit number (PV1-19); the system names the sending facility (MSH-4).',
    },
    {
      name: 'patient',
      type: 'reference',
      definition: `${CORE}/clinical-patient`,
      documentation: PATIENT_CHAIN,
    },
    {
      name: 'subject',
      type: 'reference',
      definition: `${CORE}/Encounter-subject`,
      documentation: PATIENT_CHAIN,
    },
    {
      name: 'date',
      type: 'date',
      definition: `${CORE}/clinical-date`,
      documentation:
        'Encounter.period (PV1-44/45). Prefixes eq, gt, lt, ge, le; a date without a time is a day in the practice time zone.',
    },
    { name: 'status', type: 'token', definition: `${CORE}/Encounter-status` },
    {
      name: 'class',
      type: 'token',
      definition: `${CORE}/Encounter-class`,
      documentation: 'v3 ActCode (EMER, IMP, AMB, PRENC) or a PV1-2 code of HL7 table 0004.',
    },
  ],
  Task: [
    { name: '_id', type: 'token', definition: `${CORE}/Resource-id` },
    { name: 'patient', type: 'reference', definition: `${CORE}/Task-patient`, documentation: PATIENT_CHAIN },
    { name: 'subject', type: 'reference', definition: `${CORE}/Task-subject`, documentation: PATIENT_CHAIN },
    { name: 'encounter', type: 'reference', definition: `${CORE}/Task-encounter` },
    {
      name: 'status',
      type: 'token',
      definition: `${CORE}/Task-status`,
      documentation: 'ready (open), in-progress, completed (closed), cancelled.',
    },
    { name: 'authored-on', type: 'date', definition: `${CORE}/Task-authored-on` },
    { name: 'modified', type: 'date', definition: `${CORE}/Task-modified` },
    {
      name: 'due-date',
      type: 'date',
      documentation: "This server's own: the due time, Task.restriction.period.end.",
    },
  ],
};

const RESOURCE_DOCUMENTATION: Readonly<Record<FhirResourceType, string>> = {
  Patient:
    'Patients from PID (HL7 v2-to-FHIR mapping). A navigator reads the patients of their teams’ follow-ups.',
  Encounter: 'Visits from PV1 and the ADT events. A navigator reads the encounters of their teams’ patients.',
  Task: 'Follow-ups: one per discharge or ED visit that needs a call. A navigator reads their teams’ follow-ups.',
};

/**
 * The server's CapabilityStatement: read and search of Patient, Encounter and Task in JSON.
 * @param base - the server's base URL, `https://host/fhir/R4`
 * @param version - the software version
 */
export function capabilityStatement(base: string, version: string): CapabilityStatement {
  const resource: CapabilityStatementRestResource[] = (
    Object.keys(SEARCH_PARAMETERS) as FhirResourceType[]
  ).map((type) => ({
    type,
    documentation: RESOURCE_DOCUMENTATION[type],
    interaction: [{ code: 'read' }, { code: 'search-type' }],
    ...(type === 'Patient' ? { searchRevInclude: [...PATIENT_REVINCLUDES] } : {}),
    searchParam: [...DEFINITIONS[type]],
  }));
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-06',
    publisher: 'adt-followup',
    kind: 'instance',
    software: { name: 'adt-followup', version },
    implementation: { description: 'adt-followup read-only FHIR R4 API', url: base },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Read-only. Paging with `_count` (default 50, at most 200) and `_offset`; an unsupported parameter is refused with 400.',
        security: {
          cors: false,
          description:
            'Send `Authorization: Bearer <API token>` (`adt create-token --user`) or a browser session; navigators see their teams only, admins everything, ops nothing.',
        },
        resource,
      },
    ],
  };
}
