import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADT_EVENTS_QUEUE,
  createAdtEventsQueue,
  createProducerConnection,
  enqueueMessages,
  type ApplyMessageJob,
  type Queue,
  type Redis,
} from '@adt/queue';
import {
  addUser,
  createUserToken,
  seedFollowUp,
  startApiHarness,
  type ApiHarness,
} from './testing/api-harness.js';

const DAY_MS = 24 * 3_600_000;

describe('operations cannot change processing unaudited, and see when it stops', () => {
  let h: ApiHarness;
  let redis: Redis;
  let queue: Queue<ApplyMessageJob>;
  const tokens = { ops: '', admin: '', navigator: '' };

  beforeAll(async () => {
    h = await startApiHarness('opshardening');
    redis = createProducerConnection(h.config.redisUrl);
    queue = createAdtEventsQueue({ connection: redis, prefix: h.config.queuePrefix });
    tokens.ops = await createUserToken(h.db.pool, { role: 'ops', team: null, name: 'oh-ops' });
    tokens.admin = await createUserToken(h.db.pool, { role: 'admin', team: null, name: 'oh-admin' });
    tokens.navigator = await createUserToken(h.db.pool, { role: 'navigator', team: 'north', name: 'oh-nav' });
    await addUser(h, { username: 'oh-nav', role: 'navigator', teams: ['north'] });
  });

  afterAll(async () => {
    await queue.close();
    redis.disconnect();
    await h.close();
  });

  const as = (who: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[who]}` });
  const base = `/ops/queues/api/queues/${ADT_EVENTS_QUEUE}`;

  describe('the queue dashboard is read-only', () => {
    it.each([
      ['PUT', `${base}/pause`],
      ['PUT', '/ops/queues/api/queues/pause'],
      ['PUT', `${base}/empty`],
      ['PUT', `${base}/obliterate`],
      ['PUT', `${base}/clean/completed`],
      ['PUT', `${base}/retry/failed`],
      ['PUT', `${base}/promote`],
      ['POST', `${base}/add`],
      ['PUT', `${base}/m1/retry`],
      ['PATCH', `${base}/m1/update-data`],
    ] as const)('refuses %s %s with 405 and leaves the queue as it was', async (method, url) => {
      await enqueueMessages(queue, ['1'], { attempts: 1 });
      const before = await queue.getJobCounts();
      const response = await h.app.inject({
        method,
        url,
        headers: as('admin'),
        payload: { name: 'apply-message', data: { messageId: '999' } },
      });
      expect(response.statusCode).toBe(405);
      expect(response.json()).toMatchObject({ error: 'read_only' });
      expect(await queue.isPaused()).toBe(false);
      expect(await queue.getJobCounts()).toEqual(before);
    });

    it('still shows the queue, marked read-only', async () => {
      const response = await h.app.inject({ url: '/ops/queues/api/queues', headers: as('ops') });
      expect(response.statusCode).toBe(200);
      const queues = response.json<{ queues: { name: string; readOnlyMode: boolean }[] }>().queues;
      expect(queues.find((q) => q.name === ADT_EVENTS_QUEUE)?.readOnlyMode).toBe(true);
    });
  });

  it('is not ready while the queue is paused, says why, and resumes through the audited API', async () => {
    await queue.pause();
    try {
      const paused = await h.app.inject({ url: '/readyz' });
      expect(paused.statusCode).toBe(503);
      expect(paused.json()).toMatchObject({
        status: 'not_ready',
        checks: { postgres: true, redis: true, queue: false },
        reasons: { queue: expect.stringContaining('paused') as unknown },
      });
      expect(
        (await h.app.inject({ method: 'POST', url: '/api/ops/queue/resume', headers: as('navigator') }))
          .statusCode,
      ).toBe(403);
      const resumed = await h.app.inject({
        method: 'POST',
        url: '/api/ops/queue/resume',
        headers: as('ops'),
      });
      expect(resumed.statusCode).toBe(200);
      expect(resumed.json()).toEqual({ queue: ADT_EVENTS_QUEUE, paused: false });
      expect(await queue.isPaused()).toBe(false);
      expect((await h.app.inject({ url: '/readyz' })).statusCode).toBe(200);
      const audit = await h.db.pool.query<{ actor: string; detail: unknown }>(
        "SELECT actor, detail FROM audit_log WHERE action = 'update' AND resource = 'queue'",
      );
      expect(audit.rows).toEqual([
        { actor: expect.stringMatching(/^ops:oh-ops#/) as unknown, detail: { resumed: true } },
      ]);
    } finally {
      await queue.resume();
    }
  });

  it('serves /metrics on the API port to ops and admins only', async () => {
    expect((await h.app.inject({ url: '/metrics' })).statusCode).toBe(401);
    expect((await h.app.inject({ url: '/metrics', headers: as('navigator') })).statusCode).toBe(403);
    const metrics = await h.app.inject({ url: '/metrics', headers: as('ops') });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('adt_dependency_up');
    // Health stays open: load balancers and container checks call it without credentials.
    expect((await h.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  it('audit-logs refusals and reads of the audit log itself', async () => {
    expect(
      (await h.app.inject({ url: '/api/messages?mrn=SECRET', headers: as('navigator') })).statusCode,
    ).toBe(403);
    expect((await h.app.inject({ url: '/api/audit?actor=x', headers: as('admin') })).statusCode).toBe(200);
    const rows = await h.db.pool.query<{
      actor: string;
      action: string;
      resource: string;
      resource_id: string | null;
    }>(
      `SELECT actor, action, resource, resource_id FROM audit_log
        WHERE action = 'denied' OR resource = 'audit_log' ORDER BY id`,
    );
    expect(rows.rows).toEqual(
      expect.arrayContaining([
        {
          actor: expect.stringMatching(/^navigator:oh-nav#/) as unknown,
          action: 'denied',
          resource: 'route',
          resource_id: 'GET /api/messages',
        },
        {
          actor: expect.stringMatching(/^admin:oh-admin#/) as unknown,
          action: 'list',
          resource: 'audit_log',
          resource_id: null,
        },
      ]),
    );
    // The route pattern is kept, never the URL with its query.
    expect(JSON.stringify(rows.rows)).not.toContain('SECRET');
  });

  it("accepts a care action's time from the follow-up's event to five minutes from now", async () => {
    const followUpId = await seedFollowUp(h.db, { mrn: 'OH-1', team: 'north', dueAt: new Date() });
    const dischargedAt = new Date(Date.now() - 2 * DAY_MS);
    await h.db.pool.query(
      `UPDATE encounters SET discharged_at = $2
        WHERE id = (SELECT encounter_id FROM follow_ups WHERE id = $1)`,
      [followUpId, dischargedAt],
    );
    await h.db.pool.query('UPDATE follow_ups SET created_at = $2 WHERE id = $1', [followUpId, dischargedAt]);
    const act = (at: Date) =>
      h.app.inject({
        method: 'POST',
        url: `/api/follow-ups/${followUpId}/actions`,
        headers: as('navigator'),
        payload: { type: 'note', note: 'called', at: at.toISOString() },
      });
    expect((await act(new Date(Date.now() - DAY_MS))).statusCode).toBe(201);
    expect((await act(new Date(Date.now() + 2 * 60_000))).statusCode).toBe(201);
    const early = await act(new Date(dischargedAt.getTime() - 60_000));
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({ error: 'bad_action_time' });
    const future = await act(new Date(Date.now() + 10 * 60_000));
    expect(future.statusCode).toBe(400);
    expect(future.json<{ message: string }>().message).toContain('now plus 5 minutes');
    expect((await act(new Date('3026-01-01T00:00:00Z'))).statusCode).toBe(400);
  });
});
