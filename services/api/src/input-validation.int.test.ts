import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  seedFollowUp,
  signIn,
  startApiHarness,
  type ApiHarness,
  type BrowserSession,
} from './testing/api-harness.js';

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('bad input gets a 400, never a 500', () => {
  let h: ApiHarness;
  let admin: BrowserSession;
  let adminId = '';
  let followUpId = '';

  beforeAll(async () => {
    h = await startApiHarness('inputvalidation');
    adminId = await addUser(h, { username: 'iv-admin', role: 'admin' });
    await addUser(h, { username: 'iv-other', role: 'admin' });
    followUpId = await seedFollowUp(h.db, { mrn: 'IV-1', team: 'iv', dueAt: new Date() });
    admin = await signIn(h.app, 'iv-admin');
  });

  afterAll(async () => {
    await h.close();
  });

  const get = (url: string) => h.app.inject({ url, headers: { cookie: admin.cookie } });
  const write = (method: 'POST' | 'PATCH', url: string, payload: object) =>
    h.app.inject({
      method,
      url,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
      payload,
    });

  it.each([
    '/api/worklist?team=a%00b',
    '/api/worklist/changes?team=%00',
    '/api/follow-ups?mrn=%00',
    '/api/follow-ups?facility=GENERAL%00HOSP',
    '/api/follow-ups?team=%1b',
    '/api/messages?controlId=a%00',
    '/api/messages?mrn=%00',
    '/api/messages?facility=%00',
    '/api/audit?actor=%00',
    '/api/audit?action=%00',
    '/api/audit?resource=%00',
    '/api/audit?resourceId=%00',
  ])('refuses control characters in the filter %s', async (url) => {
    const response = await get(url);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'bad_request' });
  });

  it.each([
    ['a fractional offset', { offset: 1.5 }],
    ['a huge offset', { offset: 1e300 }],
    ['a negative offset', { offset: -1 }],
    ['an id beyond bigint', { beforeId: '99999999999999999999999' }],
    ['an id with a leading zero', { beforeId: '007' }],
  ])('refuses a cursor with %s on every list', async (_label, value) => {
    for (const list of [
      '/api/worklist',
      '/api/follow-ups',
      '/api/messages',
      '/api/audit',
      '/api/patients/unattributed',
    ]) {
      const response = await get(`${list}?cursor=${cursor(value)}`);
      expect(response.statusCode, list).toBe(400);
    }
  });

  it.each([
    '/api/worklist?date=0000-01-01',
    '/api/follow-ups?from=0000-01-01T00:00:00Z',
    '/api/follow-ups?to=0000-12-31',
    '/api/messages?from=0000-01-01T00:00:00Z',
    '/api/audit?to=0000-01-01',
  ])('refuses the year 0 in %s (Postgres has none)', async (url) => {
    expect((await get(url)).statusCode).toBe(400);
  });

  it('refuses a cursor longer than any the API returns', async () => {
    expect((await get(`/api/follow-ups?cursor=${'A'.repeat(5000)}`)).statusCode).toBe(400);
  });

  it('refuses control characters in bodies: sign-in, notes, names', async () => {
    const first = await h.app.inject({ url: '/api/session' });
    const signInWithNul = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: {
        cookie: first.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
        'x-csrf-token': first.json<{ csrfToken: string }>().csrfToken,
      },
      payload: { username: 'iv-admin\u0000', password: 'whatever it is' },
    });
    expect(signInWithNul.statusCode).toBe(400);
    const note = await write('POST', `/api/follow-ups/${followUpId}/actions`, {
      type: 'note',
      note: 'called\u0000back',
    });
    expect(note.statusCode).toBe(400);
    const outcome = await write('POST', `/api/follow-ups/${followUpId}/actions`, {
      type: 'contact_attempt',
      outcome: 'no\u0000answer',
    });
    expect(outcome.statusCode).toBe(400);
    const team = await write('POST', '/api/teams', { name: 'bad\u0000team' });
    expect(team.statusCode).toBe(400);
    const user = await write('POST', '/api/users', {
      username: 'iv-new',
      role: 'ops',
      displayName: 'Bad\u0007Name',
    });
    expect(user.statusCode).toBe(400);
    // A note keeps its line breaks.
    const multiline = await write('POST', `/api/follow-ups/${followUpId}/actions`, {
      type: 'note',
      note: 'First line.\nSecond line.',
    });
    expect(multiline.statusCode).toBe(201);
  });

  describe('ids in paths have one spelling', () => {
    it('refuses a zero-padded own id instead of letting an admin demote themselves', async () => {
      const padded = await write('PATCH', `/api/users/0${adminId}`, { role: 'navigator', teams: ['iv'] });
      expect(padded.statusCode).toBe(400);
      const own = await write('PATCH', `/api/users/${adminId}`, { role: 'ops' });
      expect(own.statusCode).toBe(400);
      expect(own.json()).toMatchObject({ error: 'self_lockout' });
      const stored = await h.db.pool.query<{ role: string }>('SELECT role FROM users WHERE id = $1', [
        adminId,
      ]);
      expect(stored.rows[0]?.role).toBe('admin');
    });

    it.each([`/api/follow-ups/0%s`, `/api/follow-ups/+%s`, `/api/messages/0%s`, `/api/audit?followUpId=0%s`])(
      'refuses %s',
      async (pattern) => {
        expect((await get(pattern.replace('%s', followUpId))).statusCode).toBe(400);
      },
    );

    it('refuses an id beyond bigint', async () => {
      expect((await get('/api/follow-ups/9999999999999999999')).statusCode).toBe(400);
    });
  });
});
