/**
 * The FHIR R4 API end to end over stored data: ADT messages (the readable fixture and built ones)
 * stored as the listener does and applied by the worker's own processing, then read as FHIR.
 * Every answer validates against the R4 JSON schema.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Bundle,
  CapabilityStatement,
  Encounter,
  OperationOutcome,
  Patient,
  Task,
} from '@medplum/fhirtypes';
import { addTeamRule, storeInboundMessage } from '@adt/db';
import { applyMessage, type ApplyDeps } from '@adt/followup-worker';
import { hl7TestMessage } from '@adt/testing';
import {
  addUser,
  createUserToken,
  signIn,
  startApiHarness,
  type ApiHarness,
} from '../testing/api-harness.js';
import { createFhirValidator, type FhirValidator } from '../testing/fhir-schema.js';

const FIXTURE = readFileSync(
  new URL('../../../../tests/fixtures/adt-a03-patient-context.hl7', import.meta.url),
  'latin1',
);
const ZONE = 'America/New_York';
const LAKESIDE_MRN = 'LAKESIDE_MED|MRN550021';

let h: ApiHarness;
let validate: FhirValidator;
const tokens = { north: '', south: '', admin: '', ops: '' };

/** Stores a message as the listener would and applies it as the worker does. */
async function process(text: string): Promise<void> {
  const facility = text.split('|')[3] ?? '';
  const stored = await storeInboundMessage(h.db.pool, {
    raw: Buffer.from(text, 'latin1'),
    contentHash: createHash('sha256').update(text).digest(),
    peerAddress: null,
    sendingApplication: 'EPIC',
    sendingFacility: facility,
    controlId: text.split('|')[9] ?? '',
    messageType: 'ADT',
    versionId: '2.5.1',
    ackCode: 'AA',
  });
  const deps: ApplyDeps = {
    pool: h.db.pool,
    rules: { calendar: { zone: ZONE, holidays: new Set() }, observationCodes: new Set(['OBS']) },
    defaultTeam: null,
    zoneForFacility: () => ZONE,
  };
  await applyMessage(deps, stored.id);
}

