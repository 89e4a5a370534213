import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILED_SIGN_INS } from '@adt/db';
import {
  addUser,
  type ApiHarness,
  type BrowserSession,
  cookiesAfter,
  createUserToken,
  seedFollowUp,
  signIn,
  startApiHarness,
  TEST_PASSWORD,
} from './testing/api-harness.js';

describe('browser sessions: sign-in, cookies, expiry, CSRF', () => {
  let h: ApiHarness;
  let followUpId = '';
  let navigatorId = '';

  beforeAll(async () => {
    h = await startApiHarness('session', {
      SESSION_IDLE_TIMEOUT_MS: '600000',
      SESSION_MAX_AGE_MS: '3600000',
    });
    navigatorId = await addUser(h, {
      username: 'jrivera',
      displayName: 'Jo Rivera, RN',
      role: 'navigator',
      teams: ['north'],
    });
    followUpId = await seedFollowUp(h.db, {
      mrn: 'M-1',
      team: 'north',
      dueAt: new Date(Date.now() + 3_600_000),
    });
  });

  afterAll(async () => {
    await h.close();
  });

  const get = (url: string, session: BrowserSession, headers: Record<string, string> = {}) =>
    h.app.inject({ url, headers: { cookie: session.cookie, ...headers } });
  const post = (
    url: string,
    session: BrowserSession,
    payload: object,
    csrfToken: string | null = session.csrfToken,
  ) =>
    h.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { cookie: session.cookie, ...(csrfToken === null ? {} : { 'x-csrf-token': csrfToken }) },
    });

  it('signs in, sets an HttpOnly SameSite=Strict session cookie, and answers who is signed in', async () => {
    const first = await h.app.inject({ url: '/api/session' });
    expect(first.json()).toMatchObject({ user: null, practiceTimeZone: 'America/New_York' });
    const cookie = cookiesAfter(first);
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { cookie, 'x-csrf-token': first.json<{ csrfToken: string }>().csrfToken },
      payload: { username: 'JRivera', password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      user: { kind: 'session', role: 'navigator', displayName: 'Jo Rivera, RN', teams: ['north'] },
    });
    const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    const session = setCookie.find((c) => c.startsWith('adt_session='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(session).toMatch(/Path=\//);
    // Plain HTTP here, so not Secure (the browser would drop a Secure cookie on http://).
    expect(session).not.toMatch(/Secure/);
    expect(session).not.toMatch(/Max-Age|Expires/);
    const who = await h.app.inject({
      url: '/api/session',
      headers: { cookie: cookiesAfter(response, cookie) },
    });
    expect(who.json()).toMatchObject({ user: { actor: 'user:jrivera' } });
  });

  it('marks the cookies Secure over HTTPS behind a trusted proxy', async () => {
    const behindProxy = await startApiHarness('sessiontls', { TRUST_PROXY: 'true' });
    try {
      await addUser(behindProxy, { username: 'tls', role: 'ops' });
      const first = await behindProxy.app.inject({
        url: '/api/session',
        headers: { 'x-forwarded-proto': 'https' },
      });
      const response = await behindProxy.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: {
          'x-forwarded-proto': 'https',
          cookie: cookiesAfter(first),
          'x-csrf-token': first.json<{ csrfToken: string }>().csrfToken,
        },
        payload: { username: 'tls', password: TEST_PASSWORD },
      });
      const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
      expect(setCookie.length).toBeGreaterThanOrEqual(2);
      for (const cookie of setCookie) expect(cookie).toMatch(/; Secure/);
    } finally {
      await behindProxy.close();
    }
  });

  it('refuses a wrong password and an unknown user alike, and audit-logs both', async () => {
    for (const username of ['jrivera', 'nobody']) {
      const first = await h.app.inject({ url: '/api/session' });
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: {
          cookie: cookiesAfter(first),
          'x-csrf-token': first.json<{ csrfToken: string }>().csrfToken,
        },
        payload: { username, password: 'not the password' },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({
        error: 'invalid_credentials',
        message: 'Wrong username or password',
      });
    }
    const audit = await h.db.pool.query<{ actor: string }>(
      "SELECT actor FROM audit_log WHERE action = 'sign_in_failed' ORDER BY id",
    );
    // An unknown name is not recorded: it may be a password typed in the wrong box.
    expect(audit.rows.map((r) => r.actor)).toEqual(['user:jrivera', 'user:(unknown)']);
    await h.db.pool.query('DELETE FROM sign_in_failures');
  });

  it('gives a new session id at every sign-in; the one presented before stops working (no fixation)', async () => {
    const before = await signIn(h.app, 'jrivera');
    const first = await h.app.inject({ url: '/api/session', headers: { cookie: before.cookie } });
    const again = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { cookie: before.cookie, 'x-csrf-token': first.json<{ csrfToken: string }>().csrfToken },
      payload: { username: 'jrivera', password: TEST_PASSWORD },
    });
    expect(again.statusCode).toBe(200);
    const after = cookiesAfter(again, before.cookie);
    const sessionOf = (cookie: string) => /adt_session=([^;]+)/.exec(cookie)?.[1];
    expect(sessionOf(after)).toBeDefined();
    expect(sessionOf(after)).not.toBe(sessionOf(before.cookie));
    expect((await get('/api/worklist', before)).statusCode).toBe(401);
    expect((await get('/api/worklist', { cookie: after, csrfToken: '' })).statusCode).toBe(200);
  });

  it('ends a session after the idle timeout, but not while the person keeps working', async () => {
    const session = await signIn(h.app, 'jrivera');
    await h.db.pool.query("UPDATE sessions SET last_seen_at = now() - interval '9 minutes'");
    expect((await get('/api/worklist', session)).statusCode).toBe(200);
    // That request counted as activity; the background refresh does not.
    await h.db.pool.query("UPDATE sessions SET last_seen_at = now() - interval '9 minutes'");
    expect((await get('/api/worklist/changes', session, { 'x-adt-background': '1' })).statusCode).toBe(200);
    await h.db.pool.query(
      "UPDATE sessions SET last_seen_at = last_seen_at - interval '2 minutes' WHERE revoked_at IS NULL",
    );
    expect((await get('/api/worklist', session)).statusCode).toBe(401);
  });

  it('ends a session at its absolute expiry however active it is', async () => {
    const session = await signIn(h.app, 'jrivera');
    await h.db.pool.query("UPDATE sessions SET expires_at = now() - interval '1 second'");
    expect((await get('/api/worklist', session)).statusCode).toBe(401);
  });

  it('signs out: the session ends and the cookie is removed', async () => {
    const session = await signIn(h.app, 'jrivera');
    const out = await h.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
    expect(out.statusCode).toBe(200);
    expect(cookiesAfter(out, session.cookie)).not.toContain('adt_session=');
    expect((await get('/api/worklist', session)).statusCode).toBe(401);
    const audit = await h.db.pool.query("SELECT 1 FROM audit_log WHERE action = 'sign_out'");
    expect(audit.rowCount).toBeGreaterThan(0);
  });

  it('ends the sessions of a disabled user at once', async () => {
    const session = await signIn(h.app, 'jrivera');
    await h.db.pool.query('UPDATE users SET disabled_at = now() WHERE id = $1', [navigatorId]);
    try {
      expect((await get('/api/worklist', session)).statusCode).toBe(401);
      await expect(signIn(h.app, 'jrivera')).rejects.toThrow(/401/);
    } finally {
      await h.db.pool.query('UPDATE users SET disabled_at = NULL WHERE id = $1', [navigatorId]);
    }
  });

  describe('CSRF on cookie-authenticated writes', () => {
    let session: BrowserSession;
    beforeAll(async () => {
      session = await signIn(h.app, 'jrivera');
    });

    it('refuses a write without the token', async () => {
      const response = await post(
        `/api/follow-ups/${followUpId}/actions`,
        session,
        { type: 'note', note: 'x' },
        null,
      );
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: 'csrf' });
    });

    it('refuses a write with a forged token', async () => {
      const response = await post(
        `/api/follow-ups/${followUpId}/actions`,
        session,
        { type: 'note' },
        'forged-token',
      );
      expect(response.statusCode).toBe(403);
    });

    it('refuses the token of another browser', async () => {
      const other = await h.app.inject({ url: '/api/session' });
      const response = await post(
        `/api/follow-ups/${followUpId}/actions`,
        session,
        { type: 'note' },
        other.json<{ csrfToken: string }>().csrfToken,
      );
      expect(response.statusCode).toBe(403);
    });

    it('refuses a token issued before sign-in (the secret is renewed at sign-in)', async () => {
      const first = await h.app.inject({ url: '/api/session' });
      const cookie = cookiesAfter(first);
      const oldToken = first.json<{ csrfToken: string }>().csrfToken;
      const signedIn = await h.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: { cookie, 'x-csrf-token': oldToken },
        payload: { username: 'jrivera', password: TEST_PASSWORD },
      });
      const fresh = { cookie: cookiesAfter(signedIn, cookie), csrfToken: oldToken };
      expect((await post(`/api/follow-ups/${followUpId}/actions`, fresh, { type: 'note' })).statusCode).toBe(
        403,
      );
      const renewed = { ...fresh, csrfToken: signedIn.json<{ csrfToken: string }>().csrfToken };
      expect(
        (await post(`/api/follow-ups/${followUpId}/actions`, renewed, { type: 'note' })).statusCode,
      ).toBe(201);
    });

    it('refuses a sign-in without the token (login CSRF)', async () => {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'jrivera', password: TEST_PASSWORD },
      });
      expect(response.statusCode).toBe(403);
    });

    it('accepts the write with the token', async () => {
      const response = await post(`/api/follow-ups/${followUpId}/actions`, session, {
        type: 'note',
        note: 'ok',
      });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({ actor: 'user:jrivera', actorName: 'Jo Rivera, RN' });
    });

    it('exempts bearer-token writes (scripts), even with a stray cookie', async () => {
      const token = await createUserToken(h.db.pool, { role: 'navigator', team: 'north', name: 'script' });
      const response = await h.app.inject({
        method: 'POST',
        url: `/api/follow-ups/${followUpId}/actions`,
        payload: { type: 'note', note: 'from a script' },
        headers: { authorization: `Bearer ${token}`, cookie: session.cookie },
      });
      expect(response.statusCode).toBe(201);
      expect(response.json<{ actor: string }>().actor).toMatch(/^navigator:script#\d+$/);
    });
  });

  it('changes the own password: old sessions end, this browser stays signed in', async () => {
    await addUser(h, { username: 'changer', role: 'ops' });
    const elsewhere = await signIn(h.app, 'changer');
    const here = await signIn(h.app, 'changer');
    const weak = await post('/api/session/password', here, {
      currentPassword: TEST_PASSWORD,
      newPassword: 'short',
    });
    expect(weak.statusCode).toBe(400);
    const changed = await post('/api/session/password', here, {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a much longer new password',
    });
    expect(changed.statusCode).toBe(200);
    expect((await get('/api/messages', elsewhere)).statusCode).toBe(401);
    expect(
      (await get('/api/messages', { ...here, cookie: cookiesAfter(changed, here.cookie) })).statusCode,
    ).toBe(200);
    await expect(signIn(h.app, 'changer', 'a much longer new password')).resolves.toBeDefined();
  });

  it(`locks an account after ${MAX_FAILED_SIGN_INS} wrong passwords in a row`, async () => {
    await addUser(h, { username: 'guessed', role: 'ops' });
    const attempt = async (password: string) => {
      const first = await h.app.inject({ url: '/api/session' });
      return h.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: {
          cookie: cookiesAfter(first),
          'x-csrf-token': first.json<{ csrfToken: string }>().csrfToken,
        },
        payload: { username: 'guessed', password },
      });
    };
    for (let i = 1; i < MAX_FAILED_SIGN_INS; i += 1) {
      expect((await attempt('wrong')).json()).toMatchObject({ error: 'invalid_credentials' });
    }
    expect((await attempt('wrong')).json()).toMatchObject({ error: 'locked' });
    // Even the right password waits for the lock to pass.
    const right = await attempt(TEST_PASSWORD);
    expect(right.statusCode).toBe(401);
    expect(right.json()).toMatchObject({ error: 'locked' });
  });

  it('serves the inbox pages with a strict content security policy, and redirects to sign-in', async () => {
    const anonymous = await h.app.inject({ url: '/' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/sign-in?next=%2F');
    const signInPage = await h.app.inject({ url: '/sign-in' });
    expect(signInPage.statusCode).toBe(200);
    expect(signInPage.headers['content-type']).toContain('text/html');
    expect(signInPage.headers['content-security-policy']).toContain("script-src 'self'");
    expect(signInPage.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const session = await signIn(h.app, 'jrivera');
    const page = await get('/', session);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<main');
    const api = await get('/api/worklist', session);
    expect(api.headers['cache-control']).toBe('no-store');
  });
});
