import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUsers,
  seedFollowUp,
  signIn,
  startApiHarness,
  type ApiHarness,
  type BrowserSession,
} from './testing/api-harness.js';
import type { ApiSchema } from './testing/api-answers.js';

type Item = ApiSchema<'FollowUp'>;

describe('inbox API: claims, live updates, CSV, audit, users and teams', () => {
  let h: ApiHarness;
  let nav: BrowserSession;
  let admin: BrowserSession;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await startApiHarness('inboxapi');
    await addUsers(h, [
      { username: 'jrivera', displayName: 'Jo Rivera, RN', role: 'navigator', teams: ['north'] },
      { username: 'float', displayName: 'Sam Float, RN', role: 'navigator', teams: ['north', 'south'] },
      { username: 'boss', displayName: 'Pat Admin', role: 'admin' },
    ]);
    nav = await signIn(h.app, 'jrivera');
    admin = await signIn(h.app, 'boss');
    const day = 86_400_000;
    ids.overdue = await seedFollowUp(h.db, {
      mrn: 'M-OVERDUE',
      team: 'north',
      dueAt: new Date(Date.now() - day),
    });
    ids.soon = await seedFollowUp(h.db, {
      mrn: 'M-SOON',
      team: 'north',
      dueAt: new Date(Date.now() + day),
      familyName: '=HYPERLINK("x")',
    });
    ids.later = await seedFollowUp(h.db, {
      mrn: 'M-LATER',
      team: 'north',
      dueAt: new Date(Date.now() + 3 * day),
    });
    ids.south = await seedFollowUp(h.db, {
      mrn: 'M-SOUTH',
      team: 'south',
      dueAt: new Date(Date.now() + day),
    });
  });

  afterAll(async () => {
    await h.close();
  });

  const get = (url: string, session: BrowserSession, headers: Record<string, string> = {}) =>
    h.app.inject({ url, headers: { cookie: session.cookie, ...headers } });
  const send = (method: 'POST' | 'PATCH', url: string, session: BrowserSession, payload: object) =>
    h.app.inject({
      method,
      url,
      payload,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
  const worklist = async (session: BrowserSession, query = '') =>
    (await get(`/api/worklist${query}`, session)).json<{ items: Item[] }>().items;

  it('records a claim and shows the claimer on the list and the detail', async () => {
    const claimed = await send('POST', `/api/follow-ups/${ids.soon}/actions`, nav, { type: 'claim' });
    expect(claimed.statusCode).toBe(201);
    const row = (await worklist(nav)).find((f) => f.id === ids.soon);
    expect(row?.claimedBy).toMatchObject({ actor: 'user:jrivera', name: 'Jo Rivera, RN' });
    const detail = (await get(`/api/follow-ups/${ids.soon}`, nav)).json<{
      status: string;
      claimedBy: { name: string };
      actions: { type: string; actorName: string }[];
    }>();
    expect(detail.status).toBe('in_progress');
    expect(detail.claimedBy.name).toBe('Jo Rivera, RN');
    expect(detail.actions).toEqual([expect.objectContaining({ type: 'claim', actorName: 'Jo Rivera, RN' })]);
  });

  it('a colleague takes it over only when asking to; the first claim stays in the log', async () => {
    const float = await signIn(h.app, 'float');
    const stale = await send('POST', `/api/follow-ups/${ids.soon}/actions`, float, { type: 'claim' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ holder: { name: string } }>().holder.name).toBe('Jo Rivera, RN');
    const taken = await send('POST', `/api/follow-ups/${ids.soon}/actions`, float, {
      type: 'claim',
      takeOver: true,
    });
    expect(taken.statusCode).toBe(201);
    const detail = (await get(`/api/follow-ups/${ids.soon}`, nav)).json<{
      claimedBy: { name: string };
      actions: { type: string }[];
    }>();
    expect(detail.claimedBy.name).toBe('Sam Float, RN');
    expect(detail.actions.map((a) => a.type)).toEqual(['claim', 'claim']);
  });

  it('counts failed contact attempts', async () => {
    for (const outcome of ['no_answer', 'voicemail']) {
      await send('POST', `/api/follow-ups/${ids.later}/actions`, nav, { type: 'contact_attempt', outcome });
    }
    const row = (await worklist(nav)).find((f) => f.id === ids.later);
    expect(row?.failedAttempts).toBe(2);
  });

  it('gives a navigator of two teams one list of both, narrowed to either, and only them', async () => {
    const float = await signIn(h.app, 'float');
    expect(new Set((await worklist(float)).map((f) => f.team))).toEqual(new Set(['north', 'south']));
    expect(new Set((await worklist(float, '?team=north')).map((f) => f.team))).toEqual(new Set(['north']));
    expect(new Set((await worklist(float, '?team=south')).map((f) => f.team))).toEqual(new Set(['south']));
    expect((await get(`/api/follow-ups/${ids.south}`, float)).statusCode).toBe(200);
    expect((await get('/api/worklist?team=east', float)).statusCode).toBe(403);
    expect((await get(`/api/follow-ups/${ids.south}`, nav)).statusCode).toBe(403);
  });

  it('changes the live-update fingerprint when a follow-up gets an action, without an audit entry', async () => {
    const before = (await get('/api/worklist/changes', nav)).json<{ fingerprint: string }>().fingerprint;
    const audits = await h.db.pool.query('SELECT count(*) FROM audit_log');
    expect((await get('/api/worklist/changes', nav)).json()).toEqual({ fingerprint: before });
    await send('POST', `/api/follow-ups/${ids.overdue}/actions`, nav, { type: 'note', note: 'checked' });
    const after = (await get('/api/worklist/changes', nav)).json<{ fingerprint: string }>().fingerprint;
    expect(after).not.toBe(before);
    expect((await h.db.pool.query('SELECT count(*) FROM audit_log')).rows).toEqual(audits.rows);
    // Another team's change is not this team's news.
    await seedFollowUp(h.db, { mrn: 'M-SOUTH-2', team: 'south', dueAt: new Date() });
    expect((await get('/api/worklist/changes', nav)).json()).toEqual({ fingerprint: after });
  });

  it('exports CSV with exactly the rows of the list, in list order, spreadsheet-safe', async () => {
    const list = await worklist(nav);
    const csv = await get('/api/worklist?format=csv', nav);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="worklist-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = csv.body.trimEnd().split('\r\n');
    const header = (lines[0] ?? '').split(',');
    const rows = lines.slice(1).map((line) => {
      // The cells compared here never contain commas or quotes.
      const cells = line.split(',');
      return { id: cells[header.indexOf('Follow-up id')], mrn: cells[header.indexOf('MRN')] };
    });
    expect(rows).toEqual(list.map((f) => ({ id: f.id, mrn: f.patient.mrn })));
    expect(header).toEqual(expect.arrayContaining(['Claimed by', 'Failed attempts', 'LACE score']));
    expect(csv.body).toContain('Sam Float');
    // A name that looks like a formula is written as text.
    expect(csv.body).toContain(`"'=HYPERLINK(""x""), Jane"`);
  });

  it('audits list, detail and export reads of the web session with who and from where', async () => {
    const before =
      (await h.db.pool.query<{ max: string | null }>('SELECT max(id) FROM audit_log')).rows[0]?.max ?? '0';
    await get('/api/worklist', nav);
    await get(`/api/follow-ups/${ids.overdue}`, nav);
    await get('/api/worklist', nav, { accept: 'text/csv' });
    const entries = await h.db.pool.query<{
      actor: string;
      action: string;
      resource: string;
      remote_address: string;
    }>('SELECT actor, action, resource, remote_address FROM audit_log WHERE id > $1 ORDER BY id', [before]);
    expect(entries.rows).toEqual([
      { actor: 'user:jrivera', action: 'list', resource: 'worklist', remote_address: '127.0.0.1' },
      { actor: 'user:jrivera', action: 'read', resource: 'follow_up', remote_address: '127.0.0.1' },
      { actor: 'user:jrivera', action: 'export', resource: 'worklist', remote_address: '127.0.0.1' },
    ]);
  });

  it('shows admins the audit log, filtered by who and by follow-up, as JSON and CSV', async () => {
    const mine = await get('/api/audit?actor=user:jrivera&limit=2', admin);
    expect(mine.statusCode).toBe(200);
    const page = mine.json<{ items: { actor: string; action: string }[]; nextCursor: string | null }>();
    expect(page.items).toHaveLength(2);
    expect(page.items.every((e) => e.actor === 'user:jrivera')).toBe(true);
    expect(page.nextCursor).not.toBeNull();
    const older = await get(`/api/audit?actor=user:jrivera&limit=2&cursor=${page.nextCursor ?? ''}`, admin);
    expect(older.json<{ items: unknown[] }>().items).toHaveLength(2);

    const touching = await get(`/api/audit?followUpId=${ids.overdue}`, admin);
    const actions = touching
      .json<{ items: { action: string; resource: string }[] }>()
      .items.map((e) => `${e.action}:${e.resource}`);
    expect(actions).toEqual(expect.arrayContaining(['read:follow_up', 'list:worklist', 'export:worklist']));
    const untouched = await get(`/api/audit?followUpId=${ids.south}&actor=user:jrivera`, admin);
    expect(untouched.json<{ items: unknown[] }>().items).toEqual([]);

    const csv = await get('/api/audit?action=read&format=csv', admin);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe('id,at,actor,action,resource,resource_id,remote_address,detail');
    expect(csv.body).toContain('user:jrivera,read,follow_up');
  });

  it('lets admins manage teams and users, and audit-logs the changes', async () => {
    const team = await send('POST', '/api/teams', admin, { name: 'east', displayName: 'East clinic' });
    expect(team.statusCode).toBe(201);
    expect((await send('POST', '/api/teams', admin, { name: 'east' })).statusCode).toBe(409);

    const unknownTeam = await send('POST', '/api/users', admin, {
      username: 'newnurse',
      role: 'navigator',
      teams: ['west'],
      password: 'a long enough password',
    });
    expect(unknownTeam.statusCode).toBe(400);
    expect(unknownTeam.json()).toMatchObject({ error: 'unknown_team' });
    expect(
      (
        await send('POST', '/api/users', admin, {
          username: 'noteam',
          role: 'navigator',
          password: 'long enough pass',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await send('POST', '/api/users', admin, { username: 'weak', role: 'ops', password: 'short' }))
        .statusCode,
    ).toBe(400);

    const created = await send('POST', '/api/users', admin, {
      username: 'NewNurse',
      displayName: 'New Nurse',
      role: 'navigator',
      teams: ['east'],
      password: 'a long enough password',
    });
    expect(created.statusCode).toBe(201);
    const user = created.json<{ id: string; username: string; teams: string[] }>();
    expect(user).toMatchObject({ username: 'newnurse', teams: ['east'] });
    expect(created.body).not.toContain('password');
    expect((await send('POST', '/api/users', admin, { username: 'newnurse', role: 'ops' })).statusCode).toBe(
      409,
    );

    const session = await signIn(h.app, 'newnurse', 'a long enough password');
    expect((await get('/api/worklist', session)).statusCode).toBe(200);
    const moved = await send('PATCH', `/api/users/${user.id}`, admin, { teams: ['east', 'north'] });
    expect(moved.json()).toMatchObject({ teams: ['east', 'north'] });
    // Team changes apply to the running session at once.
    expect((await get('/api/worklist?team=north', session)).statusCode).toBe(200);
    const disabled = await send('PATCH', `/api/users/${user.id}`, admin, { disabled: true });
    expect(disabled.json()).toMatchObject({ disabled: true });
    expect((await get('/api/worklist', session)).statusCode).toBe(401);

    const listed = (await get('/api/users', admin)).json<{
      items: { username: string; disabled: boolean }[];
    }>();
    expect(listed.items.find((u) => u.username === 'newnurse')).toMatchObject({ disabled: true });
    const teams = (await get('/api/teams', admin)).json<{ items: { name: string; members: string[] }[] }>();
    expect(teams.items.find((t) => t.name === 'east')?.members).toEqual(['newnurse']);

    const me = (await get('/api/session', admin)).json<{ user: { actor: string } }>().user;
    const adminId = (await h.db.pool.query<{ id: string }>("SELECT id FROM users WHERE username = 'boss'"))
      .rows[0]?.id;
    expect((await send('PATCH', `/api/users/${adminId ?? ''}`, admin, { disabled: true })).statusCode).toBe(
      400,
    );

    const audit = await h.db.pool.query<{ action: string; resource: string }>(
      'SELECT action, resource FROM audit_log WHERE actor = $1 AND action IN ($2, $3) ORDER BY id',
      [me.actor, 'create', 'update'],
    );
    expect(audit.rows.map((r) => `${r.action}:${r.resource}`)).toEqual([
      'create:team',
      'create:user',
      'update:user',
      'update:user',
    ]);
  });
});