async function get(url: string, token: string) {
  const response = await h.app.inject({ url, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body: unknown = response.json();
  return { status: response.statusCode, type: response.headers['content-type'], body };
}

/** A successful answer, checked against the schema. */
async function fhir<T>(url: string, token = tokens.north): Promise<T> {
  const answer = await get(url, token);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  expect(answer.type).toBe('application/fhir+json; charset=utf-8');
  expect(validate(answer.body)).toEqual([]);
  return answer.body as T;
}

/** A refusal: the status and an OperationOutcome that validates. */
async function refused(url: string, status: number, token = tokens.north): Promise<OperationOutcome> {
  const answer = await get(url, token);
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.type).toBe('application/fhir+json; charset=utf-8');
  expect(validate(answer.body)).toEqual([]);
  const outcome = answer.body as OperationOutcome;
  expect(outcome.resourceType).toBe('OperationOutcome');
  return outcome;
}

function resources<T>(bundle: Bundle): T[] {
  return (bundle.entry ?? []).map((e) => e.resource as T);
}

async function idOf(url: string): Promise<string> {
  const first = resources<{ id: string }>(await fhir<Bundle>(url, tokens.admin))[0];
  if (!first) throw new Error(`nothing at ${url}`);
  return first.id;
}

beforeAll(async () => {
  validate = createFhirValidator();
  h = await startApiHarness('fhir');
  await addUser(h, { username: 'nina', role: 'navigator', teams: ['north'], displayName: 'Nina North, RN' });
  await addUser(h, { username: 'sam', role: 'navigator', teams: ['south'] });
  await addTeamRule(h.db.pool, { facility: 'LAKESIDE_MED', kind: null, patientClass: null, team: 'north' });
  await addTeamRule(h.db.pool, { facility: 'GENERAL_HOSP', kind: null, patientClass: null, team: 'south' });
  tokens.north = await createUserToken(h.db.pool, { role: 'navigator', team: 'north', name: 'north-feed' });
  tokens.south = await createUserToken(h.db.pool, { role: 'navigator', team: 'south', name: 'south-feed' });
  tokens.admin = await createUserToken(h.db.pool, { role: 'admin', team: null, name: 'admin-feed' });
  tokens.ops = await createUserToken(h.db.pool, { role: 'ops', team: null, name: 'ops-feed' });
  // North: the fixture's inpatient discharge, then the same patient back in the ED.
  await process(FIXTURE);
  await process(
    hl7TestMessage({
      controlId: 'LM-ED-1',
      event: 'A04',
      facility: 'LAKESIDE_MED',
      mrn: 'MRN550021',
      at: '20261203081000',
      pid: { 5: 'MCDONALD^AOIFE^MARY-KATE', 7: '19610923' },
      pv1: { 2: 'E', 3: 'ED^12', 19: 'V-ED-1', 44: '20261203080000' },
    }),
  );
  // South: another patient's discharge.
  await process(
    hl7TestMessage({
      controlId: 'GH-1',
      mrn: 'MRN42',
      pv1: { 19: 'V-GH-1', 36: '01', 44: '20261115090000', 45: '20261118140000' },
    }),
  );
}, 120_000);

afterAll(async () => {
  await h.close();
});

describe('GET /fhir/R4/metadata', () => {
  it('answers a CapabilityStatement without credentials', async () => {
    const statement = await fhir<CapabilityStatement>('/fhir/R4/metadata', '');
    expect(statement.resourceType).toBe('CapabilityStatement');
    expect(statement.fhirVersion).toBe('4.0.1');
    expect(statement.rest?.[0]?.resource?.map((r) => r.type)).toEqual(['Patient', 'Encounter', 'Task']);
    expect(statement.rest?.[0]?.resource?.[0]?.searchRevInclude).toContain('Task:patient');
  });
});

describe('Patient', () => {
  it('maps PID: identifiers, name, birth date, gender, address and telecom', async () => {
    const bundle = await fhir<Bundle>(`/fhir/R4/Patient?identifier=${encodeURIComponent(LAKESIDE_MRN)}`);
    expect(bundle.type).toBe('searchset');
    expect(bundle.total).toBe(1);
    const [patient] = resources<Patient>(bundle);
    expect(patient?.identifier).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          system: 'urn:adt-followup:assigning-authority:LAKESIDE_MED',
          value: 'MRN550021',
          type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] },
        }),
        expect.objectContaining({
          system: 'urn:adt-followup:assigning-authority:STATEHIE',
          value: 'HIE77001',
        }),
      ]),
    );
    expect(patient?.name).toEqual([{ use: 'official', family: 'MCDONALD', given: ['AOIFE', 'MARY-KATE'] }]);
    expect(patient?.birthDate).toBe('1961-09-23');
    expect(patient?.gender).toBe('female');
    expect(patient?.address?.[0]).toMatchObject({
      use: 'home',
      city: 'PORTLAND',
      state: 'ME',
      postalCode: '04102',
    });
    expect(patient?.telecom).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ system: 'phone', use: 'mobile' }),
        expect.objectContaining({ system: 'email', value: 'aoife.mcdonald@example.org' }),
      ]),
    );
  });

  it('finds a patient by any identifier, with or without the system, and by birth date', async () => {
    for (const query of [
      'identifier=STATEHIE|HIE77001',
      'identifier=HIE77001',
      'birthdate=1961-09',
      'birthdate=ge1961-09-23&birthdate=lt1961-09-24',
    ]) {
      const bundle = await fhir<Bundle>(`/fhir/R4/Patient?${query}`);
      expect(bundle.total, query).toBe(1);
    }
    const none = await fhir<Bundle>('/fhir/R4/Patient?identifier=OTHER_HOSP|MRN550021');
    expect(none.total).toBe(0);
    expect(none.entry).toBeUndefined();
  });

  it('reads a patient by id, and 404s an unknown one', async () => {
    const id = await idOf(`/fhir/R4/Patient?identifier=${encodeURIComponent(LAKESIDE_MRN)}`);
    const patient = await fhir<Patient>(`/fhir/R4/Patient/${id}`);
    expect(patient).toMatchObject({ resourceType: 'Patient', id, active: true });
    const outcome = await refused('/fhir/R4/Patient/999999', 404);
    expect(outcome.issue[0]?.code).toBe('not-found');
  });
});

