import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, dischargeCallDueAt, localDate } from '@adt/adt';
import type { Queryable } from '@adt/db';
import { type ApiHarness, createUserToken, startApiHarness } from './testing/api-harness.js';
import {
  at,
  insertAction,
  insertEncounter,
  insertFollowUp,
  insertPatient,
} from './testing/report-fixtures.js';

// September 2026 in America/New_York (EDT, UTC-4), Labor Day (Mon 7 Sep) a practice holiday.
// Each follow-up's readiness below is worked out by hand from the CMS TCM rules.
const ZONE = 'America/New_York';
const HOLIDAY = '2026-09-07';
const local = (wallClock: string) => at(wallClock, '-04:00');
const calendar = { zone: ZONE, holidays: new Set([HOLIDAY]) };

interface Item {
  followUpId: string;
  patient: { mrn: string };
  team: string;
  risk: string;
  dischargeDate: string;
  contact: { dueAt: string; madeAt: string | null; timelyAttempts: number; met: boolean };
  visit: { date: string | null; daysAfterDischarge: number | null; within7Days: boolean; upcoming: boolean };
  medRec: { date: string | null; byVisit: boolean };
  status: string;
  codes: string[];
  missing: string[];
  pending: boolean;
}

async function discharge(
  db: Queryable,
  s: {
    mrn: string;
    team: string;
    left: Date | null;
    kind?: 'discharge' | 'ed_visit';
    priority?: 'high' | 'normal';
    status?: 'open' | 'in_progress' | 'cancelled';
    dischargeCancelled?: boolean;
  },
): Promise<string> {
  const patientId = await insertPatient(db, s.mrn);
  const encounterId = await insertEncounter(db, {
    patientId,
    facility: 'GEN',
    patientClass: s.kind === 'ed_visit' ? 'E' : 'I',
    admittedAt: local('2026-08-30T10:00'),
    dischargedAt: s.left,
  });
  return insertFollowUp(db, {
    encounterId,
    patientId,
    kind: s.kind ?? 'discharge',
    team: s.team,
    priority: s.priority ?? 'normal',
    status: s.status ?? 'in_progress',
    dischargeCancelled: s.dischargeCancelled ?? false,
    dueAt: dischargeCallDueAt(localDate(s.left ?? local('2026-09-01T10:00'), ZONE), calendar),
  });
}

