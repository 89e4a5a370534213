import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeam, findUserByUsername, updateUser } from '@adt/db';
import { cookiesAfter, startApiHarness, type ApiHarness } from './testing/api-harness.js';
import { startOidcTestProvider, type TestOidcProvider } from './testing/oidc-test-provider.js';

const REDIRECT_URI = 'http://localhost:3000/auth/oidc/callback';

interface SessionAnswer {
  user: { kind: string; role: string; teams: string[]; displayName: string; actor: string } | null;
  csrfToken: string;
  signIn: { password: boolean; provider: string | null };
}

describe('single sign-on through an OpenID Connect provider', () => {
  let provider: TestOidcProvider;
  let h: ApiHarness;

  beforeAll(async () => {
    provider = await startOidcTestProvider({ redirectUri: REDIRECT_URI });
    provider.accounts.set('sub-alice', {
      email: 'Alice.Rivera@example.org',
      name: 'Alice Rivera, RN',
      groups: ['everyone', 'adt-nav', 'north-nurses'],
    });
    provider.accounts.set('sub-bob', {
      email: 'bob@example.org',
      name: 'Bob',
      groups: ['everyone', 'payroll'],
    });
    provider.accounts.set('sub-carol', { email: 'carol@example.org', name: 'Carol', groups: ['adt-nav'] });
    provider.accounts.set('sub-dan', {
      email: 'dan@example.org',
      name: 'Dan',
      groups: ['adt-nav', 'north-nurses'],
      emailVerified: false,
    });
    h = await startApiHarness('oidcsignin', {
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_REDIRECT_URI: REDIRECT_URI,
      OIDC_PROVIDER_NAME: 'Keycloak',
      OIDC_SCOPES: 'openid email profile groups',
      OIDC_ROLE_MAP: 'adt-admins:admin,adt-nav:navigator',
      OIDC_TEAM_MAP: 'north-nurses:north',
      PASSWORD_SIGN_IN: 'false',
    });
    await addTeam(h.db.pool, { name: 'north' });
  });

  afterAll(async () => {
    await h.close();
    await provider.stop();
  });

  /** A browser's whole trip: the product, the provider, and back to the product's callback. */
  async function signInThroughProvider(subject: string, next?: string) {
    const start = await h.app.inject({
      url: `/auth/oidc/start${next === undefined ? '' : `?next=${encodeURIComponent(next)}`}`,
    });
    expect(start.statusCode).toBe(303);
    const authorization = new URL(start.headers.location as string);
    expect(authorization.origin).toBe(provider.issuer);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    const cookie = cookiesAfter(start);
    const callback = await provider.signIn(authorization.href, subject);
    const answer = await h.app.inject({ url: `${callback.pathname}${callback.search}`, headers: { cookie } });
    return { answer, callback, startCookie: cookie, cookie: cookiesAfter(answer, cookie) };
  }

  async function session(cookie: string): Promise<SessionAnswer> {
    return (await h.app.inject({ url: '/api/session', headers: { cookie } })).json<SessionAnswer>();
  }

  async function auditOf(action: string): Promise<{ actor: string; resource: string; detail: unknown }[]> {
    const found = await h.db.pool.query<{ actor: string; resource: string; detail: unknown }>(
      'SELECT actor, resource, detail FROM audit_log WHERE action = $1 ORDER BY id',
      [action],
    );
    return found.rows;
  }

  it('signs a person in through the provider with a role and team from their groups', async () => {
    const { answer, cookie } = await signInThroughProvider('sub-alice', '/census');
    expect(answer.statusCode).toBe(303);
    // Back to the sign-in page, which opens `next` only if it is a page of this site.
    expect(answer.headers.location).toBe('/sign-in?next=%2Fcensus');
    expect(cookie).toMatch(/adt_session=/);
    expect(cookie).not.toMatch(/adt_oidc=/);

    const signedIn = await session(cookie);
    expect(signedIn.user).toMatchObject({
      kind: 'session',
      role: 'navigator',
      teams: ['north'],
      displayName: 'Alice Rivera, RN',
      actor: 'user:alice.rivera@example.org',
    });
    const worklist = await h.app.inject({ url: '/api/worklist', headers: { cookie } });
    expect(worklist.statusCode).toBe(200);

    const user = await findUserByUsername(h.db.pool, 'alice.rivera@example.org');
    const stored = await h.db.pool.query<{ password_hash: string | null }>(
      'SELECT password_hash FROM users WHERE id = $1',
      [user?.id],
    );
    expect(stored.rows[0]?.password_hash).toBeNull();
    expect(await auditOf('create')).toContainEqual({
      actor: 'user:alice.rivera@example.org',
      resource: 'user',
      detail: { source: 'oidc', groups: ['adt-nav', 'north-nurses'], role: 'navigator', teams: ['north'] },
    });
    expect(await auditOf('sign_in')).toContainEqual({
      actor: 'user:alice.rivera@example.org',
      resource: 'session',
      detail: { method: 'oidc', groups: ['adt-nav', 'north-nurses'] },
    });
  });

  it('finds the same account at the next sign-in, and follows a change of groups', async () => {
    const before = await findUserByUsername(h.db.pool, 'alice.rivera@example.org');
    const again = await signInThroughProvider('sub-alice');
    expect(again.answer.headers.location).toBe('/sign-in?next=%2F');
    expect((await session(again.cookie)).user).toMatchObject({ role: 'navigator', teams: ['north'] });

    // The email changed at the provider: the account is found by issuer and subject.
    const alice = provider.accounts.get('sub-alice');
    if (!alice) throw new Error('no alice');
    alice.email = 'alice.rivera-lee@example.org';
    alice.groups = ['adt-admins'];
    const promoted = await signInThroughProvider('sub-alice');
    expect((await session(promoted.cookie)).user).toMatchObject({
      role: 'admin',
      teams: [],
      actor: 'user:alice.rivera@example.org',
    });
    const after = await findUserByUsername(h.db.pool, 'alice.rivera@example.org');
    expect(after?.id).toBe(before?.id);
    const users = await h.db.pool.query('SELECT 1 FROM users WHERE username LIKE $1', ['alice%']);
    expect(users.rowCount).toBe(1);
    expect(await auditOf('update')).toContainEqual({
      actor: 'user:alice.rivera@example.org',
      resource: 'user',
      detail: { source: 'oidc', groups: ['adt-admins'], role: 'admin', teams: [] },
    });
  });

  it('refuses someone else who now holds the username claim of a linked account', async () => {
    // Alice's old email, given to another person at the provider after she changed hers.
    provider.accounts.set('sub-eve', {
      email: 'alice.rivera@example.org',
      name: 'Eve',
      groups: ['adt-admins'],
    });
    const { answer, cookie } = await signInThroughProvider('sub-eve');
    expect(answer.headers.location).toBe('/sign-in?error=username_taken');
    expect(cookie).not.toMatch(/adt_session=/);
    expect((await findUserByUsername(h.db.pool, 'alice.rivera@example.org'))?.displayName).toBe(
      'Alice Rivera, RN',
    );
  });

  it('refuses a person whose groups give no role, with a reason the sign-in page explains', async () => {
    const { answer, cookie } = await signInThroughProvider('sub-bob');
    expect(answer.statusCode).toBe(303);
    expect(answer.headers.location).toBe('/sign-in?error=no_role');
    expect(cookie).not.toMatch(/adt_session=/);
    expect(await findUserByUsername(h.db.pool, 'bob@example.org')).toBeNull();
    expect(await auditOf('sign_in_failed')).toContainEqual({
      actor: 'user:bob@example.org',
      resource: 'session',
      detail: { method: 'oidc', reason: 'no_role', groups: [] },
    });
    const page = await h.app.inject({ url: '/assets/js/sign-in-refusals.js' });
    expect(page.body).toContain('no group that gives access to the follow-up inbox');
  });

  it('refuses a navigator without a team group, and an email the provider did not verify', async () => {
    expect((await signInThroughProvider('sub-carol')).answer.headers.location).toBe('/sign-in?error=no_team');
    expect((await signInThroughProvider('sub-dan')).answer.headers.location).toBe(
      '/sign-in?error=unverified_email',
    );
    expect(await findUserByUsername(h.db.pool, 'carol@example.org')).toBeNull();
  });

  it('refuses a disabled account', async () => {
    const alice = await findUserByUsername(h.db.pool, 'alice.rivera@example.org');
    if (!alice) throw new Error('no alice');
    await updateUser(h.db.pool, alice.id, { disabled: true });
    const { answer, cookie } = await signInThroughProvider('sub-alice');
    expect(answer.headers.location).toBe('/sign-in?error=disabled');
    expect(cookie).not.toMatch(/adt_session=/);
    await updateUser(h.db.pool, alice.id, { disabled: false });
  });

  it('refuses a callback from another browser, a replayed one and one with another state', async () => {
    const { callback, startCookie } = await signInThroughProvider('sub-alice');
    const url = `${callback.pathname}${callback.search}`;
    // The code was used once (by the helper): the attempt is gone.
    const replayed = await h.app.inject({ url, headers: { cookie: startCookie } });
    expect(replayed.headers.location).toBe('/sign-in?error=expired');
    const elsewhere = await h.app.inject({ url });
    expect(elsewhere.headers.location).toBe('/sign-in?error=expired');

    const start = await h.app.inject({ url: '/auth/oidc/start' });
    const fresh = await provider.signIn(start.headers.location as string, 'sub-alice');
    fresh.searchParams.set('state', 'not-the-state-sent');
    const forged = await h.app.inject({
      url: `${fresh.pathname}${fresh.search}`,
      headers: { cookie: cookiesAfter(start) },
    });
    expect(forged.headers.location).toBe('/sign-in?error=failed');
    expect(cookiesAfter(forged)).not.toMatch(/adt_session=/);
  });

  it('never sends the browser off the site, whatever next says', async () => {
    const { answer } = await signInThroughProvider('sub-alice', 'https://evil.example/');
    expect(answer.headers.location).toBe('/sign-in?next=https%3A%2F%2Fevil.example%2F');
  });

  it('refuses password sign-in where it is turned off, and tells the page how to sign in', async () => {
    const first = await h.app.inject({ url: '/api/session' });
    const page = first.json<SessionAnswer>();
    expect(page.signIn).toEqual({ password: false, provider: 'Keycloak' });
    const refused = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { cookie: cookiesAfter(first), 'x-csrf-token': page.csrfToken },
      payload: { username: 'alice.rivera@example.org', password: 'correct horse battery staple' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({
      error: 'password_sign_in_off',
      message: 'Password sign-in is turned off here: use "Sign in with Keycloak"',
    });
  });
});

describe('single sign-on: rate limits', () => {
  let provider: TestOidcProvider;
  let h: ApiHarness;

  beforeAll(async () => {
    provider = await startOidcTestProvider({ redirectUri: REDIRECT_URI });
    h = await startApiHarness(
      'oidclimits',
      {
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
        OIDC_REDIRECT_URI: REDIRECT_URI,
      },
      { rateLimits: { signInPerMinute: 2, apiPerMinute: 1000 } },
    );
  });

  afterAll(async () => {
    await h.close();
    await provider.stop();
  });

  it('counts the starts and callbacks from one address like password sign-ins', async () => {
    const starts = [];
    for (let i = 0; i < 3; i += 1) starts.push((await h.app.inject({ url: '/auth/oidc/start' })).statusCode);
    expect(starts).toEqual([303, 303, 429]);
    const callbacks = [];
    for (let i = 0; i < 3; i += 1) {
      callbacks.push((await h.app.inject({ url: '/auth/oidc/callback?code=x&state=y' })).statusCode);
    }
    expect(callbacks).toEqual([303, 303, 429]);
    // Password sign-in stays on (PASSWORD_SIGN_IN defaults to true) beside the provider.
    expect((await h.app.inject({ url: '/api/session' })).json<SessionAnswer>().signIn).toEqual({
      password: true,
      provider: 'SSO',
    });
  });
});
