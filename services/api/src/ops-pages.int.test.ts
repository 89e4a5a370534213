import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markMessageFailed, storeInboundMessage } from '@adt/db';
import { ADT_EVENTS_QUEUE } from '@adt/queue';
import {
  addUser,
  type ApiHarness,
  type BrowserSession,
  createUserToken,
  signIn,
  startApiHarness,
} from './testing/api-harness.js';

type Who = 'none' | 'navigator' | 'ops' | 'admin';

describe('ops pages: /ops and the /ops/queues dashboard', () => {
  let h: ApiHarness;
  const tokens: Partial<Record<Who, string>> = {};
  const sessions: Partial<Record<Who, BrowserSession>> = {};

  beforeAll(async () => {
    h = await startApiHarness('opspages');
    const pool = h.db.pool;
    tokens.navigator = await createUserToken(pool, { role: 'navigator', team: 'north', name: 'nav' });
    tokens.ops = await createUserToken(pool, { role: 'ops', team: null, name: 'ops' });
    tokens.admin = await createUserToken(pool, { role: 'admin', team: null, name: 'admin' });
    await addUser(h, { username: 'nav', role: 'navigator', teams: ['north'] });
    await addUser(h, { username: 'ops', role: 'ops' });
    await addUser(h, { username: 'admin', role: 'admin' });
    sessions.navigator = await signIn(h.app, 'nav');
    sessions.ops = await signIn(h.app, 'ops');
    sessions.admin = await signIn(h.app, 'admin');
  });

  afterAll(async () => {
    await h.close();
  });

  const headers = (who: Who, kind: 'token' | 'session'): Record<string, string> => {
    if (who === 'none') return {};
    if (kind === 'token') return { authorization: `Bearer ${tokens[who] ?? ''}` };
    return { cookie: sessions[who]?.cookie ?? '' };
  };
  const html = { accept: 'text/html,application/xhtml+xml' };

  describe.each(['token', 'session'] as const)('with a %s', (kind) => {
    it.each([
      ['navigator', 403],
      ['ops', 200],
      ['admin', 200],
    ] as const)('/ops as %s → %i', async (who, status) => {
      const response = await h.app.inject({ url: '/ops', headers: { ...html, ...headers(who, kind) } });
      expect(response.statusCode).toBe(status);
      // The ops page keeps the inbox's strict policy: no inline styles or scripts.
      expect(response.headers['content-security-policy']).toContain("style-src 'self';");
      if (status === 200) expect(response.body).toContain('/assets/js/ops.js');
    });

    it.each([
      ['navigator', 403],
      ['ops', 200],
      ['admin', 200],
    ] as const)('/ops/queues as %s → %i', async (who, status) => {
      const page = await h.app.inject({ url: '/ops/queues', headers: { ...html, ...headers(who, kind) } });
      expect(page.statusCode).toBe(status);
      const api = await h.app.inject({ url: '/ops/queues/api/queues', headers: headers(who, kind) });
      expect(api.statusCode).toBe(status);
      if (status === 200) {
        expect(page.body).toContain('<base href="/ops/queues/"');
        // The way back to the operations page, visible on the dashboard itself.
        expect(page.body).toMatch(
          /<body[^>]*><nav aria-label="Product"[^>]*><a href="\/ops" id="adt-back-to-ops"/,
        );
        expect(page.body).toContain('Back to Operations');
        const queues = api.json<{ queues: { name: string }[] }>().queues.map((q) => q.name);
        expect(queues).toEqual([ADT_EVENTS_QUEUE]);
      }
    });
  });

  it('sends operations staff from the worklist address (where sign-in lands) to the operations page', async () => {
    const ops = await h.app.inject({ url: '/', headers: { ...html, ...headers('ops', 'session') } });
    expect(ops.statusCode).toBe(303);
    expect(ops.headers.location).toBe('/ops');
    for (const who of ['navigator', 'admin'] as const) {
      const worklist = await h.app.inject({ url: '/', headers: { ...html, ...headers(who, 'session') } });
      expect(worklist.statusCode).toBe(200);
    }
  });

  it('sends a person without a session to sign in, and a script to 401', async () => {
    for (const url of ['/ops', '/ops/queues']) {
      const page = await h.app.inject({ url, headers: html });
      expect(page.statusCode).toBe(303);
      expect(page.headers.location).toBe(`/sign-in?next=${encodeURIComponent(url)}`);
    }
    const api = await h.app.inject({ url: '/ops/queues/api/queues' });
    expect(api.statusCode).toBe(401);
    expect(api.json()).toMatchObject({ error: 'unauthenticated' });
  });

  it('relaxes the content policy for the dashboard only, and never for scripts', async () => {
    const dashboard = await h.app.inject({ url: '/ops/queues', headers: headers('ops', 'token') });
    const policy = dashboard.headers['content-security-policy'];
    expect(policy).toContain("style-src 'self' 'unsafe-inline'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("frame-ancestors 'none'");
    const inbox = await h.app.inject({ url: '/sign-in' });
    expect(inbox.headers['content-security-policy']).not.toContain('unsafe-inline');
  });

  it("refuses a dashboard write the browser marks as another site's", async () => {
    const response = await h.app.inject({
      method: 'PUT',
      url: '/ops/queues/api/queues/pause',
      headers: { cookie: sessions.ops?.cookie ?? '', 'sec-fetch-site': 'cross-site' },
    });
    expect(response.statusCode).toBe(405);
    expect(response.json()).toMatchObject({ error: 'read_only' });
  });

  it('filters messages by time and shows a message with its processing history', async () => {
    const raw = Buffer.from(
      'MSH|^~\\&|EPIC|GENERAL_HOSP|||20261118||ADT^A03|HIST1|P|2.5.1\rPID|1||M1^^^H^MR',
    );
    const stored = await storeInboundMessage(h.db.pool, {
      raw,
      contentHash: createHash('sha256').update(raw).digest(),
      peerAddress: null,
      sendingApplication: 'EPIC',
      sendingFacility: 'GENERAL_HOSP',
      controlId: 'HIST1',
      messageType: 'ADT^A03',
      versionId: '2.5.1',
      ackCode: 'AA',
    });
    if (stored.outcome !== 'stored') throw new Error('not stored');
    await h.db.pool.query(
      `UPDATE inbound_messages SET received_at = now() - interval '2 hours' WHERE id = $1`,
      [stored.id],
    );
    await markMessageFailed(h.db.pool, stored.id, 'simulated storage fault');
    const auth = headers('ops', 'token');
    const ids = async (query: string) =>
      (await h.app.inject({ url: `/api/messages?controlId=HIST1&${query}`, headers: auth }))
        .json<{ items: { id: string }[] }>()
        .items.map((m) => m.id);
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const threeHoursAgo = new Date(Date.now() - 3 * 3_600_000).toISOString();
    expect(await ids(`from=${encodeURIComponent(hourAgo)}`)).toEqual([]);
    expect(await ids(`to=${encodeURIComponent(hourAgo)}`)).toEqual([stored.id]);
    expect(await ids(`from=${encodeURIComponent(threeHoursAgo)}&to=${encodeURIComponent(hourAgo)}`)).toEqual([
      stored.id,
    ]);
    expect((await h.app.inject({ url: '/api/messages?from=yesterday', headers: auth })).statusCode).toBe(400);

    const detail = await h.app.inject({ url: `/api/messages/${stored.id}`, headers: auth });
    expect(detail.statusCode).toBe(200);
    const body = detail.json<{ status: string; history: { event: string; detail: string }[] }>();
    expect(body.status).toBe('failed');
    expect(body.history.map((e) => e.event)).toEqual(['received', 'failed']);
    expect(body.history[0]?.detail).toBe('ACK AA from EPIC@GENERAL_HOSP');
    expect(body.history[1]?.detail).toBe('simulated storage fault · 1 failed attempt(s)');
  });
});
