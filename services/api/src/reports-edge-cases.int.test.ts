import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, dischargeCallDueAt, localDate } from '@adt/adt';
import type { AnyFigure, ApiSchema } from './testing/api-answers.js';
import { type ApiHarness, createUserToken, startApiHarness } from './testing/api-harness.js';
import {
  insertCareAction,
  insertEncounter,
  insertFollowUp,
  insertPatient,
  insertStay as stay,
} from './testing/measure-seed.js';

// A second synthetic month, October 2026 in America/New_York, for the edge cases the September
// test (reports-api.int.test.ts) leaves out: a holiday that only the outreach attempts depend on,
// a weekend discharge whose windows end after the clocks go back (1 November: EDT UTC-4 before,
// EST UTC-5 after), actions logged late for every kind of action, deaths before, during and after a
// readmission, every expired disposition, a transfer to an acute hospital (02) after a readmission,
// and a readmission at another hospital, tied by a shared HIE id, counted when the report is
// narrowed to the index hospital. The practice observes Columbus Day (Monday 12 October).
// Every figure below is counted by hand; the comments give the reasoning.
const ZONE = 'America/New_York';
const HOLIDAY = '2026-10-12';
const calendar = { zone: ZONE, holidays: new Set([HOLIDAY]) };
/** A wall-clock time in New York: EDT until 1 November 2026 02:00, EST after. */
const local = (wallClock: string) =>
  new Date(`${wallClock}:00${wallClock < '2026-11-01T02:00' ? '-04:00' : '-05:00'}`);
/** The TCM due time: the end of a practice date. */
const endOf = (date: string) => new Date(`${date}T23:59:59.999${date < '2026-11-01' ? '-04:00' : '-05:00'}`);

type Figure = AnyFigure;
type Member = ApiSchema<'MeasureMember'>;

