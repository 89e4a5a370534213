import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dischargeCallDueAt, localDate } from '@adt/adt';
import type { Queryable } from '@adt/db';
import { type ApiHarness, createUserToken, startApiHarness } from './testing/api-harness.js';

// September 2026 in America/New_York (UTC-4 all month). 1 Sep is a Tuesday: the ISO weeks of the
// month are 1-6, 7-13, 14-20, 21-27 and 28-30 Sep.
const ZONE = 'America/New_York';
const local = (wallClock: string) => new Date(`${wallClock}:00-04:00`);
const calendar = { zone: ZONE, holidays: new Set<string>() };
const SEPTEMBER = 'from=2026-09-01&to=2026-09-30';

async function insertId(db: Queryable, sql: string, values: unknown[]): Promise<string> {
  const { rows } = await db.query<{ id: string }>(sql, values);
  return rows[0]?.id ?? '';
}

/** A patient discharged (inpatient) at `out`, with a discharge follow-up of `team` and its actions. */
async function discharge(
  db: Queryable,
  mrn: string,
  out: Date,
  team: string,
  actions: [type: string, at: Date][] = [],
): Promise<{ patientId: string }> {
  const patientId = await insertId(
    db,
    `INSERT INTO patients (mrn, assigning_authority, family_name, given_name)
     VALUES ($1, 'GENERAL_HOSP', $2, 'PAT') RETURNING id`,
    [mrn, `FAM-${mrn}`],
  );
  const encounterId = await insertId(
    db,
    `INSERT INTO encounters (patient_id, facility, encounter_key, patient_class, admitted_at, discharged_at, disposition)
     VALUES ($1, 'GENERAL_HOSP', gen_random_uuid()::text, 'I', $2, $3, '01') RETURNING id`,
    [patientId, new Date(out.getTime() - 3 * 86_400_000), out],
  );
  const followUpId = await insertId(
    db,
    `INSERT INTO follow_ups (encounter_id, patient_id, kind, due_at, team, status)
     VALUES ($1, $2, 'discharge', $3, $4, 'in_progress') RETURNING id`,
    [encounterId, patientId, dischargeCallDueAt(localDate(out, ZONE), calendar), team],
  );
  for (const [type, at] of actions) {
    await db.query(
      `INSERT INTO care_actions (follow_up_id, type, at, actor, recorded_at) VALUES ($1, $2, $3, 'navigator:test', $3)`,
      [followUpId, type, at],
    );
  }
  return { patientId };
}

interface Figure {
  id: string;
  numerator?: number;
  denominator?: number;
  rate?: number | null;
  provisional?: boolean;
}
interface Trend {
  from: string;
  to: string;
  interval: string;
  targets: Record<string, { value: number; better: string; reason: string }>;
  buckets: { from: string; to: string; measures: Figure[] }[];
}