describe('a search by patient identifier', () => {
  it("returns the patient's encounters and tasks through the chained patient.identifier", async () => {
    const encounters = await fhir<Bundle>(
      `/fhir/R4/Encounter?patient.identifier=${encodeURIComponent(LAKESIDE_MRN)}`,
    );
    expect(encounters.total).toBe(2);
    const byVisit = new Map(resources<Encounter>(encounters).map((e) => [e.identifier?.[0]?.value, e]));
    const stay = byVisit.get('V20261127-0311');
    expect(stay).toMatchObject({
      status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
      period: { start: '2026-11-27T14:15:00.000Z', end: '2026-12-01T15:00:00.000Z' },
      hospitalization: {
        dischargeDisposition: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0112', code: '01' }],
        },
      },
      location: [{ location: { display: '3NORTH 318 A' } }],
    });
    expect(stay?.participant?.[0]?.individual?.display).toContain('NGUYEN-PARK');
    expect(byVisit.get('V-ED-1')).toMatchObject({
      status: 'arrived',
      class: { code: 'EMER' },
    });

    // The discharge's follow-up, and the ED visit's (made at registration).
    const tasks = await fhir<Bundle>(
      `/fhir/R4/Task?subject:Patient.identifier=${encodeURIComponent(LAKESIDE_MRN)}`,
    );
    expect(tasks.total).toBe(2);
    const task = resources<Task>(tasks).find((t) => t.code?.coding?.[0]?.code === 'discharge');
    expect(resources<Task>(tasks).find((t) => t.code?.coding?.[0]?.code === 'ed_visit')).toMatchObject({
      encounter: { reference: `Encounter/${byVisit.get('V-ED-1')?.id ?? ''}` },
    });
    expect(task).toMatchObject({
      status: 'ready',
      intent: 'order',
      code: { coding: [{ code: 'discharge' }] },
      for: { reference: `Patient/${stay?.subject?.reference?.split('/')[1] ?? ''}` },
      encounter: { reference: `Encounter/${stay?.id ?? ''}` },
    });
    expect(task?.restriction?.period?.end).toMatch(/^2026-12-0\dT/);
  });

  it('returns the patient with their encounters and tasks in one Bundle with _revinclude', async () => {
    const bundle = await fhir<Bundle>(
      `/fhir/R4/Patient?identifier=${encodeURIComponent(LAKESIDE_MRN)}&_revinclude=Encounter:patient&_revinclude=Task:patient`,
    );
    expect(bundle.total).toBe(1);
    const modes = (bundle.entry ?? []).map(
      (e) => `${e.resource?.resourceType ?? ''}:${e.search?.mode ?? ''}`,
    );
    expect(modes.sort()).toEqual([
      'Encounter:include',
      'Encounter:include',
      'Patient:match',
      'Task:include',
      'Task:include',
    ]);
    // Another team's patient brings nothing along.
    const other = await fhir<Bundle>('/fhir/R4/Patient?identifier=MRN42&_revinclude=Task:patient');
    expect(other.entry).toBeUndefined();
  });

  it('finds the same by the patient reference, and encounters by date, status and class', async () => {
    const patientId = await idOf(`/fhir/R4/Patient?identifier=${encodeURIComponent(LAKESIDE_MRN)}`);
    const checks: [string, number][] = [
      [`/fhir/R4/Encounter?patient=Patient/${patientId}`, 2],
      [`/fhir/R4/Task?patient=${patientId}`, 2],
      ['/fhir/R4/Encounter?date=2026-12-03', 0],
      ['/fhir/R4/Encounter?date=ge2026-12-03', 1],
      ['/fhir/R4/Encounter?date=ge2026-11-27&date=le2026-12-01', 1],
      ['/fhir/R4/Encounter?date=lt2026-11-27', 0],
      ['/fhir/R4/Encounter?status=finished', 1],
      ['/fhir/R4/Encounter?status=arrived,in-progress', 1],
      ['/fhir/R4/Encounter?class=EMER', 1],
      ['/fhir/R4/Task?status=ready', 2],
      ['/fhir/R4/Task?status=completed', 0],
      ['/fhir/R4/Task?authored-on=ge2020-01-01', 2],
      ['/fhir/R4/Task?authored-on=lt2020-01-01', 0],
    ];
    for (const [url, total] of checks) expect((await fhir<Bundle>(url)).total, url).toBe(total);
  });
});

describe('a worked follow-up', () => {
  it('shows who holds it as the owner and the care actions as notes and outputs', async () => {
    const taskId = await idOf(
      `/fhir/R4/Task?patient.identifier=${encodeURIComponent(LAKESIDE_MRN)}&status=ready`,
    );
    const session = await signIn(h.app, 'nina');
    for (const action of [
      { type: 'claim' },
      { type: 'contact_attempt', outcome: 'voicemail', note: 'left a message' },
    ]) {
      const response = await h.app.inject({
        method: 'POST',
        url: `/api/follow-ups/${taskId}/actions`,
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
        payload: action,
      });
      expect(response.statusCode, response.body).toBe(201);
    }
    const task = await fhir<Task>(`/fhir/R4/Task/${taskId}`);
    expect(task).toMatchObject({
      status: 'in-progress',
      owner: { display: 'Nina North, RN', identifier: { value: 'nina' } },
      note: [
        { authorString: 'Nina North, RN', text: 'claim' },
        { authorString: 'Nina North, RN', text: 'contact attempt (voicemail): left a message' },
      ],
      output: [{ type: { coding: [{ code: 'contact_attempt' }] }, valueString: 'voicemail' }],
    });
    const inProgress = await fhir<Bundle>('/fhir/R4/Task?status=in-progress');
    expect(resources<Task>(inProgress).map((t) => t.id)).toEqual([taskId]);
  });
});