describe('TCM claim readiness: per follow-up and as a report', () => {
  let h: ApiHarness;
  const auth: Record<'admin' | 'north' | 'south' | 'ops', Record<string, string>> = {
    admin: {},
    north: {},
    south: {},
    ops: {},
  };
  const fu: Record<string, string> = {};

  beforeAll(async () => {
    h = await startApiHarness('tcmreadiness', { PRACTICE_TZ: ZONE, PRACTICE_HOLIDAYS: HOLIDAY });
    const db = h.db.pool;
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    auth.admin = bearer(await createUserToken(db, { role: 'admin', team: null, name: 'admin' }));
    auth.north = bearer(await createUserToken(db, { role: 'navigator', team: 'north', name: 'nav' }));
    auth.south = bearer(await createUserToken(db, { role: 'navigator', team: 'south', name: 'nav2' }));
    auth.ops = bearer(await createUserToken(db, { role: 'ops', team: null, name: 'ops' }));
    const act = (
      id: string,
      type: string,
      when: string,
      extra: { outcome?: string; recordedAt?: Date } = {},
    ) => insertAction(db, id, type, local(when), extra);

    // T1: discharged Thu 3 Sep, due end of Tue 8 Sep (Fri 4, then past the weekend and Labor Day).
    // Contact Tue 8 16:00, visit 10 Sep (+7), med rec 9 Sep: supports 99496 if high complexity.
    fu.T1 = await discharge(db, { mrn: 'T1', team: 'north', left: local('2026-09-03T14:00') });
    await act(fu.T1, 'contact_made', '2026-09-08T16:00');
    await act(fu.T1, 'appointment_scheduled', '2026-09-08T16:05', { outcome: '2026-09-10' });
    await act(fu.T1, 'med_reconciliation', '2026-09-09T11:00');
    // T2 (high risk): discharged Sat 12 Sep, due end of Tue 15. Two attempts by then (the contact on
    // Wed 16 is late), visit 24 Sep (+12), med rec on the visit day: supports 99495.
    fu.T2 = await discharge(db, {
      mrn: 'T2',
      team: 'north',
      priority: 'high',
      left: local('2026-09-12T10:00'),
    });
    await act(fu.T2, 'contact_attempt', '2026-09-14T09:00');
    await act(fu.T2, 'contact_attempt', '2026-09-15T23:30');
    await act(fu.T2, 'contact_made', '2026-09-16T09:00');
    await act(fu.T2, 'appointment_scheduled', '2026-09-16T09:10', { outcome: '2026-09-24' });
    await act(fu.T2, 'med_reconciliation', '2026-09-24T10:00');
    // T3: discharged Tue 15 Sep, due end of Thu 17. Contact Wed 16, logged on 25 Sep (counts by its
    // time). Visit 30 Sep (+15) and med rec 15 Oct: not supported.
    fu.T3 = await discharge(db, { mrn: 'T3', team: 'north', left: local('2026-09-15T08:00') });
    await act(fu.T3, 'contact_made', '2026-09-16T12:00', { recordedAt: local('2026-09-25T09:00') });
    await act(fu.T3, 'appointment_scheduled', '2026-09-25T09:01', { outcome: '2026-09-30' });
    await act(fu.T3, 'med_reconciliation', '2026-10-15T10:00');
    // T4: discharged Mon 21 Sep, one attempt, nothing else: not supported on every count.
    fu.T4 = await discharge(db, { mrn: 'T4', team: 'north', left: local('2026-09-21T09:00') });
    await act(fu.T4, 'contact_attempt', '2026-09-22T10:00');
    // T5 (south): discharged Tue 8 Sep, contact Wed 9, med rec Wed 9, visit 14 Sep (+6): 99496.
    fu.T5 = await discharge(db, { mrn: 'T5', team: 'south', left: local('2026-09-08T10:00') });
    await act(fu.T5, 'contact_made', '2026-09-09T10:00');
    await act(fu.T5, 'med_reconciliation', '2026-09-09T10:30');
    await act(fu.T5, 'appointment_scheduled', '2026-09-09T10:35', { outcome: '2026-09-14' });
    // Not in the report: an ED visit, a discharge taken back by A13, a patient who died.
    fu.ED = await discharge(db, {
      mrn: 'ED',
      team: 'north',
      kind: 'ed_visit',
      left: local('2026-09-05T14:00'),
    });
    fu.A13 = await discharge(db, { mrn: 'A13', team: 'north', left: null, dischargeCancelled: true });
    fu.DIED = await discharge(db, {
      mrn: 'DIED',
      team: 'north',
      status: 'cancelled',
      left: local('2026-09-10T03:00'),
    });
    // RECENT: discharged yesterday at noon: the contact window is still open.
    const yesterday = addCalendarDays(localDate(new Date(), ZONE), -1);
    fu.RECENT = await discharge(db, { mrn: 'RECENT', team: 'north', left: local(`${yesterday}T12:00`) });
  });

  afterAll(async () => {
    await h.close();
  });

  const get = (url: string, headers: Record<string, string> = auth.admin) => h.app.inject({ url, headers });
  const SEPTEMBER = 'from=2026-09-01&to=2026-09-30';

  it('answers one follow-up with every element, what it supports and what is missing', async () => {
    const response = await get(`/api/follow-ups/${fu.T1 ?? ''}/tcm-readiness`, auth.north);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<Item>()).toMatchObject({
      followUpId: fu.T1,
      patient: { mrn: 'T1' },
      dischargeDate: '2026-09-03',
      contact: {
        dueAt: new Date('2026-09-08T23:59:59.999-04:00').toISOString(),
        madeAt: local('2026-09-08T16:00').toISOString(),
        timelyAttempts: 0,
        met: true,
      },
      visit: { date: '2026-09-10', daysAfterDischarge: 7, within7Days: true, upcoming: false },
      medRec: { date: '2026-09-09', byVisit: true },
      status: 'supports_99496',
      codes: ['99496', '99495'],
      missing: [],
      pending: false,
    });
    const { rows } = await h.db.pool.query<{ resource_id: string }>(
      `SELECT resource_id FROM audit_log WHERE resource = 'tcm_readiness' AND action = 'read'`,
    );
    expect(rows.map((r) => r.resource_id)).toEqual([fu.T1]);
  });

  it('is pending while the contact window of a recent discharge is open', async () => {
    const response = await get(`/api/follow-ups/${fu.RECENT ?? ''}/tcm-readiness`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<Item>()).toMatchObject({
      status: 'pending',
      pending: true,
      codes: [],
      missing: ['no_timely_contact', 'no_visit_scheduled', 'no_med_rec'],
    });
  });

  it('reports the period with a summary, in discharge order, and audits the list', async () => {
    const response = await get(`/api/reports/tcm-readiness?${SEPTEMBER}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{ from: string; to: string; summary: object; items: Item[] }>();
    expect([body.from, body.to]).toEqual(['2026-09-01', '2026-09-30']);
    expect(body.summary).toEqual({
      total: 5,
      supports99496: 2,
      supports99495: 1,
      notSupported: 2,
      pending: 0,
    });
    expect(body.items.map((i) => [i.patient.mrn, i.dischargeDate, i.status, i.missing])).toEqual([
      ['T1', '2026-09-03', 'supports_99496', []],
      ['T5', '2026-09-08', 'supports_99496', []],
      ['T2', '2026-09-12', 'supports_99495', []],
      ['T3', '2026-09-15', 'not_supported', ['visit_after_14_days', 'med_rec_not_by_visit']],
      ['T4', '2026-09-21', 'not_supported', ['no_timely_contact', 'no_visit_scheduled', 'no_med_rec']],
    ]);
    expect(body.items[2]).toMatchObject({
      risk: 'high',
      contact: { madeAt: null, timelyAttempts: 2, met: true },
      visit: { daysAfterDischarge: 12 },
      medRec: { date: '2026-09-24', byVisit: true },
      codes: ['99495'],
    });
    const { rows } = await h.db.pool.query<{ detail: { followUpIds: string[]; count: number } }>(
      `SELECT detail FROM audit_log WHERE resource = 'tcm_readiness' AND action = 'list'`,
    );
    expect(rows[0]?.detail.followUpIds).toEqual([fu.T1, fu.T5, fu.T2, fu.T3, fu.T4]);
  });

  it("narrows to a navigator's teams and to the slices", async () => {
    const summary = async (query: string, headers?: Record<string, string>) => {
      const response = await get(`/api/reports/tcm-readiness?${SEPTEMBER}${query}`, headers);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ summary: { total: number } }>().summary;
    };
    expect(await summary('', auth.north)).toMatchObject({ total: 4, supports99496: 1, notSupported: 2 });
    expect(await summary('&risk=high')).toMatchObject({ total: 1, supports99495: 1 });
    expect(await summary('&team=south')).toMatchObject({ total: 1, supports99496: 1 });
    expect(await summary('&kind=ed_visit')).toMatchObject({ total: 0 });
  });

  it('answers CSV with one row per follow-up', async () => {
    const response = await get(`/api/reports/tcm-readiness?${SEPTEMBER}&format=csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'follow_up_id,mrn,assigning_authority,family_name,given_name,team,facility,risk,discharge_date,contact_due_at,contact_made_at,timely_attempts,contact_met,visit_date,visit_days_after_discharge,med_rec_date,med_rec_by_visit,status,codes,missing',
    );
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatch(/,supports_99496,99496 99495,$/);
    expect(lines[4]).toMatch(
      /^\d+,T3,GENERAL_HOSP,FAM-T3,PAT,north,GEN,normal,2026-09-15,.*,2026-09-30,15,2026-10-15,false,not_supported,,visit_after_14_days med_rec_not_by_visit$/,
    );
  });

  it('refuses what TCM does not apply to, other teams, ops and bad input with a clear 4xx', async () => {
    const ed = await get(`/api/follow-ups/${fu.ED ?? ''}/tcm-readiness`);
    expect(ed.statusCode).toBe(409);
    expect(ed.json()).toMatchObject({ error: 'not_discharge' });
    const cancelled = await get(`/api/follow-ups/${fu.A13 ?? ''}/tcm-readiness`);
    expect(cancelled.statusCode).toBe(409);
    expect(cancelled.json()).toMatchObject({ error: 'no_discharge' });
    const other = await get(`/api/follow-ups/${fu.T1 ?? ''}/tcm-readiness`, auth.south);
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ error: 'other_team' });
    expect((await get('/api/follow-ups/999999/tcm-readiness')).statusCode).toBe(404);
    expect((await get('/api/follow-ups/abc/tcm-readiness')).statusCode).toBe(400);
    expect((await get(`/api/follow-ups/${fu.T1 ?? ''}/tcm-readiness`, auth.ops)).statusCode).toBe(403);
    expect((await get(`/api/follow-ups/${fu.T1 ?? ''}/tcm-readiness`, {})).statusCode).toBe(401);

    expect((await get('/api/reports/tcm-readiness?from=2026-09-30&to=2026-09-01')).statusCode).toBe(400);
    expect((await get(`/api/reports/tcm-readiness?${SEPTEMBER}&format=xml`)).statusCode).toBe(400);
    expect((await get(`/api/reports/tcm-readiness?${SEPTEMBER}&team=south`, auth.north)).statusCode).toBe(
      403,
    );
    expect((await get(`/api/reports/tcm-readiness?${SEPTEMBER}`, auth.ops)).statusCode).toBe(403);
  });
});
