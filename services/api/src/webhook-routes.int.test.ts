import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserToken, seedFollowUp, startApiHarness, type ApiHarness } from './testing/api-harness.js';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
// A public address literal: no DNS needed, and nothing is sent by these tests.
const PUBLIC_URL = 'https://93.184.216.34/hooks/adt';

describe('webhook subscriptions API', () => {
  let h: ApiHarness;
  let admin: string;
  let ops: string;

  beforeAll(async () => {
    h = await startApiHarness('webhookapi');
    admin = await createUserToken(h.db.pool, { role: 'admin', team: null, name: 'admin' });
    ops = await createUserToken(h.db.pool, { role: 'ops', team: null, name: 'ops' });
  });

  afterAll(async () => {
    await h.close();
  });

  const post = (body: object, token = admin) =>
    h.app.inject({
      method: 'POST',
      url: '/api/subscriptions',
      headers: { authorization: `Bearer ${token}` },
      payload: body,
    });

  it('creates a subscription, lists it with its delivery counts and never returns the secret', async () => {
    const created = await post({
      url: PUBLIC_URL,
      events: ['follow_up.created', 'encounter.discharged'],
      secret,
      filter: { facility: 'GENERAL_HOSP', kind: ['discharge'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.body).not.toContain(secret.slice(6));
    const subscription = created.json<{ id: string; filter: object }>();
    expect(subscription.filter).toEqual({ facility: ['GENERAL_HOSP'], team: [], kind: ['discharge'] });

    const listed = await h.app.inject({
      url: '/api/subscriptions',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(secret.slice(6));
    const items = listed.json<{ items: { id: string; deliveries: { pending: number } }[] }>().items;
    expect(items.map((item) => [item.id, item.deliveries.pending])).toEqual([[subscription.id, 0]]);

    const deleted = await h.app.inject({
      method: 'DELETE',
      url: `/api/subscriptions/${subscription.id}`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(deleted.statusCode).toBe(200);
    const stored = await h.db.pool.query<{ secret: string }>(
      'SELECT secret FROM webhook_subscriptions WHERE id = $1',
      [subscription.id],
    );
    expect(stored.rows[0]?.secret).toBe('');
    const after = await h.app.inject({
      url: '/api/subscriptions',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(after.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it.each([
    [{ url: 'http://93.184.216.34/hook' }, /receiver URL must be an https URL/],
    [{ url: 'https://127.0.0.1/hook' }, /receiver URL resolves to 127\.0\.0\.1, a loopback, private/],
    [{ url: 'https://169.254.169.254/latest' }, /non-public/],
    [{ url: 'https://[fd00::1]/hook' }, /non-public/],
    [{ url: 'not a url' }, /absolute URL/],
    [{ secret: 'plain-text-secret' }, /secret must start with whsec_/],
    [{ secret: `whsec_${randomBytes(8).toString('base64')}` }, /24 to 64 bytes/],
    [{ events: ['follow_up.exploded'] }, /events/],
    [{ events: [] }, /events/],
    [{ filter: { ward: 'x' } }, /filter/],
    [{ filter: { kind: 'inpatient' } }, /kind/],
  ])('refuses %j with a 400 that says why', async (change, message) => {
    const response = await post({ url: PUBLIC_URL, events: ['follow_up.created'], secret, ...change });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json<{ message: string }>().message).toMatch(message);
    // Schema refusals are bad requests; a refused receiver is the domain's own code.
    expect(response.json<{ error: string }>().error).toBe(
      'url' in change ? 'invalid_receiver' : 'bad_request',
    );
  });

  it('serves the webhooks page to ops and admins, not to navigators', async () => {
    const navigator = await createUserToken(h.db.pool, { role: 'navigator', team: 'north', name: 'nav' });
    const page = (token: string) =>
      h.app.inject({ url: '/webhooks', headers: { authorization: `Bearer ${token}` } });
    const shown = await page(ops);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('/assets/js/webhooks.js');
    expect((await page(admin)).statusCode).toBe(200);
    expect((await page(navigator)).statusCode).toBe(403);
  });

  it('is for admins; ops see deliveries and redeliver them', async () => {
    expect((await post({ url: PUBLIC_URL, events: ['follow_up.created'], secret }, ops)).statusCode).toBe(
      403,
    );
    const created = await post({ url: PUBLIC_URL, events: ['follow_up.created'], secret });
    const { id: subscriptionId } = created.json<{ id: string }>();
    // A follow-up made after the subscription produces one outbox event; fan it out by hand.
    await seedFollowUp(h.db, { mrn: 'M-HOOK', team: 'north', dueAt: new Date(Date.now() + 86_400_000) });
    const events = await h.db.pool.query<{ id: string }>(
      `SELECT id::text FROM webhook_events WHERE type = 'follow_up.created'`,
    );
    expect(events.rowCount).toBe(1);
    const delivery = await h.db.pool.query<{ id: string }>(
      `INSERT INTO webhook_deliveries (subscription_id, event_id, order_key, status, attempts, last_error)
       SELECT $1, id, patient_id, 'dead', 24, 'could not connect: ECONNREFUSED' FROM webhook_events
       RETURNING id::text`,
      [subscriptionId],
    );
    const deliveryId = delivery.rows[0]?.id ?? '';

    const listed = await h.app.inject({
      url: `/api/webhook-deliveries?status=dead&subscriptionId=${subscriptionId}`,
      headers: { authorization: `Bearer ${ops}` },
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ items: { id: string; type: string }[] }>().items).toEqual([
      expect.objectContaining({ id: deliveryId, type: 'follow_up.created', status: 'dead' }),
    ]);

    const redelivered = await h.app.inject({
      method: 'POST',
      url: `/api/webhook-deliveries/${deliveryId}/redeliver`,
      headers: { authorization: `Bearer ${ops}` },
    });
    expect(redelivered.statusCode).toBe(200);
    expect(redelivered.json<{ status: string }>().status).toBe('pending');
    const generation = await h.db.pool.query<{ generation: number }>(
      'SELECT generation FROM webhook_deliveries WHERE id = $1',
      [deliveryId],
    );
    expect(generation.rows[0]?.generation).toBe(1);
    const missing = await h.app.inject({
      method: 'POST',
      url: '/api/webhook-deliveries/999999/redeliver',
      headers: { authorization: `Bearer ${ops}` },
    });
    expect(missing.statusCode).toBe(404);
  });
});