describe('team scoping', () => {
  it("shows a navigator only their teams' tasks, patients and encounters", async () => {
    const northTasks = await fhir<Bundle>('/fhir/R4/Task');
    expect(northTasks.total).toBe(2);
    const southTaskId = await idOf('/fhir/R4/Task?patient.identifier=GENERAL_HOSP|MRN42');
    expect(resources<Task>(northTasks).map((t) => t.id)).not.toContain(southTaskId);
    expect((await fhir<Bundle>('/fhir/R4/Patient?identifier=MRN42')).total).toBe(0);
    expect((await fhir<Bundle>('/fhir/R4/Encounter?identifier=V-GH-1')).total).toBe(0);
    expect((await fhir<Bundle>('/fhir/R4/Task', tokens.south)).total).toBe(1);
    expect((await fhir<Bundle>('/fhir/R4/Task', tokens.admin)).total).toBe(3);
  });

  it("refuses a navigator another team's task, patient and encounter by id with 403, and audits it", async () => {
    const taskId = await idOf('/fhir/R4/Task?patient.identifier=GENERAL_HOSP|MRN42');
    const patientId = await idOf('/fhir/R4/Patient?identifier=MRN42');
    const encounterId = await idOf('/fhir/R4/Encounter?identifier=V-GH-1');
    for (const url of [
      `/fhir/R4/Task/${taskId}`,
      `/fhir/R4/Patient/${patientId}`,
      `/fhir/R4/Encounter/${encounterId}`,
    ]) {
      const outcome = await refused(url, 403);
      expect(outcome.issue[0]?.code).toBe('forbidden');
    }
    await fhir<Task>(`/fhir/R4/Task/${taskId}`, tokens.south);
    const denied = await h.db.pool.query<{ resource_id: string }>(
      `SELECT resource_id FROM audit_log WHERE action = 'denied' AND resource_id LIKE 'GET /fhir/%'`,
    );
    expect(denied.rows.map((r) => r.resource_id)).toContain('GET /fhir/R4/:type/:id');
  });

  it('audits reads and searches with the ids shown', async () => {
    const taskId = await idOf('/fhir/R4/Task?patient.identifier=GENERAL_HOSP|MRN42');
    await fhir<Task>(`/fhir/R4/Task/${taskId}`, tokens.south);
    const entries = await h.db.pool.query<{
      action: string;
      resource: string;
      resource_id: string | null;
      detail: unknown;
    }>(
      `SELECT action, resource, resource_id, detail FROM audit_log
        WHERE resource = 'follow_up' AND (resource_id = $1 OR detail -> 'followUpIds' ? $1)`,
      [taskId],
    );
    expect(entries.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'read', resource_id: taskId }),
        expect.objectContaining({ action: 'search' }),
      ]),
    );
  });

  it('answers 401 without credentials and 403 to ops', async () => {
    expect((await refused('/fhir/R4/Task', 401, '')).issue[0]?.code).toBe('login');
    expect((await refused('/fhir/R4/Patient', 403, tokens.ops)).issue[0]?.code).toBe('forbidden');
  });
});

describe('paging and refusals', () => {
  it('pages with _count and a next link', async () => {
    const first = await fhir<Bundle>('/fhir/R4/Encounter?_count=1', tokens.admin);
    expect(first.total).toBe(3);
    expect(first.entry).toHaveLength(1);
    const next = first.link?.find((l) => l.relation === 'next')?.url ?? '';
    expect(next).toContain('_offset=1');
    const second = await fhir<Bundle>(next.slice(next.indexOf('/fhir/')), tokens.admin);
    expect(second.entry?.[0]?.resource?.id).not.toBe(first.entry?.[0]?.resource?.id);
    const capped = await fhir<Bundle>('/fhir/R4/Encounter?_count=5000', tokens.admin);
    expect(capped.link?.find((l) => l.relation === 'self')?.url).toContain('_count=200');
  });

  it('answers 400 OperationOutcomes for unknown types, parameters and malformed values', async () => {
    for (const url of [
      '/fhir/R4/Observation',
      '/fhir/R4/Observation/1',
      '/fhir/R4/Patient?name=smith',
      '/fhir/R4/Task?status=bogus',
      '/fhir/R4/Encounter?date=sa2026-01-01',
      '/fhir/R4/Encounter?date=2026-13-01',
      '/fhir/R4/Encounter?patient=Group/1',
      '/fhir/R4/Task?status:not=ready',
      '/fhir/R4/Patient?_count=abc',
      '/fhir/R4/Patient/not$an$id',
    ]) {
      const outcome = await refused(url, 400);
      expect(outcome.issue[0]?.code, url).toBe('invalid');
    }
  });

  it('refuses writes with 405', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/fhir/R4/Patient',
      headers: { authorization: `Bearer ${tokens.admin}` },
      payload: { resourceType: 'Patient' },
    });
    expect(response.statusCode).toBe(405);
    expect(response.json<OperationOutcome>().issue[0]?.code).toBe('not-supported');
  });
});
