import { afterAll, describe, expect, it } from 'vitest';
import { testQueuePrefix } from '@adt/testing';
import { DEFAULT_RATE_LIMITS } from './rate-limits.js';
import { type ApiHarness, cookiesAfter, startApiHarness } from './testing/api-harness.js';

async function signInStatus(h: ApiHarness): Promise<number> {
  const first = await h.app.inject({ url: '/api/session' });
  const response = await h.app.inject({
    method: 'POST',
    url: '/api/session',
    headers: { cookie: cookiesAfter(first), 'x-csrf-token': first.json<{ csrfToken: string }>().csrfToken },
    payload: { username: 'nobody', password: 'guess' },
  });
  return response.statusCode;
}

describe('rate limits across API processes', () => {
  const harnesses: ApiHarness[] = [];

  const unreachable: ApiHarness[] = [];

  afterAll(async () => {
    for (const h of harnesses) await h.close();
    // Emptying the queue of an unreachable Redis would wait for it forever: the app and the
    // database are closed without it.
    for (const h of unreachable) {
      await h.app.close();
      await h.db.drop();
    }
  });

  it('counts in Redis: two APIs of one installation share one sign-in budget', async () => {
    const prefix = testQueuePrefix('ratelimitshared');
    const first = await startApiHarness(
      'ratelimita',
      { QUEUE_PREFIX: prefix },
      { rateLimits: DEFAULT_RATE_LIMITS },
    );
    harnesses.push(first);
    const second = await startApiHarness(
      'ratelimitb',
      { QUEUE_PREFIX: prefix },
      { rateLimits: DEFAULT_RATE_LIMITS },
    );
    harnesses.push(second);
    const other = await startApiHarness('ratelimitc', {}, { rateLimits: DEFAULT_RATE_LIMITS });
    harnesses.push(other);

    const statuses: number[] = [];
    for (let i = 0; i < DEFAULT_RATE_LIMITS.signInPerMinute; i += 1) {
      statuses.push(await signInStatus(i % 2 === 0 ? first : second));
    }
    expect(statuses).toEqual(Array(DEFAULT_RATE_LIMITS.signInPerMinute).fill(401));
    // Five attempts each, ten together: both refuse the next one.
    expect(await signInStatus(first)).toBe(429);
    expect(await signInStatus(second)).toBe(429);
    // Another installation (another QUEUE_PREFIX) on the same Redis has its own budget.
    expect(await signInStatus(other)).toBe(401);
  });

  it('lets requests through while Redis does not answer', async () => {
    const h = await startApiHarness(
      'ratelimitdown',
      { REDIS_URL: 'redis://127.0.0.1:1' },
      { rateLimits: DEFAULT_RATE_LIMITS },
    );
    unreachable.push(h);
    expect((await h.app.inject({ url: '/api/session' })).statusCode).toBe(200);
    expect(await signInStatus(h)).toBe(401);
  });
});
