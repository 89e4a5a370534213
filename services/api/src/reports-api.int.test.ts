import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, dischargeCallDueAt, localDate } from '@adt/adt';
import type { MeasureScope, Queryable } from '@adt/db';
import { countedMeasureReport, measureFacts, measureMembers, measureReport } from './measure-report.js';
import type { AnyFigure, ApiSchema } from './testing/api-answers.js';
import { type ApiHarness, createUserToken, startApiHarness } from './testing/api-harness.js';
import { insertCareAction, insertStay, insertFollowUp, insertPatient } from './testing/measure-seed.js';

// A synthetic September 2026 in America/New_York (EDT, UTC-4 all month and in October), with Labor
// Day (Mon 7 Sep) a practice holiday. Every expected figure below is counted by hand from the
// seeded follow-ups, actions and encounters; the comments give the reasoning.
const ZONE = 'America/New_York';
const HOLIDAY = '2026-09-07';
const local = (wallClock: string) => new Date(`${wallClock}:00-04:00`);
const calendar = { zone: ZONE, holidays: new Set([HOLIDAY]) };

const patient = (
  db: Queryable,
  mrn: string,
  authority: string,
  identifiers: [authority: string, id: string, type: string][] = [],
  deceased = false,
) => insertPatient(db, { mrn, authority, identifiers, deceased });
const stay = insertStay;
const followUp = insertFollowUp;
const action = insertCareAction;

/** A discharge follow-up with its TCM due time, as the worker stores it. */
const dischargeFollowUp = (
  db: Queryable,
  patientId: string,
  encounterId: string,
  dischargedAt: Date,
  team = 'north',
) =>
  followUp(db, {
    encounterId,
    patientId,
    kind: 'discharge',
    team,
    dueAt: dischargeCallDueAt(localDate(dischargedAt, ZONE), calendar),
  });

type Figure = AnyFigure;
type Member = ApiSchema<'MeasureMember'>;