describe('GET /api/reports/measures/trend', () => {
  let h: ApiHarness;
  const auth: Record<'admin' | 'north' | 'ops', Record<string, string>> = { admin: {}, north: {}, ops: {} };

  const get = (url: string, headers: Record<string, string> = auth.admin) =>
    h.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    h = await startApiHarness('report-trend', { PRACTICE_TZ: ZONE });
    const db = h.db.pool;
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    auth.admin = bearer(await createUserToken(db, { role: 'admin', team: null, name: 'admin' }));
    auth.north = bearer(await createUserToken(db, { role: 'navigator', team: 'north', name: 'nav' }));
    auth.ops = bearer(await createUserToken(db, { role: 'ops', team: null, name: 'ops' }));
    await createUserToken(db, { role: 'navigator', team: 'south', name: 'nav2' });

    // Week 1: Wed 2 Sep, contacted Thu 3 Sep (in time); Sun 6 Sep 22:00, never contacted.
    await discharge(db, 'T-1', local('2026-09-02T10:00'), 'north', [
      ['contact_made', local('2026-09-03T09:00')],
    ]);
    await discharge(db, 'T-2', local('2026-09-06T22:00'), 'north');
    // Week 2: Mon 7 Sep, contacted Tue 8 Sep; readmitted on 20 Sep (in week 3, inside 30 days).
    const readmitted = await discharge(db, 'T-3', local('2026-09-07T10:00'), 'north', [
      ['contact_made', local('2026-09-08T11:00')],
    ]);
    await db.query(
      `INSERT INTO encounters (patient_id, facility, encounter_key, patient_class, admitted_at)
       VALUES ($1, 'GENERAL_HOSP', gen_random_uuid()::text, 'I', $2)`,
      [readmitted.patientId, local('2026-09-20T08:00')],
    );
    // Week 5: Tue 29 Sep, south's follow-up; contacted on Wed 30 Sep.
    await discharge(db, 'T-4', local('2026-09-29T10:00'), 'south', [
      ['contact_made', local('2026-09-30T10:00')],
    ]);
    // Outside the period: 31 Aug and 1 Oct.
    await discharge(db, 'T-5', local('2026-08-31T10:00'), 'north');
    await discharge(db, 'T-6', local('2026-10-01T10:00'), 'north');
  });

  afterAll(async () => {
    await h.close();
  });

  it('gives the figures of each ISO week of the period, with the targets', async () => {
    const response = await get(`/api/reports/measures/trend?${SEPTEMBER}&interval=week`);
    expect(response.statusCode).toBe(200);
    const trend = response.json<Trend>();
    expect(trend).toMatchObject({ from: '2026-09-01', to: '2026-09-30', interval: 'week' });
    expect(trend.buckets.map((b) => `${b.from}..${b.to}`)).toEqual([
      '2026-09-01..2026-09-06',
      '2026-09-07..2026-09-13',
      '2026-09-14..2026-09-20',
      '2026-09-21..2026-09-27',
      '2026-09-28..2026-09-30',
    ]);
    const contact = trend.buckets.map((b) => b.measures.find((m) => m.id === 'tcm_contact_2bd'));
    expect(contact.map((m) => [m?.numerator, m?.denominator])).toEqual([
      [1, 2],
      [1, 1],
      [0, 0],
      [0, 0],
      [1, 1],
    ]);
    // The readmission counts in the week of its index discharge (7 Sep), not of the readmission.
    const readmit = trend.buckets.map((b) => b.measures.find((m) => m.id === 'readmit_30d'));
    expect(readmit.map((m) => [m?.numerator, m?.denominator])).toEqual([
      [0, 2],
      [1, 1],
      [0, 0],
      [0, 0],
      [0, 1],
    ]);
    expect(trend.targets.tcm_contact_2bd).toMatchObject({ value: 0.8, better: 'higher' });
    expect(trend.targets.readmit_30d).toMatchObject({ better: 'lower' });
  });

  it("equals the measures report of each bucket's dates, for an admin and for a navigator", async () => {
    for (const headers of [auth.admin, auth.north]) {
      const trend = (await get(`/api/reports/measures/trend?${SEPTEMBER}`, headers)).json<Trend>();
      expect(trend.buckets).toHaveLength(5);
      for (const bucket of trend.buckets) {
        const report = await get(`/api/reports/measures?from=${bucket.from}&to=${bucket.to}`, headers);
        expect(bucket.measures).toEqual(report.json<{ measures: Figure[] }>().measures);
      }
    }
  });

  it("narrows to a navigator's teams and to the team and facility asked for", async () => {
    const mine = (await get(`/api/reports/measures/trend?${SEPTEMBER}`, auth.north)).json<Trend>();
    const last = mine.buckets[4]?.measures.find((m) => m.id === 'tcm_contact_2bd');
    // South's 29 Sep discharge is not north's.
    expect(last).toMatchObject({ numerator: 0, denominator: 0 });
    const south = (await get(`/api/reports/measures/trend?${SEPTEMBER}&team=south`)).json<Trend>();
    expect(south.buckets.map((b) => b.measures.find((m) => m.id === 'tcm_contact_2bd')?.denominator)).toEqual(
      [0, 0, 0, 0, 1],
    );
    const elsewhere = (
      await get(`/api/reports/measures/trend?${SEPTEMBER}&facility=OTHER_HOSP`)
    ).json<Trend>();
    expect(elsewhere.buckets.every((b) => b.measures.every((m) => (m.denominator ?? 0) === 0))).toBe(true);
  });

  it('gives calendar months, clipped to the period', async () => {
    const trend = (
      await get('/api/reports/measures/trend?from=2026-08-15&to=2026-10-10&interval=month')
    ).json<Trend>();
    expect(trend.interval).toBe('month');
    expect(trend.buckets.map((b) => [b.from, b.to])).toEqual([
      ['2026-08-15', '2026-08-31'],
      ['2026-09-01', '2026-09-30'],
      ['2026-10-01', '2026-10-10'],
    ]);
    expect(trend.buckets.map((b) => b.measures.find((m) => m.id === 'tcm_contact_2bd')?.denominator)).toEqual(
      [1, 4, 1],
    );
  });

  it('refuses bad queries, other teams and ops with a clear 4xx', async () => {
    const bad = await get(`/api/reports/measures/trend?${SEPTEMBER}&interval=day`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toContain('interval');
    expect((await get('/api/reports/measures/trend?from=2026-09-30&to=2026-09-01')).statusCode).toBe(400);
    expect((await get('/api/reports/measures/trend?from=2025-01-01&to=2026-09-30')).statusCode).toBe(400);
    expect((await get('/api/reports/measures/trend?from=2026-09-01')).statusCode).toBe(400);
    expect((await get(`/api/reports/measures/trend?${SEPTEMBER}&team=nobody`)).statusCode).toBe(404);
    expect((await get(`/api/reports/measures/trend?${SEPTEMBER}&team=south`, auth.north)).statusCode).toBe(
      403,
    );
    expect((await get(`/api/reports/measures/trend?${SEPTEMBER}`, auth.ops)).statusCode).toBe(403);
    expect((await get(`/api/reports/measures/trend?${SEPTEMBER}`, {})).statusCode).toBe(401);
  });
});
