import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from './rate-limits.js';
import {
  addUser,
  cookiesAfter,
  signIn,
  startApiHarness,
  TEST_PASSWORD,
  type ApiHarness,
} from './testing/api-harness.js';

// Routing decodes percent-escapes: `/%61pi/session` reaches `POST /api/session`. The checks must
// apply to the route reached, whatever spelling of its path was sent.
const SIGN_IN_SPELLINGS = ['/%61pi/session', '/api/%73ession', '/%61%70%69/%73ession?x=1'];

describe('checks follow the matched route, not the raw URL', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApiHarness('encodedpaths', { TRUST_PROXY: 'true' }, { rateLimits: DEFAULT_RATE_LIMITS });
    await addUser(h, { username: 'enc-admin', role: 'admin' });
  });

  afterAll(async () => {
    await h.close();
  });

  const from = (address: string, headers: Record<string, string> = {}) => ({
    'x-forwarded-for': address,
    ...headers,
  });

  it.each(SIGN_IN_SPELLINGS)('refuses a sign-in at %s without the CSRF header', async (url) => {
    const response = await h.app.inject({
      method: 'POST',
      url,
      headers: from('10.20.0.1'),
      payload: { username: 'enc-admin', password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: 'csrf' });
    expect(response.cookies.map((c) => c.name)).not.toContain('adt_session');
  });

  it('counts sign-ins at every spelling of the path against one address budget', async () => {
    const address = '10.20.0.2';
    const codes: number[] = [];
    for (let i = 0; i <= DEFAULT_RATE_LIMITS.signInPerMinute; i += 1) {
      const first = await h.app.inject({ url: '/api/session', headers: from(address) });
      const response = await h.app.inject({
        method: 'POST',
        url: SIGN_IN_SPELLINGS[i % SIGN_IN_SPELLINGS.length] ?? '/api/session',
        headers: from(address, {
          cookie: cookiesAfter(first),
          'x-csrf-token': first.json<{ csrfToken: string }>().csrfToken,
        }),
        payload: { username: `nobody-${i}`, password: 'not the password' },
      });
      codes.push(response.statusCode);
    }
    expect(codes.slice(0, DEFAULT_RATE_LIMITS.signInPerMinute)).toEqual(
      Array(DEFAULT_RATE_LIMITS.signInPerMinute).fill(401),
    );
    expect(codes.at(-1)).toBe(429);
  });

  it('checks CSRF on a session write at an encoded path', async () => {
    const session = await signIn(h.app, 'enc-admin');
    const response = await h.app.inject({
      method: 'POST',
      url: '/%61pi/teams',
      headers: from('10.20.0.3', { cookie: session.cookie }),
      payload: { name: 'encoded-team' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: 'csrf' });
    const accepted = await h.app.inject({
      method: 'POST',
      url: '/%61pi/teams',
      headers: from('10.20.0.3', { cookie: session.cookie, 'x-csrf-token': session.csrfToken }),
      payload: { name: 'encoded-team' },
    });
    expect(accepted.statusCode).toBe(201);
  });
});

describe('CSRF tokens are bound to the session', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApiHarness('csrfbinding');
    await addUser(h, { username: 'victim', role: 'admin' });
    await addUser(h, { username: 'mallory', role: 'admin' });
  });

  afterAll(async () => {
    await h.close();
  });

  const cookieValue = (cookie: string, name: string) =>
    cookie
      .split('; ')
      .find((pair) => pair.startsWith(`${name}=`))
      ?.slice(name.length + 1) ?? '';

  it('refuses a CSRF secret and token planted from another session', async () => {
    const victim = await signIn(h.app, 'victim');
    const mallory = await signIn(h.app, 'mallory');
    // Mallory plants her own CSRF secret cookie in the victim's browser and sends her token.
    const planted = `adt_session=${cookieValue(victim.cookie, 'adt_session')}; adt_csrf=${cookieValue(mallory.cookie, 'adt_csrf')}`;
    const forged = await h.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: { cookie: planted, 'x-csrf-token': mallory.csrfToken },
      payload: { name: 'forged' },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json()).toMatchObject({ error: 'csrf' });
    const own = await h.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: { cookie: victim.cookie, 'x-csrf-token': victim.csrfToken },
      payload: { name: 'genuine' },
    });
    expect(own.statusCode).toBe(201);
  });

  it('refuses the token of a signed-out page once signed in', async () => {
    const first = await h.app.inject({ url: '/api/session' });
    const anonymousToken = first.json<{ csrfToken: string }>().csrfToken;
    const session = await signIn(h.app, 'victim');
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: { cookie: session.cookie, 'x-csrf-token': anonymousToken },
      payload: { name: 'stale' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('gives a signed-in page a token of its session on reload', async () => {
    const session = await signIn(h.app, 'victim');
    const reloaded = await h.app.inject({ url: '/api/session', headers: { cookie: session.cookie } });
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: {
        cookie: cookiesAfter(reloaded, session.cookie),
        'x-csrf-token': reloaded.json<{ csrfToken: string }>().csrfToken,
      },
      payload: { name: 'after-reload' },
    });
    expect(response.statusCode).toBe(201);
  });
});
