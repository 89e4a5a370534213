import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dischargeCallDueAt } from '@adt/adt';
import type { Queryable } from '@adt/db';
import { type ApiHarness, createUserToken, startApiHarness } from './testing/api-harness.js';
import {
  at,
  insertAction,
  insertEncounter,
  insertFollowUp,
  insertPatient,
} from './testing/report-fixtures.js';
import { insertStay } from './testing/measure-seed.js';

// A synthetic October 2026 (with September as its previous period) in America/New_York, EDT
// (UTC-4) throughout. Every expected figure is counted by hand from the rows below.
const ZONE = 'America/New_York';
const local = (wallClock: string) => at(wallClock, '-04:00');
const calendar = { zone: ZONE, holidays: new Set<string>() };

interface Figure {
  id: string;
  numerator?: number;
  denominator?: number;
  count?: number;
  median?: number | null;
  groups?: Record<string, { numerator: number; denominator: number }>;
}
type Figures = Record<string, Figure>;
const byId = (measures: Figure[]): Figures => Object.fromEntries(measures.map((m) => [m.id, m]));
/** numerator/denominator of the rate measures, for compact expectations. */
const rates = (f: Figures) =>
  Object.fromEntries(
    ['tcm_contact_2bd', 'visit_7d', 'visit_14d', 'med_rec_30d', 'ed_contact_7d', 'readmit_30d'].map((id) => [
      id,
      `${f[id]?.numerator ?? '?'}/${f[id]?.denominator ?? '?'}`,
    ]),
  );

type Stay = { followUpId: string; encounterId: string; patientId: string };
/** kind, team, facility, risk, arrived and left (local wall-clock time). */
type StayRow = readonly ['discharge' | 'ed_visit', string, string, 'high' | 'normal', string, string];

/** A discharge or ED stay with its follow-up. */
async function stay(
  db: Queryable,
  mrn: string,
  [kind, team, facility, priority, arrived, left]: StayRow,
): Promise<Stay> {
  const patientId = await insertPatient(db, mrn);
  const encounterId = await insertEncounter(db, {
    patientId,
    facility,
    patientClass: kind === 'discharge' ? 'I' : 'E',
    admittedAt: local(arrived),
    dischargedAt: local(left),
  });
  const followUpId = await insertFollowUp(db, {
    encounterId,
    patientId,
    kind,
    team,
    priority,
    status: 'in_progress',
    dueAt: dischargeCallDueAt(left.slice(0, 10), calendar),
  });
  return { followUpId, encounterId, patientId };
}

/** The stays with a follow-up, by MRN. */
const STAYS: Record<string, StayRow> = {
  // P1 north GEN high: discharged Thu 1 Oct, due end of Mon 5 Oct. Contact Fri 2 Oct (24 h),
  // visit 7 Oct (+6), med rec 6 Oct. Not readmitted.
  P1: ['discharge', 'north', 'GEN', 'high', '2026-09-28T10:00', '2026-10-01T10:00'],
  // P2 north GEN normal: discharged Tue 6 Oct, no contact, visit 19 Oct (+13), readmitted 20 Oct.
  P2: ['discharge', 'north', 'GEN', 'normal', '2026-10-03T10:00', '2026-10-06T10:00'],
  // P3 south OTH normal: discharged Wed 14 Oct, due end of Fri 16; contact Thu 15 (24 h).
  P3: ['discharge', 'south', 'OTH', 'normal', '2026-10-12T10:00', '2026-10-14T10:00'],
  // P4 north GEN normal ED visit on 10 Oct, contacted 12 Oct. P5 south OTH high ED 20 Oct, none.
  P4: ['ed_visit', 'north', 'GEN', 'normal', '2026-10-10T10:00', '2026-10-10T14:00'],
  P5: ['ed_visit', 'south', 'OTH', 'high', '2026-10-20T10:00', '2026-10-20T14:00'],
  // September: S1 north normal discharged Tue 15 Sep, contact Wed 16; S2 north high Mon 21 Sep, none.
  S1: ['discharge', 'north', 'GEN', 'normal', '2026-09-12T10:00', '2026-09-15T10:00'],
  S2: ['discharge', 'north', 'GEN', 'high', '2026-09-18T10:00', '2026-09-21T10:00'],
};

