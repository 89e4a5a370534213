/**
 * Back in hospital, through the API: a patient with an open discharge follow-up is admitted at
 * another facility whose record shares an HIE id (PID-3) with theirs. The follow-up shows where
 * they are and the readmission, and is not overdue (nor sorted as such) while they are in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READMISSION_WINDOW_DAYS, localIsoTime } from '@adt/adt';
import {
  createFollowUp,
  lockEncounter,
  queueSupersessionCheck,
  settleSupersession,
  saveEncounterState,
  upsertPatient,
  withTransaction,
  type EncounterState,
} from '@adt/db';
import { createUserToken, startApiHarness, type ApiHarness } from './testing/api-harness.js';

interface Item {
  id: string;
  patient: { mrn: string };
  overdue: boolean;
  patientInHospital: { facility: string; location: string; patientClass: string; since: string } | null;
  readmittedAt: string | null;
  status: string;
  statusReason: string | null;
  supersededBy: string | null;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('follow-ups of patients back in hospital', () => {
  let h: ApiHarness;
  let token: string;
  const now = Date.now();
  const ids: Record<string, string> = {};
  let readmissionEncounter = '';
  const readmittedAt = new Date(now - DAY);

  /** Stores a patient (with further PID-3 identifiers) and one stay; returns patient and encounter. */
  async function seedStay(stay: {
    mrn: string;
    facility: string;
    hie: string;
    patientClass: string;
    location: string;
    admittedAt: Date;
    dischargedAt: Date | null;
  }): Promise<{ patientId: string; encounterId: string }> {
    return withTransaction(h.db.pool, async (client) => {
      const patientId = await upsertPatient(client, {
        mrn: stay.mrn,
        assigningAuthority: stay.facility,
        familyName: 'DOE',
        givenName: 'JANE',
        middleName: '',
        birthDate: '1950-01-01',
        sex: 'F',
        phone: '',
        deceased: false,
        identifiers: [
          { id: stay.mrn, assigningAuthority: stay.facility, type: 'MR' },
          { id: stay.hie, assigningAuthority: 'HIE', type: 'PI' },
        ],
      });
      const encounter = await lockEncounter(client, {
        patientId,
        facility: stay.facility,
        encounterKey: `V-${stay.mrn}`,
        visitNumber: `V-${stay.mrn}`,
      });
      const state: EncounterState = {
        visitNumber: `V-${stay.mrn}`,
        patientClass: stay.patientClass,
        assignedLocation: stay.location,
        admissionType: '',
        hospitalService: '',
        patientType: '',
        admittedAt: stay.admittedAt,
        dischargedAt: stay.dischargedAt,
        disposition: stay.dischargedAt ? '01' : '',
        diagnoses: [],
      };
      await saveEncounterState(client, encounter.id, state, { type: 'A01', at: stay.admittedAt });
      return { patientId, encounterId: encounter.id };
    });
  }

  async function seedDischargeFollowUp(mrn: string, hie: string, dueAt: Date): Promise<string> {
    const stay = await seedStay({
      mrn,
      facility: 'GENERAL_HOSP',
      hie,
      patientClass: 'I',
      location: '4W^401^A',
      admittedAt: new Date(now - 6 * DAY),
      dischargedAt: new Date(now - 4 * DAY),
    });
    const id = await createFollowUp(h.db.pool, {
      encounterId: stay.encounterId,
      patientId: stay.patientId,
      kind: 'discharge',
      dueAt,
      visitDueBy: null,
      priority: 'normal',
      inEdNow: false,
      team: 'north',
    });
    if (!id) throw new Error('follow-up not created');
    return id;
  }

  beforeAll(async () => {
    h = await startApiHarness('readmitapi');
    token = await createUserToken(h.db.pool, { role: 'navigator', team: 'north', name: 'nav' });
    // Both past due; the readmitted patient's follow-up was due first.
    ids.readmitted = await seedDischargeFollowUp('RA1', 'HIE123', new Date(now - 2 * DAY));
    ids.home = await seedDischargeFollowUp('RC1', 'HIE999', new Date(now - DAY));
    readmissionEncounter = (
      await seedStay({
        mrn: 'RB1',
        facility: 'OTHER_HOSP',
        hie: 'HIE123',
        patientClass: 'I',
        location: '5E^512^B',
        admittedAt: readmittedAt,
        dischargedAt: null,
      })
    ).encounterId;
  });

  afterAll(async () => {
    await h.close();
  });

  const get = (url: string) => h.app.inject({ url, headers: { authorization: `Bearer ${token}` } });

  it('shows the stay elsewhere and the readmission, and the clock does not count meanwhile', async () => {
    const response = await get('/api/worklist');
    expect(response.statusCode).toBe(200);
    const items = response.json<{ items: Item[] }>().items;
    // Overdue first: the patient at home, although their follow-up is due later.
    expect(items.map((i) => [i.patient.mrn, i.overdue])).toEqual([
      ['RC1', true],
      ['RA1', false],
    ]);
    expect(items[1]).toMatchObject({
      patientInHospital: {
        facility: 'OTHER_HOSP',
        location: '5E^512^B',
        patientClass: 'I',
        since: readmittedAt.toISOString(),
      },
      readmittedAt: readmittedAt.toISOString(),
    });
    expect(items[0]).toMatchObject({ patientInHospital: null, readmittedAt: null });

    const csv = await get('/api/worklist?format=csv');
    const [header, home, inHospital] = csv.body.trim().split('\r\n');
    expect(header).toMatch(/,In hospital at,In hospital since,Readmitted$/);
    expect(home).toMatch(/,,,$/);
    const local = localIsoTime(readmittedAt, h.config.practice.timeZone);
    const stayColumns = `,OTHER_HOSP,${local},${local}`;
    expect(inHospital?.endsWith(stayColumns)).toBe(true);

    const detail = await get(`/api/follow-ups/${ids.readmitted ?? ''}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json<Item>()).toMatchObject({
      overdue: false,
      patientInHospital: { facility: 'OTHER_HOSP', since: readmittedAt.toISOString() },
      readmittedAt: readmittedAt.toISOString(),
    });
  });

  it('counts the clock again once the patient has left the hospital', async () => {
    await h.db.pool.query(`UPDATE encounters SET discharged_at = $2 WHERE id = $1`, [
      readmissionEncounter,
      new Date(now - HOUR),
    ]);
    const items = (await get('/api/worklist')).json<{ items: Item[] }>().items;
    expect(items.map((i) => [i.patient.mrn, i.overdue])).toEqual([
      ['RA1', true],
      ['RC1', true],
    ]);
    expect(items[0]).toMatchObject({ patientInHospital: null, readmittedAt: readmittedAt.toISOString() });
    const found = (await get('/api/follow-ups?mrn=RA1')).json<{ items: Item[] }>().items;
    expect(found[0]).toMatchObject({ overdue: true, readmittedAt: readmittedAt.toISOString() });
  });

  it("reads as cancelled (readmitted) once the readmission's discharge brings its own follow-up, until work is logged", async () => {
    const readmissionPatient = await h.db.pool.query<{ patient_id: string }>(
      'SELECT patient_id FROM encounters WHERE id = $1',
      [readmissionEncounter],
    );
    const patientId = readmissionPatient.rows[0]?.patient_id ?? '';
    const later = await createFollowUp(h.db.pool, {
      encounterId: readmissionEncounter,
      patientId,
      kind: 'discharge',
      dueAt: new Date(now + DAY),
      visitDueBy: null,
      priority: 'normal',
      inEdNow: false,
      team: 'north',
    });
    // As the worker does after the readmission's discharge commits.
    await queueSupersessionCheck(h.db.pool, [patientId]);
    await settleSupersession(h.db.pool, { zone: h.config.practice.timeZone, days: READMISSION_WINDOW_DAYS });

    const detail = (await get(`/api/follow-ups/${ids.readmitted ?? ''}`)).json<Item>();
    expect(detail).toMatchObject({
      status: 'cancelled',
      statusReason: 'readmitted',
      supersededBy: later,
      overdue: false,
    });
    const listed = (await get('/api/worklist')).json<{ items: Item[] }>().items;
    expect(listed.map((i) => i.patient.mrn)).toEqual(['RC1', 'RB1']);

    // A call was made on it after all: it is kept, still to do, and shows what superseded it.
    const logged = await h.app.inject({
      method: 'POST',
      url: `/api/follow-ups/${ids.readmitted ?? ''}/actions`,
      headers: { authorization: `Bearer ${token}` },
      payload: { type: 'contact_attempt', outcome: 'no_answer' },
    });
    expect(logged.statusCode).toBe(201);
    const kept = (await get(`/api/follow-ups/${ids.readmitted ?? ''}`)).json<Item>();
    expect(kept).toMatchObject({ status: 'in_progress', statusReason: null, supersededBy: later });
    const relisted = (await get('/api/worklist')).json<{ items: Item[] }>().items;
    expect(relisted.map((i) => i.patient.mrn)).toContain('RA1');
  });
});