describe('impact measures: edge cases of a synthetic October', () => {
  let h: ApiHarness;
  let headers: Record<string, string> = {};
  const fu: Record<string, string> = {};
  const enc: Record<string, string> = {};

  beforeAll(async () => {
    h = await startApiHarness('reportedges', { PRACTICE_TZ: ZONE, PRACTICE_HOLIDAYS: HOLIDAY });
    const db = h.db.pool;
    headers = {
      authorization: `Bearer ${await createUserToken(db, { role: 'admin', team: null, name: 'admin' })}`,
    };
    const inpatient = (
      patientId: string,
      admitted: string,
      discharged: string | null,
      disposition?: string,
    ) =>
      insertEncounter(db, {
        patientId,
        facility: 'GENERAL_HOSP',
        patientClass: 'I',
        admittedAt: local(admitted),
        dischargedAt: discharged === null ? null : local(discharged),
        ...(disposition === undefined ? {} : { disposition }),
      });
    const discharge = (patientId: string, encounterId: string, dueAt: Date, status?: 'cancelled') =>
      insertFollowUp(db, {
        encounterId,
        patientId,
        kind: 'discharge',
        team: 'north',
        dueAt,
        ...(status === undefined ? {} : { status, statusReason: 'deceased' }),
      });
    /** One person at both hospitals, tied by the HIE id `H-<key>`: MRN `<key>-1` here, `<key>-9` there. */
    const atBothHospitals = async (key: string): Promise<[string, string]> => [
      await insertPatient(db, {
        mrn: `${key}-1`,
        authority: 'GENERAL_HOSP',
        identifiers: [['HIE', `H-${key}`, 'PI']],
      }),
      await insertPatient(db, {
        mrn: `${key}-9`,
        authority: 'OTHER_HOSP',
        identifiers: [['HIE', `H-${key}`, 'PT']],
      }),
    ];

    // R: discharged Thu 1 Oct 09:00; due at the end of Mon 5 Oct (Fri 2, Mon 5). Every action is
    // logged late: the contact happened Mon 5 17:00 (logged 20 Oct, in time by its `at`: 104 h
    // after the discharge), the appointment was logged 20 Oct for a visit on 8 Oct (= +7), the med
    // rec happened 30 Oct (logged 15 Nov, after the end of +30 = 31 Oct, still counts).
    // Readmitted 20 Oct at the same hospital.
    const pR = await insertPatient(db, { mrn: 'R-1', authority: 'GENERAL_HOSP' });
    enc.R = await inpatient(pR, '2026-09-28T09:00', '2026-10-01T09:00');
    fu.R = await discharge(pR, enc.R, endOf('2026-10-05'));
    const late = { recordedAt: local('2026-10-20T09:00') };
    await insertCareAction(db, fu.R, 'contact_made', local('2026-10-05T17:00'), late);
    await insertCareAction(db, fu.R, 'appointment_scheduled', local('2026-10-05T17:05'), {
      ...late,
      outcome: '2026-10-08',
    });
    await insertCareAction(db, fu.R, 'med_reconciliation', local('2026-10-30T10:00'), {
      recordedAt: local('2026-11-15T09:00'),
    });
    enc.R2 = await inpatient(pR, '2026-10-20T08:00', null);

    // W: discharged Fri 2 Oct, no work logged. Readmitted Sat 10 Oct (W2), which ends on Mon 12 Oct
    // in a transfer to an acute hospital (02, written unpadded as some feeds do), admitted the
    // same day at OTHER_HOSP under the same HIE id (W3). W is readmitted (by W2, the first stay
    // after it); W2 is no index discharge (02), so W3 is nobody's readmission.
    const [pW, pW3] = await atBothHospitals('W');
    enc.W = await inpatient(pW, '2026-09-29T10:00', '2026-10-02T10:00');
    fu.W = await discharge(pW, enc.W, endOf('2026-10-06'));
    enc.W2 = await inpatient(pW, '2026-10-10T10:00', '2026-10-12T09:00', '2');
    enc.W3 = await stay(db, pW3, local('2026-10-12T11:00'), null, { facility: 'OTHER_HOSP' });

    // Q: discharged Sun 4 Oct 11:00 (a weekend): due at the end of Tue 6 Oct (Mon 5, Tue 6). One
    // attempt in time (Mon 5), one late (Wed 7): outreach not met. Contact Wed 7 10:00, late: 71 h.
    // A visit the navigator typed as "next week" has no date and never counts; one on 18 Oct (= +14)
    // meets visit_14d only. Med rec at 00:10 EST on 4 Nov: the end of +30 (3 Nov) is midnight EST,
    // so it is 10 minutes late (read with the October offset it would have counted). Readmitted at
    // OTHER_HOSP, tied by the HIE id, on Tue 3 Nov 20:00 EST (4 Nov in UTC): the 30th day, counts.
    // An ED visit there on 20 Oct is no readmission (PV1-2 E).
    const [pQ, pQ2] = await atBothHospitals('Q');
    enc.Q = await inpatient(pQ, '2026-10-01T11:00', '2026-10-04T11:00');
    fu.Q = await discharge(pQ, enc.Q, endOf('2026-10-06'));
    await insertCareAction(db, fu.Q, 'contact_attempt', local('2026-10-05T09:00'));
    await insertCareAction(db, fu.Q, 'contact_attempt', local('2026-10-07T09:00'));
    await insertCareAction(db, fu.Q, 'contact_made', local('2026-10-07T10:00'));
    await insertCareAction(db, fu.Q, 'appointment_scheduled', local('2026-10-07T10:05'), {
      outcome: 'next week',
    });
    await insertCareAction(db, fu.Q, 'appointment_scheduled', local('2026-10-08T10:05'), {
      outcome: '2026-10-18',
    });
    await insertCareAction(db, fu.Q, 'med_reconciliation', local('2026-11-04T00:10'));
    await stay(db, pQ2, local('2026-10-20T10:00'), local('2026-10-20T15:00'), {
      facility: 'OTHER_HOSP',
      patientClass: 'E',
    });
    enc.Q2 = await stay(db, pQ2, local('2026-11-03T20:00'), null, { facility: 'OTHER_HOSP' });

    // P: discharged Fri 9 Oct 15:00; Mon 12 is the holiday, so due at the end of Wed 14 Oct (Tue 13,
    // Wed 14). Two attempts, Tue 13 and Wed 14 18:00: outreach met, the second only thanks to the
    // holiday. No contact made, so P is in the not-contacted readmission group. Visit 16 Oct (= +7;
    // calendar days, the holiday changes nothing). Med rec Sun 8 Nov 23:30 EST: the last half hour
    // of +30. Not readmitted.
    const pP = await insertPatient(db, { mrn: 'P-1', authority: 'GENERAL_HOSP' });
    enc.P = await inpatient(pP, '2026-10-06T15:00', '2026-10-09T15:00');
    fu.P = await discharge(pP, enc.P, endOf('2026-10-14'));
    await insertCareAction(db, fu.P, 'contact_attempt', local('2026-10-13T10:00'));
    await insertCareAction(db, fu.P, 'contact_attempt', local('2026-10-14T18:00'));
    await insertCareAction(db, fu.P, 'appointment_scheduled', local('2026-10-14T18:05'), {
      outcome: '2026-10-16',
    });
    await insertCareAction(db, fu.P, 'med_reconciliation', local('2026-11-08T23:30'));

    // T: discharged Tue 13 Oct 12:00, due at the end of Thu 15 Oct; contact Wed 14 09:00 (21 h).
    // Readmitted Tue 20 Oct, and dies in that stay on 25 Oct (disposition 20): T's first stay is
    // readmitted all the same; the second is no index discharge, and its follow-up was cancelled.
    const pT = await insertPatient(db, { mrn: 'T-1', authority: 'GENERAL_HOSP', deceased: true });
    enc.T = await inpatient(pT, '2026-10-10T12:00', '2026-10-13T12:00');
    fu.T = await discharge(pT, enc.T, endOf('2026-10-15'));
    await insertCareAction(db, fu.T, 'contact_made', local('2026-10-14T09:00'));
    enc.T2 = await inpatient(pT, '2026-10-20T12:00', '2026-10-25T06:00', '20');
    fu.T2 = await discharge(pT, enc.T2, endOf('2026-10-27'), 'cancelled');

    // S1: discharged home (01) Wed 7 Oct, died at home on 9 Oct (an A08 with PID-30 = Y cancelled
    // the follow-up as deceased): out of the follow-up measures, but still an index discharge, as
    // the readmission measure excludes only deaths in the stay (disposition). Not readmitted.
    const pS1 = await insertPatient(db, { mrn: 'S-1', authority: 'GENERAL_HOSP', deceased: true });
    enc.S1 = await inpatient(pS1, '2026-10-05T08:00', '2026-10-07T08:00');
    fu.S1 = await discharge(pS1, enc.S1, endOf('2026-10-09'), 'cancelled');
    await insertCareAction(db, fu.S1, 'contact_made', local('2026-10-08T10:00'));
    // S40, S41, S42: the other expired dispositions, each readmitted (as a data error would have it):
    // none is an index discharge.
    for (const disposition of ['40', '41', '42']) {
      const p = await insertPatient(db, {
        mrn: `S-${disposition}`,
        authority: 'GENERAL_HOSP',
        deceased: true,
      });
      enc[`S${disposition}`] = await inpatient(p, '2026-10-14T08:00', '2026-10-16T08:00', disposition);
      await inpatient(p, '2026-10-18T08:00', null);
    }

    // ED visits. ED1: Sat 10 Oct 22:00 to Sun 11 Oct 02:00 (event date 11 Oct, the departure);
    // contact Sun 18 Oct 20:00, the last day of +7, logged on 25 Oct. The holiday changes nothing
    // (calendar days). ED2: died in the ED (cancelled as deceased). ED3: 20 Oct, contact 28 Oct
    // 00:30, past the end of 27 Oct. ED4: admitted from the ED (cancelled as admitted). Neither
    // cancelled visit counts; ED1's contact is no discharge contact for first_contact_hours.
    for (const [key, arrived, left, contact, status] of [
      ['ED1', '2026-10-10T22:00', '2026-10-11T02:00', '2026-10-18T20:00', null],
      ['ED2', '2026-10-15T22:00', '2026-10-16T01:00', '2026-10-17T09:00', 'deceased'],
      ['ED3', '2026-10-20T09:00', '2026-10-20T13:00', '2026-10-28T00:30', null],
      ['ED4', '2026-10-22T09:00', null, null, 'admitted'],
    ] as const) {
      const p = await insertPatient(db, { mrn: `${key}-1`, authority: 'GENERAL_HOSP' });
      enc[key] = await stay(db, p, local(arrived), left === null ? null : local(left), { patientClass: 'E' });
      fu[key] = await insertFollowUp(db, {
        encounterId: enc[key],
        patientId: p,
        kind: 'ed_visit',
        team: 'north',
        dueAt: endOf('2026-10-23'),
        ...(status === null ? {} : { status: 'cancelled' as const, statusReason: status }),
      });
      if (contact !== null) {
        await insertCareAction(db, fu[key], 'contact_made', local(contact), {
          recordedAt: local('2026-10-25T09:00'),
        });
      }
    }
  });

  afterAll(async () => {
    await h.close();
  });

  const OCTOBER = 'from=2026-10-01&to=2026-10-31';
  const measuresOf = async (query: string) => {
    const response = await h.app.inject({ url: `/api/reports/measures?${query}`, headers });
    expect(response.statusCode, response.body).toBe(200);
    return Object.fromEntries(
      response.json<{ measures: Figure[] }>().measures.map((m) => [m.id, m]),
    ) as Record<string, Figure>;
  };
  const membersOf = async (id: string, query = OCTOBER) => {
    const response = await h.app.inject({ url: `/api/reports/measures/${id}/members?${query}`, headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ items: Member[] }>().items;
  };

  it('uses the due times counted by hand, as the worker sets them', () => {
    // The hand-counted due times above are the ones the worker's clock gives.
    expect(dischargeCallDueAt('2026-10-09', calendar)).toEqual(endOf('2026-10-14'));
    expect(dischargeCallDueAt('2026-10-04', calendar)).toEqual(endOf('2026-10-06'));
    expect(dischargeCallDueAt('2026-10-01', calendar)).toEqual(endOf('2026-10-05'));
    expect(dischargeCallDueAt('2026-10-13', calendar)).toEqual(endOf('2026-10-15'));
  });

  it('counts every measure of October as computed by hand', async () => {
    const m = await measuresOf(OCTOBER);
    // Counted discharge follow-ups: R, W, Q, P, T (S1 and T2 cancelled as deceased).
    // Contact by the due time: R (logged late), T. Not Q (late), W, P (attempts only).
    expect(m.tcm_contact_2bd).toMatchObject({ numerator: 2, denominator: 5 });
    // Outreach adds P (two attempts by the holiday-shifted due time); Q's second attempt is late.
    expect(m.tcm_outreach_2bd).toMatchObject({ numerator: 3, denominator: 5 });
    // Visit ≤ +7: R (8 Oct), P (16 Oct). ≤ +14 adds Q (18 Oct); Q's undated visit never counts.
    expect(m.visit_7d).toMatchObject({ numerator: 2, denominator: 5 });
    expect(m.visit_14d).toMatchObject({ numerator: 3, denominator: 5 });
    // Med rec by the end of +30: R (logged after the deadline), P (23:30 EST); Q 10 min late.
    expect(m.med_rec_30d).toMatchObject({ numerator: 2, denominator: 5 });
    // ED: ED1 and ED3 counted (ED2 died, ED4 admitted); only ED1 met.
    expect(m.ed_contact_7d).toMatchObject({ numerator: 1, denominator: 2 });
    // Index discharges: R, W, Q, P, T, S1 (W2 transferred 02; T2, S40, S41, S42 expired).
    // Readmitted: R, W (by W2), Q (at OTHER_HOSP on day 30), T (before dying). Groups by
    // tcm_contact_2bd: contacted R, T (both readmitted); not contacted W, Q, P, S1 (W, Q).
    expect(m.readmit_30d).toMatchObject({
      numerator: 4,
      denominator: 6,
      provisional: false,
      groups: {
        contacted_2bd: { numerator: 2, denominator: 2 },
        not_contacted_2bd: { numerator: 2, denominator: 4 },
      },
    });
    // Hours to first contact: T 21, Q 71, R 104 → median (rank 2) 71, p90 (rank 3) 104. S1's
    // contact is on a cancelled follow-up; ED1's is an ED contact.
    expect(m.first_contact_hours).toEqual({ id: 'first_contact_hours', count: 3, median: 71, p90: 104 });
  });

  it('lists the members behind the figures, with the readmission each index found', async () => {
    const outreach = await membersOf('tcm_outreach_2bd');
    expect(outreach.map((i) => [i.followUpId, i.eventDate, i.inNumerator])).toEqual([
      [fu.R, '2026-10-01', true],
      [fu.W, '2026-10-02', false],
      [fu.Q, '2026-10-04', false],
      [fu.P, '2026-10-09', true],
      [fu.T, '2026-10-13', true],
    ]);
    const medRec = await membersOf('med_rec_30d');
    expect(medRec.filter((i) => i.inNumerator).map((i) => i.followUpId)).toEqual([fu.R, fu.P]);

    const readmissions = await membersOf('readmit_30d');
    expect(
      readmissions.map((i) => [i.encounterId, i.inNumerator, i.readmissionEncounterId, i.contacted2bd]),
    ).toEqual([
      [enc.R, true, enc.R2, true],
      [enc.W, true, enc.W2, false],
      [enc.Q, true, enc.Q2, false],
      [enc.S1, false, null, false],
      [enc.P, false, null, false],
      [enc.T, true, enc.T2, true],
    ]);

    const ed = await membersOf('ed_contact_7d');
    expect(ed.map((i) => [i.followUpId, i.eventDate, i.inNumerator])).toEqual([
      [fu.ED1, '2026-10-11', true],
      [fu.ED3, '2026-10-20', false],
    ]);
    const hours = await membersOf('first_contact_hours');
    expect(hours.map((i) => [i.followUpId, i.hours])).toEqual([
      [fu.R, 104],
      [fu.Q, 71],
      [fu.T, 21],
    ]);
  });

  it('counts a readmission at another hospital when the report is narrowed to the index hospital', async () => {
    const general = await measuresOf(`${OCTOBER}&facility=GENERAL_HOSP`);
    expect(general.readmit_30d).toMatchObject({ numerator: 4, denominator: 6 });
    // OTHER_HOSP discharged nobody in October (W3 and Q2 are still in).
    const other = await measuresOf(`${OCTOBER}&facility=OTHER_HOSP`);
    expect(other.readmit_30d).toMatchObject({ numerator: 0, denominator: 0, rate: null });
  });

  it('gives the readmissions found so far, marked provisional, for a period that ended less than 30 days ago', async () => {
    // Relative to today: Z1 discharged 15 days ago and readmitted 3 days ago, Z2 discharged 10
    // days ago and not (yet) readmitted. The period ends 5 days ago: 1 of 2, provisional. Noon UTC
    // is the same date in New York whatever the season.
    const db = h.db.pool;
    const today = localDate(new Date(), ZONE);
    const noon = (daysAgo: number) => new Date(`${addCalendarDays(today, -daysAgo)}T12:00:00Z`);
    const z1 = await insertPatient(db, { mrn: 'Z-1', authority: 'GENERAL_HOSP' });
    const z2 = await insertPatient(db, { mrn: 'Z-2', authority: 'GENERAL_HOSP' });
    for (const [patientId, admitted, discharged] of [
      [z1, 18, 15],
      [z1, 3, null],
      [z2, 12, 10],
    ] as const) {
      await insertEncounter(db, {
        patientId,
        facility: 'GENERAL_HOSP',
        patientClass: 'I',
        admittedAt: noon(admitted),
        dischargedAt: discharged === null ? null : noon(discharged),
      });
    }
    const m = await measuresOf(`from=${addCalendarDays(today, -20)}&to=${addCalendarDays(today, -5)}`);
    expect(m.readmit_30d).toMatchObject({ numerator: 1, denominator: 2, rate: 0.5, provisional: true });
  });
});