describe('report slices: kind and risk, the previous period, and the breakdown', () => {
  let h: ApiHarness;
  const auth: Record<'admin' | 'north' | 'ops', Record<string, string>> = { admin: {}, north: {}, ops: {} };
  const ids: Record<string, Stay> = {};

  beforeAll(async () => {
    h = await startApiHarness('reportslices', { PRACTICE_TZ: ZONE });
    const db = h.db.pool;
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    auth.admin = bearer(await createUserToken(db, { role: 'admin', team: null, name: 'admin' }));
    auth.north = bearer(await createUserToken(db, { role: 'navigator', team: 'north', name: 'nav' }));
    auth.ops = bearer(await createUserToken(db, { role: 'ops', team: null, name: 'ops' }));
    await createUserToken(db, { role: 'navigator', team: 'south', name: 'nav2' });

    for (const [mrn, row] of Object.entries(STAYS)) ids[mrn] = await stay(db, mrn, row);
    const { P1, P2, P3, P4, S1 } = ids;
    if (!P1 || !P2 || !P3 || !P4 || !S1) throw new Error('a stay of the table was not stored');
    await insertAction(db, P1.followUpId, 'contact_made', local('2026-10-02T10:00'));
    await insertAction(db, P1.followUpId, 'appointment_scheduled', local('2026-10-02T10:05'), {
      outcome: '2026-10-07',
    });
    await insertAction(db, P1.followUpId, 'med_reconciliation', local('2026-10-06T10:00'));
    await insertAction(db, P2.followUpId, 'appointment_scheduled', local('2026-10-07T10:05'), {
      outcome: '2026-10-19',
    });
    await insertStay(db, P2.patientId, local('2026-10-20T10:00'), null, { facility: 'GEN' });
    await insertAction(db, P3.followUpId, 'contact_made', local('2026-10-15T10:00'));
    await insertAction(db, P4.followUpId, 'contact_made', local('2026-10-12T10:00'));
    // P6: an inpatient discharge at GEN on 22 Oct that got no follow-up: no team, no risk.
    const p6 = await insertPatient(db, 'P6');
    await insertStay(db, p6, local('2026-10-20T10:00'), local('2026-10-22T10:00'), { facility: 'GEN' });
    await insertAction(db, S1.followUpId, 'contact_made', local('2026-09-16T10:00'));
  });

  afterAll(async () => {
    await h.close();
  });

  const get = (url: string, headers: Record<string, string> = auth.admin) => h.app.inject({ url, headers });
  const figures = async (url: string, headers?: Record<string, string>) => {
    const response = await get(url, headers);
    expect(response.statusCode, response.body).toBe(200);
    return byId(response.json<{ measures: Figure[] }>().measures);
  };
  const OCTOBER = 'from=2026-10-01&to=2026-10-31';

  it('counts the month, then narrows it by kind', async () => {
    const all = await figures(`/api/reports/measures?${OCTOBER}`);
    expect(rates(all)).toEqual({
      tcm_contact_2bd: '2/3',
      visit_7d: '1/3',
      visit_14d: '2/3',
      med_rec_30d: '1/3',
      ed_contact_7d: '1/2',
      readmit_30d: '1/4',
    });
    expect(all.readmit_30d?.groups).toMatchObject({
      contacted_2bd: { numerator: 0, denominator: 2 },
      not_contacted_2bd: { numerator: 1, denominator: 2 },
    });
    expect(all.first_contact_hours).toMatchObject({ count: 2, median: 24 });

    const discharges = await figures(`/api/reports/measures?${OCTOBER}&kind=discharge`);
    expect(rates(discharges)).toMatchObject({
      tcm_contact_2bd: '2/3',
      ed_contact_7d: '0/0',
      readmit_30d: '1/4',
    });
    // ED visits: the discharge measures and readmissions (whose index stays are discharges) are empty.
    const ed = await figures(`/api/reports/measures?${OCTOBER}&kind=ed_visit`);
    expect(rates(ed)).toMatchObject({ tcm_contact_2bd: '0/0', ed_contact_7d: '1/2', readmit_30d: '0/0' });
  });

  it('narrows by risk, index stays by their discharge follow-up', async () => {
    const high = await figures(`/api/reports/measures?${OCTOBER}&risk=high`);
    expect(rates(high)).toMatchObject({ tcm_contact_2bd: '1/1', ed_contact_7d: '0/1', readmit_30d: '0/1' });
    // P6 has no follow-up, so no risk: it drops out of either risk.
    const normal = await figures(`/api/reports/measures?${OCTOBER}&risk=normal`);
    expect(rates(normal)).toMatchObject({ tcm_contact_2bd: '1/2', ed_contact_7d: '1/1', readmit_30d: '1/2' });

    const members = await get(`/api/reports/measures/readmit_30d/members?${OCTOBER}&risk=high`);
    expect(members.statusCode, members.body).toBe(200);
    expect(members.json<{ items: unknown[] }>().items).toEqual([
      expect.objectContaining({ encounterId: ids.P1?.encounterId, kind: 'discharge', risk: 'high' }),
    ]);
  });

  it('adds the previous period: the month before, or as many days just before', async () => {
    const response = await get(`/api/reports/measures?${OCTOBER}&compare=previous`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{
      from: string;
      previous: { from: string; to: string; measures: Figure[] };
    }>();
    expect(body.from).toBe('2026-10-01');
    expect(body.previous.from).toBe('2026-09-01');
    expect(body.previous.to).toBe('2026-09-30');
    expect(rates(byId(body.previous.measures))).toMatchObject({
      tcm_contact_2bd: '1/2',
      ed_contact_7d: '0/0',
      readmit_30d: '0/2',
    });

    // Week of Mon 5 Oct: P2 and P4; the week before (28 Sep to 4 Oct) holds P1.
    const week = (await get('/api/reports/measures?from=2026-10-05&to=2026-10-11&compare=previous')).json<{
      measures: Figure[];
      previous: { from: string; to: string; measures: Figure[] };
    }>();
    expect(rates(byId(week.measures))).toMatchObject({ tcm_contact_2bd: '0/1', ed_contact_7d: '1/1' });
    expect([week.previous.from, week.previous.to]).toEqual(['2026-09-28', '2026-10-04']);
    expect(rates(byId(week.previous.measures))).toMatchObject({
      tcm_contact_2bd: '1/1',
      ed_contact_7d: '0/0',
    });

    // Without compare, no previous period.
    expect((await get(`/api/reports/measures?${OCTOBER}`)).json()).not.toHaveProperty('previous');
  });

  it('breaks the month down by team, risk, kind and facility, groups adding up to the whole', async () => {
    const breakdown = async (by: string, headers?: Record<string, string>) => {
      const response = await get(`/api/reports/measures/breakdown?${OCTOBER}&by=${by}`, headers);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json<{
        from: string;
        to: string;
        by: string;
        groups: { key: string | null; measures: Figure[] }[];
      }>();
      expect([body.from, body.to, body.by]).toEqual(['2026-10-01', '2026-10-31', by]);
      return body.groups.map((g) => [g.key, rates(byId(g.measures))]);
    };
    const none = {
      tcm_contact_2bd: '0/0',
      visit_7d: '0/0',
      visit_14d: '0/0',
      med_rec_30d: '0/0',
      ed_contact_7d: '0/0',
    };
    expect(await breakdown('team')).toEqual([
      [
        'north',
        {
          tcm_contact_2bd: '1/2',
          visit_7d: '1/2',
          visit_14d: '2/2',
          med_rec_30d: '1/2',
          ed_contact_7d: '1/1',
          readmit_30d: '1/2',
        },
      ],
      [
        'south',
        {
          tcm_contact_2bd: '1/1',
          visit_7d: '0/1',
          visit_14d: '0/1',
          med_rec_30d: '0/1',
          ed_contact_7d: '0/1',
          readmit_30d: '0/1',
        },
      ],
      [null, { ...none, readmit_30d: '0/1' }],
    ]);
    expect((await breakdown('risk')).map(([key, r]) => [key, r])).toEqual([
      ['high', expect.objectContaining({ tcm_contact_2bd: '1/1', ed_contact_7d: '0/1', readmit_30d: '0/1' })],
      [
        'normal',
        expect.objectContaining({ tcm_contact_2bd: '1/2', ed_contact_7d: '1/1', readmit_30d: '1/2' }),
      ],
      [null, { ...none, readmit_30d: '0/1' }],
    ]);
    expect(await breakdown('kind')).toEqual([
      [
        'discharge',
        expect.objectContaining({ tcm_contact_2bd: '2/3', ed_contact_7d: '0/0', readmit_30d: '1/4' }),
      ],
      [
        'ed_visit',
        expect.objectContaining({ tcm_contact_2bd: '0/0', ed_contact_7d: '1/2', readmit_30d: '0/0' }),
      ],
    ]);
    expect(await breakdown('facility')).toEqual([
      ['GEN', expect.objectContaining({ tcm_contact_2bd: '1/2', ed_contact_7d: '1/1', readmit_30d: '1/3' })],
      ['OTH', expect.objectContaining({ tcm_contact_2bd: '1/1', ed_contact_7d: '0/1', readmit_30d: '0/1' })],
    ]);
    // A navigator sees their own team only: index stays without a follow-up are nobody's.
    expect((await breakdown('team', auth.north)).map(([key]) => key)).toEqual(['north']);
  });

  it('refuses bad slices, other teams and ops with a clear 4xx', async () => {
    for (const url of [
      `/api/reports/measures?${OCTOBER}&kind=inpatient`,
      `/api/reports/measures?${OCTOBER}&risk=medium`,
      `/api/reports/measures?${OCTOBER}&compare=next`,
      `/api/reports/measures/breakdown?${OCTOBER}`,
      `/api/reports/measures/breakdown?${OCTOBER}&by=navigator`,
      '/api/reports/measures/breakdown?from=2026-10-31&to=2026-10-01&by=team',
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json()).toMatchObject({ error: 'bad_request' });
    }
    const other = await get(`/api/reports/measures/breakdown?${OCTOBER}&by=team&team=south`, auth.north);
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ error: 'other_team' });
    expect((await get(`/api/reports/measures/breakdown?${OCTOBER}&by=team&team=nobody`)).statusCode).toBe(
      404,
    );
    expect((await get(`/api/reports/measures/breakdown?${OCTOBER}&by=team`, auth.ops)).statusCode).toBe(403);
    expect((await get(`/api/reports/measures/breakdown?${OCTOBER}&by=team`, {})).statusCode).toBe(401);
  });
});
