import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeInboundMessage } from '@adt/db';
import type { TestDatabase } from '@adt/testing';
import { createUserToken, seedFollowUp, startApiHarness, type ApiHarness } from './testing/api-harness.js';

type Who = 'none' | 'navigator' | 'ops' | 'admin' | 'otherNavigator';

describe('API', () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let h: ApiHarness;
  const tokens: Partial<Record<Who, string>> = {};
  let followUpId = '';
  let messageId = '';

  beforeAll(async () => {
    h = await startApiHarness('api');
    db = h.db;
    app = h.app;
    tokens.navigator = await createUserToken(db.pool, { role: 'navigator', team: 'north', name: 'nav' });
    tokens.otherNavigator = await createUserToken(db.pool, {
      role: 'navigator',
      team: 'south',
      name: 'nav2',
    });
    tokens.ops = await createUserToken(db.pool, { role: 'ops', team: null, name: 'ops' });
    tokens.admin = await createUserToken(db.pool, { role: 'admin', team: null, name: 'admin' });
    followUpId = await seedFollowUp(db, {
      mrn: 'M-OVERDUE',
      team: 'north',
      dueAt: new Date(Date.now() - 86_400_000),
    });
    await seedFollowUp(db, {
      mrn: 'M-LATER',
      team: 'north',
      dueAt: new Date(Date.now() + 3 * 86_400_000),
      priority: 'high',
    });
    await seedFollowUp(db, { mrn: 'M-SOON', team: 'north', dueAt: new Date(Date.now() + 86_400_000) });
    await seedFollowUp(db, { mrn: 'M-SOUTH', team: 'south', dueAt: new Date(Date.now() + 86_400_000) });
    const stored = await storeInboundMessage(db.pool, {
      raw: Buffer.from('MSH|^~\\&|EPIC|GENERAL_HOSP|||20261118||ADT^A03|X1|P|2.5.1'),
      contentHash: Buffer.from('x1'),
      peerAddress: '127.0.0.1',
      sendingApplication: 'EPIC',
      sendingFacility: 'GENERAL_HOSP',
      controlId: 'X1',
      messageType: 'ADT^A03',
      versionId: '2.5.1',
      ackCode: 'AA',
    });
    messageId = stored.id;
    await db.pool.query(
      "UPDATE inbound_messages SET status = 'failed', status_reason = 'test failure' WHERE id = $1",
      [messageId],
    );
  });

  afterAll(async () => {
    await h.close();
  });

  function inject(who: Who, method: 'GET' | 'POST', url: string, payload?: object) {
    const token = who === 'none' ? undefined : tokens[who];
    return app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  }

  // The full route × caller matrix is in auth-matrix.int.test.ts.

  it("lists the navigator's team only: overdue first, then by due time", async () => {
    const response = await inject('navigator', 'GET', '/api/worklist');
    const body = response.json<{ items: { patient: { mrn: string }; team: string }[] }>();
    expect(body.items.map((f) => f.patient.mrn)).toEqual(['M-OVERDUE', 'M-SOON', 'M-LATER']);
    expect(new Set(body.items.map((f) => f.team))).toEqual(new Set(['north']));
    const other = await inject('otherNavigator', 'GET', '/api/worklist?team=north');
    expect(other.statusCode).toBe(403);
  });

  it('pages with an opaque cursor', async () => {
    const first = (await inject('navigator', 'GET', '/api/worklist?limit=2')).json<{
      items: { id: string }[];
      nextCursor: string;
    }>();
    expect(first.items).toHaveLength(2);
    const second = (
      await inject('navigator', 'GET', `/api/worklist?limit=2&cursor=${first.nextCursor}`)
    ).json<{ items: { id: string }[]; nextCursor: string | null }>();
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect((await inject('navigator', 'GET', '/api/worklist?cursor=garbage')).statusCode).toBe(400);
  });

  it('exports the worklist as CSV in list order', async () => {
    const csv = await app.inject({
      url: '/api/worklist',
      headers: { authorization: `Bearer ${tokens.navigator ?? ''}`, accept: 'text/csv' },
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toMatch(/^Follow-up id,Kind,Status/);
    expect(lines.slice(1).map((l) => l.split(',')[6])).toEqual(['M-OVERDUE', 'M-SOON', 'M-LATER']);
  });

  it('appends actions, moves the follow-up to in progress, closes it, then refuses more', async () => {
    const attempt = await inject('navigator', 'POST', `/api/follow-ups/${followUpId}/actions`, {
      type: 'contact_attempt',
      outcome: 'no_answer',
    });
    expect(attempt.statusCode).toBe(201);
    const detail = (await inject('navigator', 'GET', `/api/follow-ups/${followUpId}`)).json<{
      status: string;
      actions: { type: string }[];
    }>();
    expect(detail.status).toBe('in_progress');
    expect(detail.actions.map((a) => a.type)).toContain('contact_attempt');

    expect(
      (
        await inject('navigator', 'POST', `/api/follow-ups/${followUpId}/actions`, {
          type: 'close',
          outcome: 'reached',
        })
      ).statusCode,
    ).toBe(201);
    const closed = await inject('navigator', 'POST', `/api/follow-ups/${followUpId}/actions`, {
      type: 'note',
      note: 'late note',
    });
    expect(closed.statusCode).toBe(409);
    const list = (await inject('navigator', 'GET', '/api/worklist')).json<{ items: { id: string }[] }>();
    expect(list.items.map((f) => f.id)).not.toContain(followUpId);
  });

  it('never edits the action log in place', async () => {
    await expect(db.pool.query("UPDATE care_actions SET note = 'changed'")).rejects.toThrow(/append-only/);
    await expect(db.pool.query('DELETE FROM care_actions')).rejects.toThrow(/append-only/);
  });

  it('answers 400 with a message for a bad action', async () => {
    const response = await inject('navigator', 'POST', `/api/follow-ups/${followUpId}/actions`, {
      type: 'teleport',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ message: string }>().message).toContain('Invalid request');
  });

  it('records an audit entry for list, detail and export reads', async () => {
    expect((await inject('ops', 'GET', `/api/messages/${messageId}`)).statusCode).toBe(200);
    const result = await db.pool.query<{ action: string; resource: string }>(
      'SELECT DISTINCT action, resource FROM audit_log',
    );
    const seen = result.rows.map((r) => `${r.action}:${r.resource}`);
    expect(seen).toEqual(
      expect.arrayContaining(['list:worklist', 'read:follow_up', 'export:worklist', 'read:message']),
    );
  });

  it('replays a failed message for ops and reports it', async () => {
    const response = await inject('ops', 'POST', `/api/messages/${messageId}/replay`);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ replayed: [messageId] });
    const again = await inject('ops', 'POST', `/api/messages/${messageId}/replay`);
    expect(again.statusCode).toBe(202);
  });

  it('serves health, metrics and the OpenAPI document', async () => {
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/readyz' })).json()).toMatchObject({ status: 'ready' });
    const metrics = await app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${tokens.ops ?? ''}` },
    });
    expect(metrics.body).toContain('process_cpu_user_seconds_total');
    const openapi = await app.inject({ url: '/docs/json' });
    expect(openapi.statusCode).toBe(200);
    expect(Object.keys(openapi.json<{ paths: object }>().paths)).toEqual(
      expect.arrayContaining(['/api/worklist', '/api/follow-ups/{id}/actions']),
    );
  });
});
