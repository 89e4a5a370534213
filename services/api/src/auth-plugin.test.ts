import Fastify, { type FastifyInstance } from 'fastify';
import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { registerAuthentication } from './auth-plugin.js';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

/** A pool that counts lookups and knows one token, owned by an ops user. */
function countingPool(): { pool: pg.Pool; lookups: () => number } {
  let lookups = 0;
  const pool = {
    query: () => {
      lookups += 1;
      return Promise.resolve({
        rows: [{ id: '7', name: 'nightly', user_id: '3', username: 'ops1', role: 'ops', teams: [] }],
        rowCount: 1,
      });
    },
  };
  return { pool: pool as unknown as pg.Pool, lookups: () => lookups };
}

async function appWith(pool: pg.Pool): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify();
  apps.push(app);
  registerAuthentication(app, { pool, sessionIdleTimeoutMs: 60_000 });
  app.get('/api/whoami', async (request) => {
    // A second ask within the request must not look the caller up again.
    const again = await request.authenticate();
    return { same: again === request.principal, actor: request.principal?.actor ?? null };
  });
  app.get('/page', async (request) => ({ before: request.principal, after: await request.authenticate() }));
  await app.ready();
  return app;
}

describe('registerAuthentication', () => {
  it('resolves the caller of an API route once and keeps it on the request', async () => {
    const { pool, lookups } = countingPool();
    const app = await appWith(pool);
    const response = await app.inject({
      url: '/api/whoami',
      headers: { authorization: 'Bearer adt_secret' },
    });
    expect(response.json()).toEqual({ same: true, actor: 'ops:nightly#7' });
    expect(lookups()).toBe(1);
  });

  it('resolves a page caller only when asked', async () => {
    const { pool, lookups } = countingPool();
    const app = await appWith(pool);
    const response = await app.inject({ url: '/page', headers: { authorization: 'Bearer adt_secret' } });
    expect(response.json()).toMatchObject({ before: null, after: { kind: 'token', role: 'ops' } });
    expect(lookups()).toBe(1);
  });
});
