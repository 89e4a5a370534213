import type { GetJson } from './testing/api-answers.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '@adt/db';
import { addUser, type ApiHarness, createUserToken, signIn, startApiHarness } from './testing/api-harness.js';
import {
  at,
  insertAction,
  insertEncounter,
  insertFollowUp,
  insertPatient,
} from './testing/report-fixtures.js';

// Closes are dated in America/New_York (EDT, UTC-4, in early October 2026); open and overdue are
// counted at the time of the request, so due times are set an hour either side of now.
const ZONE = 'America/New_York';
const local = (wallClock: string) => at(wallClock, '-04:00');
const HOUR_MS = 3_600_000;

let mrn = 0;
/** A follow-up of a team, with its own patient and encounter. */
async function workItem(
  db: Queryable,
  team: string,
  status: 'open' | 'in_progress' | 'done' | 'cancelled',
  overdue: boolean,
): Promise<string> {
  mrn += 1;
  const patientId = await insertPatient(db, `W${mrn}`);
  const encounterId = await insertEncounter(db, {
    patientId,
    facility: 'GEN',
    patientClass: 'I',
    admittedAt: local('2026-09-20T10:00'),
    dischargedAt: local('2026-09-25T10:00'),
  });
  return insertFollowUp(db, {
    encounterId,
    patientId,
    kind: 'discharge',
    team,
    status,
    dueAt: new Date(Date.now() + (overdue ? -HOUR_MS : HOUR_MS)),
  });
}

type Workload = GetJson<'/api/reports/workload'>;

