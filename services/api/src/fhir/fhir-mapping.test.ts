import { beforeAll, describe, expect, it } from 'vitest';
import type { FhirEncounterRecord, FhirPatientRecord, FhirTaskRecord } from '@adt/db';
import { createFhirValidator, type FhirValidator } from '../testing/fhir-schema.js';
import { capabilityStatement } from './fhir-capability.js';
import { toFhirEncounter } from './fhir-encounter.js';
import { toFhirPatient } from './fhir-patient.js';
import { toFhirTask } from './fhir-task.js';

let validate: FhirValidator;
beforeAll(() => {
  validate = createFhirValidator();
}, 60_000);

const UPDATED = new Date('2026-12-02T10:00:00Z');

const patient: FhirPatientRecord = {
  id: '5',
  mrn: 'M1',
  assigningAuthority: '2.16.840.1.113883.3.72',
  familyName: 'DOE',
  givenName: '',
  middleName: '',
  birthDate: null,
  sex: 'X',
  phone: '',
  deceased: true,
  mergedInto: '9',
  updatedAt: UPDATED,
  identifiers: [{ assigningAuthority: '2.16.840.1.113883.3.72', value: 'M1', type: 'MR' }],
  address: null,
  phones: [],
};

const encounter: FhirEncounterRecord = {
  id: '7',
  patientId: '5',
  facility: 'GENERAL_HOSP',
  facilityName: '',
  visitNumber: '',
  accountNumber: 'A1',
  patientClass: '',
  assignedLocation: '',
  hospitalService: 'MED',
  admittedAt: null,
  dischargedAt: new Date('2026-12-01T12:00:00Z'),
  disposition: '7',
  diagnoses: [{ code: 'I50.9', text: '', codingSystem: 'I10' }],
  reasonForVisit: { code: '', text: 'Short of breath', codingSystem: '' },
  attending: null,
  status: 'finished',
  mergedInto: null,
  updatedAt: UPDATED,
};

const task: FhirTaskRecord = {
  id: '11',
  kind: 'discharge',
  status: 'completed',
  statusReason: 'reached',
  dueAt: new Date('2026-12-03T23:00:00Z'),
  priority: 'high',
  team: 'north',
  patientId: '5',
  encounterId: '7',
  createdAt: new Date('2026-12-01T12:05:00Z'),
  updatedAt: UPDATED,
  closedAt: UPDATED,
  holder: 'user:nina',
  actions: [
    {
      id: '1',
      type: 'claim',
      outcome: null,
      note: null,
      at: new Date('2026-12-02T09:00:00Z'),
      actor: 'user:nina',
      recordedAt: new Date('2026-12-02T09:00:00Z'),
      previousHolder: null,
      handedTo: null,
    },
    {
      id: '2',
      type: 'close',
      outcome: 'reached',
      note: 'spoke with daughter',
      at: UPDATED,
      actor: 'navigator:script#4',
      recordedAt: UPDATED,
      previousHolder: null,
      handedTo: null,
    },
  ],
};

describe('FHIR mapping', () => {
  it('makes a merged, deceased patient inactive and replaced by the survivor, with no empty elements', () => {
    const resource = toFhirPatient(patient);
    expect(validate(resource)).toEqual([]);
    expect(resource).toEqual({
      resourceType: 'Patient',
      id: '5',
      meta: { lastUpdated: '2026-12-02T10:00:00.000Z' },
      identifier: [
        {
          use: 'usual',
          type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] },
          system: 'urn:oid:2.16.840.1.113883.3.72',
          value: 'M1',
          assigner: { display: '2.16.840.1.113883.3.72' },
        },
      ],
      active: false,
      name: [{ use: 'official', family: 'DOE' }],
      deceasedBoolean: true,
      link: [{ other: { reference: 'Patient/9' }, type: 'replaced-by' }],
    });
  });

  it('maps an encounter without a class or visit number to valid FHIR', () => {
    const resource = toFhirEncounter(encounter);
    expect(validate(resource)).toEqual([]);
    expect(resource).toMatchObject({
      identifier: [{ type: { coding: [{ code: 'AN' }] }, value: 'A1' }],
      class: { code: 'UNK' },
      period: { end: '2026-12-01T12:00:00.000Z' },
      hospitalization: { dischargeDisposition: { coding: [{ code: '07' }] } },
      reasonCode: [{ text: 'Short of breath' }],
      diagnosis: [{ condition: { display: 'I50.9' }, rank: 1 }],
      serviceProvider: { display: 'GENERAL_HOSP' },
    });
  });

  it('maps a follow-up to a Task: owner, due date, care actions as notes and outputs', () => {
    const names = new Map([
      ['user:nina', 'Nina North, RN'],
      ['navigator:script#4', 'script (API token)'],
    ]);
    const resource = toFhirTask(task, names);
    expect(validate(resource)).toEqual([]);
    expect(resource).toMatchObject({
      status: 'completed',
      statusReason: { text: 'reached' },
      priority: 'urgent',
      owner: {
        display: 'Nina North, RN',
        identifier: { system: 'urn:adt-followup:username', value: 'nina' },
      },
      restriction: { period: { end: '2026-12-03T23:00:00.000Z' } },
      executionPeriod: { start: '2026-12-02T09:00:00.000Z', end: '2026-12-02T10:00:00.000Z' },
      note: [
        { authorString: 'Nina North, RN', text: 'claim' },
        { authorString: 'script (API token)', text: 'close (reached): spoke with daughter' },
      ],
      output: [{ type: { coding: [{ code: 'close' }] }, valueString: 'reached' }],
    });
  });

  it('declares a valid CapabilityStatement', () => {
    expect(validate(capabilityStatement('https://example.org/fhir/R4', '0.1.0'))).toEqual([]);
  });
});
