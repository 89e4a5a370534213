/**
 * What a call needs, through the API: a discharge that carries every field of the call context
 * (the readable fixture), parsed and stored as the worker does, shows on the follow-up and its
 * worklist row with names in normal case and the facility's display name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFollowUp,
  lockEncounter,
  nameFacility,
  saveEncounterState,
  saveMessageContext,
  upsertPatient,
  withTransaction,
} from '@adt/db';
import { parseAdtMessage, parsePatientContext } from '@adt/hl7';
import { PATIENT_CONTEXT_FIXTURE } from '@adt/testing';
import { createUserToken, startApiHarness, type ApiHarness } from './testing/api-harness.js';

interface Phone {
  number: string;
  use: string;
  equipment: string;
  field: string;
}

interface Item {
  id: string;
  lastAttemptAt: string | null;
  patient: {
    name: string;
    familyName: string;
    phone: string;
    phones: Phone[];
    contacts: { name: string; relationship: { code: string; text: string }; phones: Phone[] }[];
    language: { code: string; text: string } | null;
    interpreterNeeded: boolean;
    address: { street: string; city: string; state: string; postalCode: string } | null;
    primaryCareProvider: { name: string; source: string } | null;
    coverages: { planId: string; planName: string; companyName: string; policyNumber: string }[];
  };
  encounter: {
    facility: string;
    facilityName: string;
    reasonForVisit: { code: string; text: string } | null;
    admittingDiagnosis: { code: string; text: string; source: string } | null;
    attending: { id: string; name: string } | null;
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Stores the message's patient, encounter and call context as the worker does, and a follow-up
 * (none for a stay still open: its id is then the encounter's).
 */
async function seedFromMessage(h: ApiHarness, text: string, team: string, open = false): Promise<string> {
  const adt = parseAdtMessage(text);
  const context = parsePatientContext(text);
  const at = new Date('2026-12-01T15:25:00Z');
  return withTransaction(h.db.pool, async (db) => {
    const patientId = await upsertPatient(db, {
      mrn: adt.patient.identifiers[0]?.id ?? '',
      assigningAuthority: adt.header.sendingFacility,
      familyName: adt.patient.familyName,
      givenName: adt.patient.givenName,
      middleName: adt.patient.middleName,
      birthDate: '1961-09-23',
      sex: adt.patient.sex,
      phone: adt.patient.phone,
      deceased: false,
      identifiers: [],
    });
    const visitNumber = adt.visit?.visitNumber ?? '';
    const encounter = await lockEncounter(db, {
      patientId,
      facility: adt.header.sendingFacility,
      encounterKey: visitNumber,
      visitNumber,
    });
    await saveEncounterState(
      db,
      encounter.id,
      {
        visitNumber,
        patientClass: 'I',
        assignedLocation: '',
        admissionType: 'U',
        hospitalService: 'MED',
        patientType: '',
        admittedAt: new Date('2026-11-27T14:15:00Z'),
        dischargedAt: open ? null : at,
        disposition: open ? '' : '01',
        diagnoses: adt.diagnoses,
      },
      { type: 'A03', at },
    );
    await saveMessageContext(db, { patientId, encounterId: encounter.id }, context, at);
    if (open) return encounter.id;
    const id = await createFollowUp(db, {
      encounterId: encounter.id,
      patientId,
      kind: 'discharge',
      dueAt: new Date(Date.now() + DAY_MS),
      visitDueBy: null,
      priority: 'normal',
      inEdNow: false,
      team,
    });
    if (!id) throw new Error('follow-up not created');
    return id;
  });
}