describe('workload report: GET /api/reports/workload', () => {
  let h: ApiHarness;
  let admin: Record<string, string> = {};
  let ops: Record<string, string> = {};
  let ann: Record<string, string> = {};

  beforeAll(async () => {
    h = await startApiHarness('workload', { PRACTICE_TZ: ZONE });
    const db = h.db.pool;
    admin = {
      authorization: `Bearer ${await createUserToken(db, { role: 'admin', team: null, name: 'admin' })}`,
    };
    ops = { authorization: `Bearer ${await createUserToken(db, { role: 'ops', team: null, name: 'ops' })}` };
    await addUser(h, { username: 'ann', role: 'navigator', teams: ['north'], displayName: 'Ann Avery' });
    await addUser(h, { username: 'bob', role: 'navigator', teams: ['north'], displayName: 'Bob Brown' });
    await addUser(h, { username: 'cat', role: 'navigator', teams: ['south'], displayName: 'Cat Chen' });
    ann = { cookie: (await signIn(h.app, 'ann')).cookie };

    const claim = (id: string, actor: string) =>
      insertAction(db, id, 'claim', local('2026-10-01T09:00'), { actor });
    const close = (id: string, actor: string, when: string) =>
      insertAction(db, id, 'close', local(when), { actor, outcome: 'reached' });

    // north. W1: Ann's, overdue. W2: Ann's, handed to Bob, not overdue. W3: nobody's, overdue.
    // W4: nobody's. W8: closed by Ann on 4 Oct and reopened: open, nobody's, and no close counts.
    const w1 = await workItem(db, 'north', 'in_progress', true);
    await claim(w1, 'user:ann');
    const w2 = await workItem(db, 'north', 'in_progress', false);
    await claim(w2, 'user:ann');
    await insertAction(db, w2, 'hand_off', local('2026-10-01T10:00'), {
      actor: 'user:ann',
      handedTo: 'user:bob',
    });
    await workItem(db, 'north', 'open', true);
    await workItem(db, 'north', 'open', false);
    const w8 = await workItem(db, 'north', 'in_progress', false);
    await close(w8, 'user:ann', '2026-10-04T10:00');
    await insertAction(db, w8, 'reopen', local('2026-10-04T11:00'), { actor: 'user:ann' });
    // Closed: W5 by Ann on 2 Oct; W6 by Bob at 23:30 on 2 Oct (3 Oct in UTC: dated 2 Oct); W7
    // closed by Ann on 3 Oct, reopened and closed again by Bob on 9 Oct, after the period.
    await close(await workItem(db, 'north', 'done', false), 'user:ann', '2026-10-02T10:00');
    await close(await workItem(db, 'north', 'done', false), 'user:bob', '2026-10-02T23:30');
    const w7 = await workItem(db, 'north', 'done', false);
    await close(w7, 'user:ann', '2026-10-03T10:00');
    await insertAction(db, w7, 'reopen', local('2026-10-03T11:00'), { actor: 'user:ann' });
    await close(w7, 'user:bob', '2026-10-09T10:00');
    // south. W9: Cat's, overdue. W10: closed by Cat on 5 Oct. W11: cancelled by the hospital's messages.
    await claim(await workItem(db, 'south', 'open', true), 'user:cat');
    await close(await workItem(db, 'south', 'done', false), 'user:cat', '2026-10-05T10:00');
    await workItem(db, 'south', 'cancelled', true);
    // W12: closed by Cat on 30 Sep, before the period.
    await close(await workItem(db, 'south', 'done', false), 'user:cat', '2026-09-30T10:00');
    // As the API stores them: a closed follow-up's closed_at is when its standing close was entered.
    await db.query(
      `UPDATE follow_ups f SET closed_at = (SELECT max(a.recorded_at) FROM care_actions a
                                             WHERE a.follow_up_id = f.id AND a.type = 'close')
        WHERE f.status = 'done'`,
    );
  });

  afterAll(async () => {
    await h.close();
  });

  const get = (url: string, headers: Record<string, string> = admin) => h.app.inject({ url, headers });
  const WEEK = 'from=2026-10-01&to=2026-10-07';
  const days = (counts: number[]) => counts.map((count, i) => ({ date: `2026-10-0${String(i + 1)}`, count }));

  it('counts every navigator, team and day as computed by hand', async () => {
    const response = await get(`/api/reports/workload?${WEEK}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<Workload>();
    expect([body.from, body.to]).toEqual(['2026-10-01', '2026-10-07']);
    expect(body.navigators).toEqual([
      {
        actor: 'user:ann',
        username: 'ann',
        name: 'Ann Avery',
        teams: ['north'],
        open: 1,
        overdue: 1,
        closed: 1,
      },
      {
        actor: 'user:bob',
        username: 'bob',
        name: 'Bob Brown',
        teams: ['north'],
        open: 1,
        overdue: 0,
        closed: 1,
      },
      {
        actor: 'user:cat',
        username: 'cat',
        name: 'Cat Chen',
        teams: ['south'],
        open: 1,
        overdue: 1,
        closed: 1,
      },
    ]);
    expect(body.teams.filter((t) => t.team === 'north' || t.team === 'south')).toEqual([
      { team: 'north', open: 5, unclaimed: 3, overdue: 2, unclaimedOverdue: 1 },
      { team: 'south', open: 1, unclaimed: 0, overdue: 1, unclaimedOverdue: 0 },
    ]);
    expect(body.closedPerDay).toEqual(days([0, 2, 0, 0, 1, 0, 0]));
  });

  it("shows a navigator their own teams' work only", async () => {
    const response = await get(`/api/reports/workload?${WEEK}`, ann);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<Workload>();
    expect(body.navigators.map((n) => n.username)).toEqual(['ann', 'bob']);
    expect(body.teams.map((t) => t.team)).toEqual(['north']);
    expect(body.closedPerDay).toEqual(days([0, 2, 0, 0, 0, 0, 0]));

    const south = await get(`/api/reports/workload?${WEEK}&team=south`);
    expect(south.json<Workload>().navigators.map((n) => n.username)).toEqual(['cat']);
  });

  it('refuses bad periods, other teams and ops with a clear 4xx', async () => {
    for (const query of [
      'from=2026-10-07&to=2026-10-01',
      'from=2026-10-01',
      'from=2026-10-01&to=2027-12-01',
    ]) {
      const response = await get(`/api/reports/workload?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json()).toMatchObject({ error: 'bad_request' });
    }
    const other = await get(`/api/reports/workload?${WEEK}&team=south`, ann);
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ error: 'other_team' });
    expect((await get(`/api/reports/workload?${WEEK}&team=nobody`)).statusCode).toBe(404);
    expect((await get(`/api/reports/workload?${WEEK}`, ops)).statusCode).toBe(403);
    expect((await get(`/api/reports/workload?${WEEK}`, {})).statusCode).toBe(401);
  });
});
