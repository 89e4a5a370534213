import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILED_SIGN_INS } from '@adt/db';
import {
  addUser,
  cookiesAfter,
  signIn,
  startApiHarness,
  TEST_PASSWORD,
  type ApiHarness,
} from './testing/api-harness.js';

describe('sign-in lockout is per username and address, and tells nothing about who exists', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApiHarness('signinlockout', { TRUST_PROXY: 'true' });
    await addUser(h, { username: 'owner', role: 'navigator', teams: ['north'] });
    await addUser(h, { username: 'known', role: 'navigator', teams: ['north'] });
    await addUser(h, { username: 'lock-admin', role: 'admin' });
  });

  afterAll(async () => {
    await h.close();
  });

  async function attempt(address: string, username: string, password: string) {
    const first = await h.app.inject({ url: '/api/session', headers: { 'x-forwarded-for': address } });
    const started = performance.now();
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: {
        'x-forwarded-for': address,
        cookie: cookiesAfter(first),
        'x-csrf-token': first.json<{ csrfToken: string }>().csrfToken,
      },
      payload: { username, password },
    });
    return {
      statusCode: response.statusCode,
      body: response.json<{ error: string; message: string }>(),
      ms: performance.now() - started,
    };
  }

  async function lockOut(address: string, username: string) {
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i += 1) await attempt(address, username, 'not the password');
  }

  it('locks the guessing address out, while the owner signs in from elsewhere', async () => {
    await lockOut('10.30.0.1', 'owner');
    const guesser = await attempt('10.30.0.1', 'owner', TEST_PASSWORD);
    expect(guesser.statusCode).toBe(401);
    expect(guesser.body.error).toBe('locked');
    const owner = await attempt('10.30.0.2', 'owner', TEST_PASSWORD);
    expect(owner.statusCode).toBe(200);
  });

  it('answers a locked known username exactly as a locked unknown one', async () => {
    await lockOut('10.30.0.3', 'known');
    await lockOut('10.30.0.3', 'nobody-here');
    const known = await attempt('10.30.0.3', 'known', 'not the password');
    const unknown = await attempt('10.30.0.3', 'nobody-here', 'not the password');
    expect(known.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const withoutTime = (message: string) => message.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/, '<time>');
    expect({ ...unknown.body, message: withoutTime(unknown.body.message) }).toEqual({
      ...known.body,
      message: withoutTime(known.body.message),
    });
    expect(known.body.error).toBe('locked');
  });

  it('spends a password check on a locked username too, so timing does not tell it apart', async () => {
    await lockOut('10.30.0.4', 'known');
    const times = { locked: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < 3; i += 1) {
      times.locked.push((await attempt('10.30.0.4', 'known', 'not the password')).ms);
      times.unknown.push((await attempt('10.30.0.5', `stranger-${i}`, 'not the password')).ms);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[1] ?? 0;
    // Without the check a locked answer came back some 60 times faster than an unknown one.
    expect(median(times.locked)).toBeGreaterThan(median(times.unknown) / 3);
  });

  it('lifts every lock of an account when an admin sets a new password', async () => {
    await lockOut('10.30.0.6', 'owner');
    expect((await attempt('10.30.0.6', 'owner', TEST_PASSWORD)).body.error).toBe('locked');
    const admin = await signIn(h.app, 'lock-admin');
    const ownerId = (await h.db.pool.query<{ id: string }>("SELECT id FROM users WHERE username = 'owner'"))
      .rows[0]?.id;
    const reset = await h.app.inject({
      method: 'PATCH',
      url: `/api/users/${ownerId}`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
      payload: { password: 'a fresh long password' },
    });
    expect(reset.statusCode).toBe(200);
    expect((await attempt('10.30.0.6', 'owner', 'a fresh long password')).statusCode).toBe(200);
  });

  it('refuses a password of spaces alone', async () => {
    const admin = await signIn(h.app, 'lock-admin');
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken };
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/users',
      headers,
      payload: { username: 'spacey', role: 'ops', password: ' '.repeat(16) },
    });
    expect(created.statusCode).toBe(400);
    expect(created.json()).toMatchObject({ error: 'weak_password' });
    const own = await h.app.inject({
      method: 'POST',
      url: '/api/session/password',
      headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: ' '.repeat(20) },
    });
    expect(own.statusCode).toBe(400);
  });
});
