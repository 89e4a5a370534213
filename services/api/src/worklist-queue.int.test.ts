/**
 * Working the list: one queue across a navigator's teams, finding a patient through the API (`q=`)
 * within the caller's teams only, and the CSV export a person reads (local times with offsets,
 * words instead of codes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  seedFollowUp,
  signIn,
  startApiHarness,
  type ApiHarness,
  type BrowserSession,
} from './testing/api-harness.js';
import type { ApiSchema } from './testing/api-answers.js';

type Item = ApiSchema<'FollowUp'>;

const HOUR = 3_600_000;

describe('working the list', () => {
  let h: ApiHarness;
  let float: BrowserSession;
  let north: BrowserSession;
  let admin: BrowserSession;
  const ids: Record<string, string> = {};
  // 14:30 UTC is 09:30 in New York in December (UTC−5).
  const due = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 11, 6, 14, 30));

  beforeAll(async () => {
    h = await startApiHarness('worklistqueue', { PRACTICE_TZ: 'America/New_York' });
    await addUser(h, { username: 'float', role: 'navigator', teams: ['north', 'south'] });
    await addUser(h, { username: 'northonly', role: 'navigator', teams: ['north'] });
    await addUser(h, { username: 'east-nav', role: 'navigator', teams: ['east'] });
    await addUser(h, { username: 'boss', role: 'admin' });
    float = await signIn(h.app, 'float');
    north = await signIn(h.app, 'northonly');
    admin = await signIn(h.app, 'boss');
    ids.north = await seedFollowUp(h.db, {
      mrn: 'N-100',
      team: 'north',
      dueAt: new Date(Date.now() - HOUR),
      familyName: 'DOE',
      givenName: 'JANE',
      phone: '(617) 555-0101',
    });
    ids.south = await seedFollowUp(h.db, {
      mrn: 'S-200',
      team: 'south',
      dueAt: due,
      familyName: "O'BRIEN",
      givenName: 'JOHN',
      phone: '+1 617 555 0199',
    });
    ids.east = await seedFollowUp(h.db, {
      mrn: 'E-300',
      team: 'east',
      dueAt: due,
      familyName: "O'BRIEN",
      givenName: 'ANNA',
      phone: '617-555-0177',
    });
    await h.db.pool.query(
      `UPDATE encounters SET disposition = '83' WHERE id = (SELECT encounter_id FROM follow_ups WHERE id = $1)`,
      [ids.south],
    );
    await h.db.pool.query(
      `UPDATE follow_ups SET priority = 'high', risk_flags = '{ama,frequent_ed}', risk_score = 12 WHERE id = $1`,
      [ids.south],
    );
  });

  afterAll(async () => {
    await h.close();
  });

  const get = (url: string, session: BrowserSession) =>
    h.app.inject({ url, headers: { cookie: session.cookie } });
  const items = async (url: string, session: BrowserSession) => {
    const response = await get(url, session);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ items: Item[] }>().items;
  };
  const mrns = async (url: string, session: BrowserSession) =>
    (await items(url, session)).map((f) => f.patient.mrn).sort();

  it("lists every team of the navigator's as one queue, in list order, unless a team narrows it", async () => {
    const list = await items('/api/worklist', float);
    expect(list.map((f) => f.patient.mrn)).toEqual(['N-100', 'S-200']);
    expect(await mrns('/api/worklist?team=south', float)).toEqual(['S-200']);
    expect(await mrns('/api/worklist', north)).toEqual(['N-100']);
    expect(await mrns('/api/worklist', admin)).toEqual(['E-300', 'N-100', 'S-200']);
    expect((await get('/api/worklist?team=east', float)).statusCode).toBe(403);
    expect(await mrns('/api/follow-ups', float)).toEqual(['N-100', 'S-200']);
    expect(await mrns('/api/follow-ups?team=north', float)).toEqual(['N-100']);
  });

  it("changes the fingerprint of the navigator's queue when any of their teams changes", async () => {
    const fingerprint = async () =>
      (await get('/api/worklist/changes', float)).json<{ fingerprint: string }>().fingerprint;
    const before = await fingerprint();
    await h.db.pool.query(`UPDATE follow_ups SET updated_at = now() + interval '1 minute' WHERE id = $1`, [
      ids.south,
    ]);
    expect(await fingerprint()).not.toBe(before);
  });

  it('finds a patient by name, "family, given", MRN or phone across the navigator\'s teams', async () => {
    expect(await mrns(`/api/follow-ups?q=${encodeURIComponent("o'bri")}`, float)).toEqual(['S-200']);
    expect(await mrns(`/api/follow-ups?q=${encodeURIComponent('john o')}`, float)).toEqual(['S-200']);
    expect(await mrns(`/api/follow-ups?q=${encodeURIComponent("O'Brien, Jo")}`, float)).toEqual(['S-200']);
    expect(await mrns('/api/follow-ups?q=jane', float)).toEqual(['N-100']);
    expect(await mrns('/api/follow-ups?q=s-2', float)).toEqual(['S-200']);
    expect(await mrns('/api/follow-ups?q=S-200', float)).toEqual(['S-200']);
    expect(await mrns(`/api/follow-ups?q=${encodeURIComponent('(617) 555-0199')}`, float)).toEqual(['S-200']);
    expect(await mrns(`/api/follow-ups?q=${encodeURIComponent('555 0101')}`, float)).toEqual(['N-100']);
    // Narrowed by the other filters.
    expect(await mrns(`/api/follow-ups?q=jane&team=south`, float)).toEqual([]);
    expect(await mrns(`/api/follow-ups?q=jane&status=done`, float)).toEqual([]);
  });

  it("never finds another team's patient for a navigator; an admin finds every team's", async () => {
    expect(await mrns('/api/follow-ups?q=anna', float)).toEqual([]);
    expect(await mrns('/api/follow-ups?q=E-300', float)).toEqual([]);
    expect(await mrns(`/api/follow-ups?q=${encodeURIComponent('617-555-0177')}`, float)).toEqual([]);
    expect(await mrns("/api/follow-ups?q=o'brien", north)).toEqual([]);
    expect(await mrns("/api/follow-ups?q=o'brien", admin)).toEqual(['E-300', 'S-200']);
    expect((await get('/api/follow-ups?q=anna&team=east', float)).statusCode).toBe(403);
  });

  it('reads typed wildcards as text', async () => {
    expect(await mrns('/api/follow-ups?q=%25%25', admin)).toEqual([]);
    expect(await mrns('/api/follow-ups?q=__', admin)).toEqual([]);
  });

  it('answers 400 with a message to a search that is too short, too long or holds control characters', async () => {
    for (const q of ['a', '%20%20x%20', 'x'.repeat(101), 'ab%00c', 'ab%0Acd']) {
      const response = await get(`/api/follow-ups?q=${q}`, float);
      expect(response.statusCode, q).toBe(400);
      expect(response.json<{ message: string }>().message, q).toMatch(/q/);
    }
  });

  it("exports the CSV of all the navigator's teams with local times and their offset, and words", async () => {
    const csv = await get('/api/worklist?format=csv', float);
    expect(csv.statusCode).toBe(200);
    const [header, ...lines] = csv.body.trimEnd().split('\r\n');
    const columns = (header ?? '').split(',');
    expect(columns.slice(0, 5)).toEqual(['Follow-up id', 'Kind', 'Status', 'Priority', 'Due']);
    expect(lines).toHaveLength(2);
    const south = lines.find((line) => line.startsWith(`${ids.south ?? ''},`)) ?? '';
    const year = due.getUTCFullYear();
    expect(south).toContain(`,Discharge,Not started,High,${year}-12-06T09:30:00-05:00,south,S-200,`);
    expect(south).toContain(',"Skilled nursing facility, planned readmission (83)",');
    expect(south).toContain('Left against medical advice; Frequent ED visits');
    expect(south).toContain(',No,No,');
    expect(csv.body).not.toMatch(/\d{2}:\d{2}:\d{2}(\.\d+)?Z/);
    expect(lines.some((line) => line.includes(',north,N-100,'))).toBe(true);
  });
});