describe('patient context on the follow-up and the worklist', () => {
  let h: ApiHarness;
  let token = '';
  let id = '';
  let plain = '';

  beforeAll(async () => {
    h = await startApiHarness('patient_context_api');
    token = await createUserToken(h.db.pool, { role: 'navigator', team: 'north', name: 'Jo' });
    id = await seedFromMessage(h, PATIENT_CONTEXT_FIXTURE.hl7, 'north');
    // A message that carries none of it, from a facility without a display name.
    const bare = PATIENT_CONTEXT_FIXTURE.hl7
      .split('\r')
      .filter((s) => /^(MSH|EVN|PID|PV1)\|/.test(s))
      .join('\r')
      .replace('|LAKESIDE_MED|', '|RIVERSIDE|')
      .replaceAll('MRN550021', 'MRN550030')
      .replace('V20261127-0311', 'V20261127-0400')
      .replace(/\|7788\^NGUYEN-PARK\^ANH\^T\^\^DR\^MD\|/g, '||')
      .replace(/^PID\|.*$/m, 'PID|1||MRN550030^^^RIVERSIDE^MR||OKAFOR^JAMES^A||19500101|M');
    plain = await seedFromMessage(h, bare, 'north');
    await nameFacility(h.db.pool, 'LAKESIDE_MED', 'Lakeside Medical Center');
  });

  afterAll(async () => {
    await h.close();
  });

  const get = async (url: string) => {
    const response = await h.app.inject({ url, headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode, response.body).toBe(200);
    return response;
  };

  function expectFullContext(item: Item, lastAttemptAt: string | null): void {
    expect(item.patient.name).toBe('McDonald, Aoife Mary-Kate');
    expect(item.patient.familyName).toBe('MCDONALD');
    expect(item.patient.phone).toBe('(207)555-0148');
    expect(item.patient.phones).toEqual(PATIENT_CONTEXT_FIXTURE.phones);
    expect(item.patient.contacts).toEqual([
      {
        name: "O'Brien-McDonald, Liam",
        relationship: { code: 'SON', text: 'Son', codingSystem: 'HL70063' },
        phones: [
          { number: '2075550111', use: 'PRN', equipment: 'CP', field: 'NK1-5' },
          { number: '2075550122', use: 'WPN', equipment: 'PH', field: 'NK1-6' },
        ],
      },
      {
        name: 'McDonald, Rose',
        relationship: { code: 'SIS', text: 'Sister', codingSystem: 'HL70063' },
        phones: [{ number: '(207)555-0133', use: 'PRN', equipment: 'PH', field: 'NK1-5' }],
      },
    ]);
    expect(item.patient.language).toEqual(PATIENT_CONTEXT_FIXTURE.language);
    expect(item.patient.interpreterNeeded).toBe(true);
    expect(item.patient.address).toEqual(PATIENT_CONTEXT_FIXTURE.address);
    expect(item.patient.primaryCareProvider).toEqual({ name: "O'Brien, Sean, MD", source: 'PD1-4' });
    expect(item.patient.coverages).toEqual(PATIENT_CONTEXT_FIXTURE.coverages);
    expect(item.encounter.facility).toBe('LAKESIDE_MED');
    expect(item.encounter.facilityName).toBe('Lakeside Medical Center');
    expect(item.encounter.reasonForVisit).toEqual(PATIENT_CONTEXT_FIXTURE.reasonForVisit);
    expect(item.encounter.admittingDiagnosis).toEqual({
      code: 'J18.9',
      text: 'Pneumonia, unspecified organism',
      codingSystem: 'I10',
      source: 'DG1',
    });
    expect(item.encounter.attending).toEqual({ id: '7788', name: 'Nguyen-Park, Anh T, MD' });
    expect(item.lastAttemptAt).toBe(lastAttemptAt);
  }

  it('patient context fields from a message that carries them', async () => {
    const detail = (await get(`/api/follow-ups/${id}`)).json<Item>();
    expectFullContext(detail, null);
    const row = (await get('/api/worklist')).json<{ items: Item[] }>().items.find((f) => f.id === id);
    if (!row) throw new Error('follow-up not on the worklist');
    expectFullContext(row, null);
  });

  it('finds the patient by any of their numbers, not only the first', async () => {
    // The cell phone is the second PID-13 repetition; the work number (PID-14) has an extension.
    for (const q of ['2075550199', '207-555-0173']) {
      const found = (await get(`/api/follow-ups?q=${encodeURIComponent(q)}`)).json<{ items: Item[] }>().items;
      expect(found.map((f) => f.id)).toEqual([id]);
    }
  });

  it('shows when the patient was last tried, and the roster PCP before PD1-4', async () => {
    const at = new Date(Date.now() - 60_000).toISOString();
    const logged = await h.app.inject({
      method: 'POST',
      url: `/api/follow-ups/${id}/actions`,
      headers: { authorization: `Bearer ${token}` },
      payload: { type: 'contact_attempt', outcome: 'no_answer', at },
    });
    expect(logged.statusCode, logged.body).toBe(201);
    await h.db.pool.query(
      `INSERT INTO roster_entries (identifier, assigning_authority, team, pcp)
       VALUES ('MRN550021', 'LAKESIDE_MED', 'north', 'Dr. Ann Lee')`,
    );
    const detail = (await get(`/api/follow-ups/${id}`)).json<Item>();
    expect(detail.lastAttemptAt).toBe(at);
    expect(detail.patient.primaryCareProvider).toEqual({ name: 'Dr. Ann Lee', source: 'roster' });
    const row = (await get('/api/worklist')).json<{ items: Item[] }>().items.find((f) => f.id === id);
    expect(row?.lastAttemptAt).toBe(at);
  });

  it('is empty where no message said anything, and a facility without a name shows its code', async () => {
    const detail = (await get(`/api/follow-ups/${plain}`)).json<Item>();
    expect(detail.patient.name).toBe('Okafor, James A');
    expect(detail.patient).toMatchObject({
      phones: [],
      contacts: [],
      language: null,
      interpreterNeeded: false,
      address: null,
      primaryCareProvider: null,
      coverages: [],
    });
    expect(detail.encounter).toMatchObject({
      facility: 'RIVERSIDE',
      facilityName: 'RIVERSIDE',
      reasonForVisit: null,
      admittingDiagnosis: null,
      attending: null,
    });
  });
});

describe('the census shows facility names, names in normal case and the PV2-3 reason', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApiHarness('patient_context_census');
  });

  afterAll(async () => {
    await h.close();
  });

  it('lists an open stay by the facility name with the admit reason', async () => {
    const token = await createUserToken(h.db.pool, { role: 'admin', team: null, name: 'Admin' });
    const encounterId = await seedFromMessage(h, PATIENT_CONTEXT_FIXTURE.hl7, 'north', true);
    await nameFacility(h.db.pool, 'LAKESIDE_MED', 'Lakeside Medical Center');
    const response = await h.app.inject({
      url: '/api/census',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode, response.body).toBe(200);
    const stay = response
      .json<{
        inHospital: {
          items: {
            encounterId: string;
            patient: { name: string };
            facility: string;
            facilityName: string;
            reasonForVisit: string | null;
          }[];
        };
      }>()
      .inHospital.items.find((e) => e.encounterId === encounterId);
    expect(stay).toMatchObject({
      patient: { name: 'McDonald, Aoife' },
      facility: 'LAKESIDE_MED',
      facilityName: 'Lakeside Medical Center',
      reasonForVisit: 'Shortness of breath',
    });
  });
});

describe('the interpreter flag follows PRACTICE_LANGUAGE', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApiHarness('patient_context_language', { PRACTICE_LANGUAGE: 'es,spa,spanish' });
  });

  afterAll(async () => {
    await h.close();
  });

  it('does not flag a patient who speaks the practice language', async () => {
    const token = await createUserToken(h.db.pool, { role: 'navigator', team: 'north', name: 'Ana' });
    const id = await seedFromMessage(h, PATIENT_CONTEXT_FIXTURE.hl7, 'north');
    const response = await h.app.inject({
      url: `/api/follow-ups/${id}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.json<Item>().patient.interpreterNeeded).toBe(false);
  });
});