describe('impact measures: GET /api/reports/measures and its members', () => {
  let h: ApiHarness;
  const auth: Record<'admin' | 'north' | 'ops', Record<string, string>> = { admin: {}, north: {}, ops: {} };
  // Follow-up ids by case letter, encounter ids by case letter.
  const fu: Record<string, string> = {};
  const enc: Record<string, string> = {};

  beforeAll(async () => {
    h = await startApiHarness('reports', { PRACTICE_TZ: ZONE, PRACTICE_HOLIDAYS: HOLIDAY });
    const db = h.db.pool;
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    auth.admin = bearer(await createUserToken(db, { role: 'admin', team: null, name: 'admin' }));
    auth.north = bearer(await createUserToken(db, { role: 'navigator', team: 'north', name: 'nav' }));
    auth.ops = bearer(await createUserToken(db, { role: 'ops', team: null, name: 'ops' }));
    await createUserToken(db, { role: 'navigator', team: 'south', name: 'nav2' });

    // A: discharged Thu 3 Sep. Business days after: Fri 4 (1st), Mon 7 is Labor Day, Tue 8 (2nd):
    // due at the end of Tue 8 Sep. Contact Tue 8 Sep 16:00 is in time only because of the holiday.
    // First contact after 5 days 2 hours = 122 h. Visit 10 Sep = discharge + 7. Med rec 20 Sep.
    // Readmitted: the same person (HIE id shared with X at OTHER_HOSP, who shares an enterprise id
    // with Y at THIRD_HOSP) is admitted at THIRD_HOSP on 30 Sep, within 30 days.
    const pA = await patient(db, 'A-1', 'GENERAL_HOSP', [['HIE', 'H-100', 'PI']]);
    await patient(db, 'X-1', 'OTHER_HOSP', [
      ['HIE', 'H-100', 'PT'],
      ['ENT', 'E-7', 'PI'],
    ]);
    const pY = await patient(db, 'Y-1', 'THIRD_HOSP', [['ENT', 'E-7', 'PT']]);
    const aOut = local('2026-09-03T14:00');
    enc.A = await stay(db, pA, local('2026-08-30T09:00'), aOut);
    fu.A = await dischargeFollowUp(db, pA, enc.A, aOut);
    await action(db, fu.A, 'contact_made', local('2026-09-08T16:00'));
    await action(db, fu.A, 'appointment_scheduled', local('2026-09-08T16:05'), { outcome: '2026-09-10' });
    await action(db, fu.A, 'med_reconciliation', local('2026-09-20T10:00'));
    enc.Y = await stay(db, pY, local('2026-09-30T10:00'), null, { facility: 'THIRD_HOSP' });

    // B: discharged Sat 12 Sep (a weekend): due at the end of Tue 15 Sep. Two attempts by then
    // (outreach met), contact on Wed 16 09:00 is late: 95 h. Rescheduled visit: 30 Sep, then 24 Sep
    // (≤ 26 Sep = +14, > 19 Sep = +7). Readmitted on 12 Oct 20:00, the 30th day: counts.
    const pB = await patient(db, 'B-1', 'GENERAL_HOSP');
    const bOut = local('2026-09-12T10:00');
    enc.B = await stay(db, pB, local('2026-09-10T10:00'), bOut);
    fu.B = await dischargeFollowUp(db, pB, enc.B, bOut);
    await action(db, fu.B, 'contact_attempt', local('2026-09-14T09:00'));
    await action(db, fu.B, 'contact_attempt', local('2026-09-15T23:30'));
    await action(db, fu.B, 'contact_made', local('2026-09-16T09:00'));
    await action(db, fu.B, 'appointment_scheduled', local('2026-09-16T09:10'), { outcome: '2026-09-30' });
    await action(db, fu.B, 'appointment_scheduled', local('2026-09-17T09:10'), { outcome: '2026-09-24' });
    await stay(db, pB, local('2026-10-12T20:00'), null);

    // C: discharged Tue 15 Sep 08:00, due end of Thu 17 Sep. The contact happened Wed 16 12:00 but
    // was logged on 25 Sep: it counts by its time (28 h). Visit 30 Sep: later than +14 (29 Sep).
    // Med rec 15 Oct 23:00, the last minute of discharge + 30. Admitted again 16 Oct (day 31: no),
    // and an outpatient visit on 1 Oct is no readmission.
    const pC = await patient(db, 'C-1', 'GENERAL_HOSP');
    const cOut = local('2026-09-15T08:00');
    enc.C = await stay(db, pC, local('2026-09-12T08:00'), cOut);
    fu.C = await dischargeFollowUp(db, pC, enc.C, cOut);
    await action(db, fu.C, 'contact_made', local('2026-09-16T12:00'), {
      recordedAt: local('2026-09-25T09:00'),
    });
    await action(db, fu.C, 'appointment_scheduled', local('2026-09-25T09:01'), { outcome: '2026-09-30' });
    await action(db, fu.C, 'med_reconciliation', local('2026-10-15T23:00'));
    await stay(db, pC, local('2026-10-16T08:00'), null);
    await stay(db, pC, local('2026-10-01T08:00'), local('2026-10-01T09:00'), { patientClass: 'O' });

    // D: discharged Mon 21 Sep, one attempt only (outreach not met), visit 28 Sep = +7 exactly,
    // med rec at 00:30 on 22 Oct, half an hour past discharge + 30. Not readmitted.
    const pD = await patient(db, 'D-1', 'GENERAL_HOSP');
    const dOut = local('2026-09-21T09:00');
    enc.D = await stay(db, pD, local('2026-09-18T09:00'), dOut);
    fu.D = await dischargeFollowUp(db, pD, enc.D, dOut);
    await action(db, fu.D, 'contact_attempt', local('2026-09-22T10:00'));
    await action(db, fu.D, 'appointment_scheduled', local('2026-09-22T10:05'), { outcome: '2026-09-28' });
    await action(db, fu.D, 'med_reconciliation', local('2026-10-22T00:30'));

    // E: discharge cancelled by A13 (which clears the discharge time) after a contact was logged:
    // the follow-up is kept but flagged, and counts nowhere. E2: cancelled by A13 without work.
    const pE = await patient(db, 'E-1', 'GENERAL_HOSP');
    enc.E = await stay(db, pE, local('2026-09-01T09:00'), null);
    fu.E = await followUp(db, {
      encounterId: enc.E,
      patientId: pE,
      kind: 'discharge',
      team: 'north',
      dueAt: local('2026-09-09T23:59'),
      dischargeCancelled: true,
    });
    await action(db, fu.E, 'contact_made', local('2026-09-08T10:00'));
    const pE2 = await patient(db, 'E-2', 'GENERAL_HOSP');
    enc.E2 = await stay(db, pE2, local('2026-09-02T09:00'), null);
    fu.E2 = await followUp(db, {
      encounterId: enc.E2,
      patientId: pE2,
      kind: 'discharge',
      team: 'north',
      dueAt: local('2026-09-09T23:59'),
      status: 'cancelled',
      statusReason: 'discharge_cancelled',
    });

    // F: the patient died (disposition 20): follow-up cancelled, encounter out of readmissions.
    const pF = await patient(db, 'F-1', 'GENERAL_HOSP', [], true);
    const fOut = local('2026-09-10T03:00');
    enc.F = await stay(db, pF, local('2026-09-01T03:00'), fOut, { disposition: '20' });
    fu.F = await followUp(db, {
      encounterId: enc.F,
      patientId: pF,
      kind: 'discharge',
      team: 'north',
      dueAt: dischargeCallDueAt('2026-09-10', calendar),
      status: 'cancelled',
      statusReason: 'deceased',
    });

    // G: transferred to an acute hospital (02) on 17 Sep and admitted there the same day: neither
    // an index discharge nor a follow-up.
    const pG = await patient(db, 'G-1', 'GENERAL_HOSP', [['HIE', 'H-200', 'PI']]);
    const pG2 = await patient(db, 'G-2', 'OTHER_HOSP', [['HIE', 'H-200', 'PT']]);
    enc.G = await stay(db, pG, local('2026-09-14T03:00'), local('2026-09-17T11:00'), { disposition: '2' });
    await stay(db, pG2, local('2026-09-17T13:00'), null, { facility: 'OTHER_HOSP' });

    // H1: ED 5 Sep 20:00 to 6 Sep 01:00 (event date 6 Sep, the departure); contact 13 Sep 23:59.
    // H2: ED arrival 25 Sep, no departure sent; contact 3 Oct 00:01, past 2 Oct. H3: ED 31 Aug
    // 22:00 to 1 Sep 03:00: in September by its departure; no contact.
    for (const [key, arrived, left, contact] of [
      ['H1', '2026-09-05T20:00', '2026-09-06T01:00', '2026-09-13T23:59'],
      ['H2', '2026-09-25T10:00', null, '2026-10-03T00:01'],
      ['H3', '2026-08-31T22:00', '2026-09-01T03:00', null],
    ] as const) {
      const p = await patient(db, `${key}-1`, 'GENERAL_HOSP');
      enc[key] = await stay(db, p, local(arrived), left === null ? null : local(left), { patientClass: 'E' });
      fu[key] = await followUp(db, {
        encounterId: enc[key],
        patientId: p,
        kind: 'ed_visit',
        team: 'north',
        dueAt: local('2026-09-30T23:59'),
      });
      if (contact !== null) await action(db, fu[key], 'contact_made', local(contact));
    }

    // I: discharged Wed 30 Sep 22:30 EDT (1 Oct 02:30 UTC): a September discharge in the practice's
    // zone. No actions. Readmitted 20 Oct. J: discharged 31 Aug 23:30 EDT (1 Sep UTC): August.
    const pI = await patient(db, 'I-1', 'GENERAL_HOSP');
    const iOut = local('2026-09-30T22:30');
    enc.I = await stay(db, pI, local('2026-09-28T22:30'), iOut);
    fu.I = await dischargeFollowUp(db, pI, enc.I, iOut);
    await stay(db, pI, local('2026-10-20T08:00'), null);
    const pJ = await patient(db, 'J-1', 'GENERAL_HOSP');
    const jOut = local('2026-08-31T23:30');
    enc.J = await stay(db, pJ, local('2026-08-28T10:00'), jOut);
    fu.J = await dischargeFollowUp(db, pJ, enc.J, jOut);

    // K: team south at OTHER_HOSP, discharged Tue 8 Sep 10:00, contact the next day (24 h).
    const pK = await patient(db, 'K-1', 'OTHER_HOSP');
    const kOut = local('2026-09-08T10:00');
    enc.K = await stay(db, pK, local('2026-09-05T10:00'), kOut, { facility: 'OTHER_HOSP' });
    fu.K = await dischargeFollowUp(db, pK, enc.K, kOut, 'south');
    await action(db, fu.K, 'contact_made', local('2026-09-09T10:00'));
  });

  afterAll(async () => {
    await h.close();
  });

  const get = (url: string, headers: Record<string, string> = auth.admin) => h.app.inject({ url, headers });
  const measuresOf = async (url: string, headers?: Record<string, string>) => {
    const response = await get(url, headers);
    expect(response.statusCode, response.body).toBe(200);
    return Object.fromEntries(
      response.json<{ measures: Figure[] }>().measures.map((m) => [m.id, m]),
    ) as Record<string, Figure>;
  };
  const SEPTEMBER = 'from=2026-09-01&to=2026-09-30';

  it('stores the TCM due time past the holiday, as the measure reads it', async () => {
    const { rows } = await h.db.pool.query<{ due_at: Date }>('SELECT due_at FROM follow_ups WHERE id = $1', [
      fu.A,
    ]);
    expect(rows[0]?.due_at.toISOString()).toBe(new Date('2026-09-08T23:59:59.999-04:00').toISOString());
  });

  it('counts every measure of the month as computed by hand', async () => {
    const m = await measuresOf(`/api/reports/measures?${SEPTEMBER}`);
    // Counted discharge follow-ups: A, B, C, D, I, K (E flagged, E2 and F cancelled, J in August).
    expect(m.tcm_contact_2bd).toEqual({ id: 'tcm_contact_2bd', numerator: 3, denominator: 6, rate: 0.5 });
    expect(m.tcm_outreach_2bd).toMatchObject({ numerator: 4, denominator: 6 });
    expect(m.visit_7d).toMatchObject({ numerator: 2, denominator: 6 });
    expect(m.visit_14d).toMatchObject({ numerator: 3, denominator: 6 });
    expect(m.med_rec_30d).toMatchObject({ numerator: 2, denominator: 6 });
    expect(m.ed_contact_7d).toMatchObject({ numerator: 1, denominator: 3 });
    // Index discharges A, B, C, D, I, K (F expired, G transferred to acute care, E cancelled);
    // readmitted: A (at another facility, through shared identifiers), B, I.
    expect(m.readmit_30d).toEqual({
      id: 'readmit_30d',
      numerator: 3,
      denominator: 6,
      rate: 0.5,
      provisional: false,
      groups: {
        contacted_2bd: { numerator: 1, denominator: 3, rate: 1 / 3 },
        not_contacted_2bd: { numerator: 2, denominator: 3, rate: 2 / 3 },
      },
    });
    // Hours to first contact: K 24, C 28, B 95, A 122 → median (lower middle) 28, p90 (rank 4) 122.
    expect(m.first_contact_hours).toEqual({ id: 'first_contact_hours', count: 4, median: 28, p90: 122 });
  });

  it('counts the same figures from the members without patients, and in SQL, as from the member lists', async () => {
    const month: MeasureScope = {
      from: '2026-09-01',
      to: '2026-09-30',
      timeZone: ZONE,
      teams: null,
      facility: null,
    };
    const scopes: MeasureScope[] = [
      month,
      { ...month, teams: ['north'] },
      { ...month, facility: 'OTHER_HOSP' },
      { ...month, kind: 'discharge', risk: 'normal' },
      { ...month, from: '2026-08-01', to: '2026-10-31' },
      { ...month, teams: ['south'], kind: 'ed_visit' },
      { ...month, from: '2025-01-01', to: '2025-01-31' },
    ];
    const byId = (a: { followUpId: string | null; encounterId: string | null }, b: typeof a) =>
      `${a.followUpId}/${a.encounterId}` < `${b.followUpId}/${b.encounterId}` ? -1 : 1;
    for (const scope of scopes) {
      const [facts, members] = await Promise.all([
        measureFacts(h.db.pool, scope),
        measureMembers(h.db.pool, scope),
      ]);
      for (const [id, list] of Object.entries(members)) {
        const withoutPatients = list.map(({ patient: _patient, ...fact }) => fact);
        expect(
          facts[id as keyof typeof facts].slice().sort(byId),
          `${id} of ${JSON.stringify(scope)}`,
        ).toEqual(withoutPatients.sort(byId));
      }
      const fromMembers = measureReport(members, scope, '2026-10-20');
      expect(measureReport(facts, scope, '2026-10-20')).toEqual(fromMembers);
      // Counted in SQL: the same figures, to the median and p90 of the hours.
      expect(await countedMeasureReport(h.db.pool, scope, '2026-10-20'), JSON.stringify(scope)).toEqual(
        fromMembers,
      );
    }
    expect((await measureMembers(h.db.pool, month)).first_contact_hours).toHaveLength(4);
  });

  it("narrows to a navigator's own teams, and to a facility", async () => {
    const north = await measuresOf(`/api/reports/measures?${SEPTEMBER}`, auth.north);
    expect(north.tcm_contact_2bd).toMatchObject({ numerator: 2, denominator: 5 });
    expect(north.readmit_30d).toMatchObject({ numerator: 3, denominator: 5 });
    expect(north.first_contact_hours).toMatchObject({ count: 3, median: 95, p90: 122 });
    const explicit = await measuresOf(`/api/reports/measures?${SEPTEMBER}&team=north`, auth.north);
    expect(explicit.tcm_contact_2bd).toEqual(north.tcm_contact_2bd);

    const other = await get(`/api/reports/measures?${SEPTEMBER}&team=south`, auth.north);
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ error: 'other_team' });

    const facility = await measuresOf(`/api/reports/measures?${SEPTEMBER}&facility=OTHER_HOSP`);
    expect(facility.tcm_contact_2bd).toMatchObject({ numerator: 1, denominator: 1 });
    expect(facility.readmit_30d).toMatchObject({ numerator: 0, denominator: 1 });
    expect(facility.ed_contact_7d).toEqual({ id: 'ed_contact_7d', numerator: 0, denominator: 0, rate: null });
    const south = await measuresOf(`/api/reports/measures?${SEPTEMBER}&team=south`);
    expect(south.tcm_contact_2bd).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('marks readmissions provisional for a period that ended less than 30 days ago', async () => {
    const today = localDate(new Date(), ZONE);
    const recent = await measuresOf(
      `/api/reports/measures?from=${addCalendarDays(today, -29)}&to=${addCalendarDays(today, -29)}`,
    );
    expect(recent.readmit_30d?.provisional).toBe(true);
    const settled = await measuresOf(
      `/api/reports/measures?from=${addCalendarDays(today, -30)}&to=${addCalendarDays(today, -30)}`,
    );
    expect(settled.readmit_30d?.provisional).toBe(false);
  });

  it('lists the members behind each figure, and audits the read', async () => {
    const response = await get(`/api/reports/measures/tcm_contact_2bd/members?${SEPTEMBER}`);
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json<{ items: Member[] }>().items;
    expect(items.map((i) => [i.followUpId, i.eventDate, i.inNumerator])).toEqual([
      [fu.A, '2026-09-03', true],
      [fu.K, '2026-09-08', true],
      [fu.B, '2026-09-12', false],
      [fu.C, '2026-09-15', true],
      [fu.D, '2026-09-21', false],
      [fu.I, '2026-09-30', false],
    ]);
    expect(items[0]?.patient.mrn).toBe('A-1');

    const readmits = (await get(`/api/reports/measures/readmit_30d/members?${SEPTEMBER}`)).json<{
      items: Member[];
    }>();
    expect(readmits.items.map((i) => [i.encounterId, i.inNumerator])).toEqual([
      [enc.A, true],
      [enc.K, false],
      [enc.B, true],
      [enc.C, false],
      [enc.D, false],
      [enc.I, true],
    ]);
    expect(readmits.items[0]?.readmissionEncounterId).toBe(enc.Y);

    const ed = (await get(`/api/reports/measures/ed_contact_7d/members?${SEPTEMBER}`)).json<{
      items: Member[];
    }>();
    expect(ed.items.map((i) => [i.followUpId, i.eventDate, i.inNumerator])).toEqual([
      [fu.H3, '2026-09-01', false],
      [fu.H1, '2026-09-06', true],
      [fu.H2, '2026-09-25', false],
    ]);

    const hours = (await get(`/api/reports/measures/first_contact_hours/members?${SEPTEMBER}`)).json<{
      items: Member[];
    }>();
    expect(hours.items.map((i) => [i.followUpId, i.hours])).toEqual([
      [fu.A, 122],
      [fu.K, 24],
      [fu.B, 95],
      [fu.C, 28],
    ]);

    const { rows } = await h.db.pool.query<{ resource_id: string; detail: { followUpIds: string[] } }>(
      `SELECT resource_id, detail FROM audit_log WHERE resource = 'measure_members' ORDER BY id`,
    );
    expect(rows.map((r) => r.resource_id)).toEqual([
      'tcm_contact_2bd',
      'readmit_30d',
      'ed_contact_7d',
      'first_contact_hours',
    ]);
    expect(rows[0]?.detail.followUpIds).toEqual([fu.A, fu.K, fu.B, fu.C, fu.D, fu.I]);
  });

  it('answers CSV with one row per measure', async () => {
    const response = await get(`/api/reports/measures?${SEPTEMBER}&format=csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,numerator,denominator,rate,count,median,p90,provisional,contacted_2bd_numerator,contacted_2bd_denominator,not_contacted_2bd_numerator,not_contacted_2bd_denominator',
    );
    expect(lines).toHaveLength(9);
    expect(lines).toContain('tcm_contact_2bd,3,6,0.5,,,,,,,,');
    expect(lines).toContain('readmit_30d,3,6,0.5,,,,false,1,3,2,3');
    expect(lines).toContain('first_contact_hours,,,,4,28,122,,,,,');
  });

  it('refuses bad periods, unknown measures and ops with a clear 4xx', async () => {
    for (const query of [
      'from=2026-09-30&to=2026-09-01',
      'from=2026-09-01&to=2027-10-06',
      'from=2026-13-01&to=2026-12-01',
      'from=2026-09-01',
      'from=09/01/2026&to=2026-09-30',
    ]) {
      const response = await get(`/api/reports/measures?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json()).toMatchObject({ error: 'bad_request' });
    }
    // 400 days, both ends included, is the longest period.
    expect((await get('/api/reports/measures?from=2026-09-01&to=2027-10-05')).statusCode).toBe(200);
    expect((await get(`/api/reports/measures/no_such_measure/members?${SEPTEMBER}`)).statusCode).toBe(400);
    expect((await get(`/api/reports/measures?${SEPTEMBER}&team=nobody`)).statusCode).toBe(404);
    expect((await get(`/api/reports/measures?${SEPTEMBER}`, auth.ops)).statusCode).toBe(403);
    expect((await get(`/api/reports/measures?${SEPTEMBER}`, {})).statusCode).toBe(401);
  });
});
