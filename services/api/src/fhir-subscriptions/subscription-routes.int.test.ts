import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserToken, startApiHarness, type ApiHarness } from '../testing/api-harness.js';

const DISCHARGE = 'http://adt-followup/SubscriptionTopic/encounter-discharge';
const PAYLOAD = 'http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-payload-content';

function subscription(change: Record<string, unknown> = {}, channel: Record<string, unknown> = {}) {
  return {
    resourceType: 'Subscription',
    status: 'requested',
    reason: 'Discharges of our attributed patients',
    criteria: DISCHARGE,
    channel: {
      type: 'rest-hook',
      endpoint: 'https://93.184.216.34/fhir/notify',
      payload: 'application/fhir+json',
      _payload: { extension: [{ url: PAYLOAD, valueCode: 'id-only' }] },
      header: ['Authorization: Bearer ehr-secret-token'],
      ...channel,
    },
    ...change,
  };
}

describe('FHIR R4 Subscriptions (Backport IG)', () => {
  let h: ApiHarness;
  let admin: string;
  let navigator: string;

  beforeAll(async () => {
    h = await startApiHarness('fhirsubs');
    admin = await createUserToken(h.db.pool, { role: 'admin', team: null, name: 'admin' });
    navigator = await createUserToken(h.db.pool, { role: 'navigator', team: 'north', name: 'nav' });
  });

  afterAll(async () => {
    await h.close();
  });

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, token: string, body?: object) =>
    h.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/fhir+json' } : {}),
      },
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });

  it('accepts a topic-based rest-hook subscription, reads it back active and hides header values', async () => {
    const created = await call('POST', '/fhir/R4/Subscription', admin, subscription());
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers['content-type']).toMatch(/application\/fhir\+json/);
    const resource = created.json<{ id: string; status: string; channel: { header: string[] } }>();
    expect(resource.status).toBe('active');
    expect(resource.channel.header).toEqual(['Authorization: ***']);
    expect(created.body).not.toContain('ehr-secret-token');
    expect(created.headers.location).toMatch(new RegExp(`/fhir/R4/Subscription/${resource.id}$`));

    const read = await call('GET', `/fhir/R4/Subscription/${resource.id}`, admin);
    expect(read.statusCode).toBe(200);
    expect(read.json<{ criteria: string }>().criteria).toBe(DISCHARGE);
    const search = await call('GET', '/fhir/R4/Subscription', admin);
    expect(search.json<{ type: string; total: number }>()).toMatchObject({ type: 'searchset', total: 1 });
    // Webhook subscriptions are listed apart.
    const webhooks = await call('GET', '/api/subscriptions', admin);
    expect(webhooks.json<{ items: unknown[] }>().items).toEqual([]);

    expect((await call('DELETE', `/fhir/R4/Subscription/${resource.id}`, admin)).statusCode).toBe(204);
    expect((await call('GET', `/fhir/R4/Subscription/${resource.id}`, admin)).statusCode).toBe(404);
    const stored = await h.db.pool.query<{ fhir_headers: string[] }>(
      'SELECT fhir_headers FROM webhook_subscriptions WHERE id = $1',
      [resource.id],
    );
    expect(stored.rows[0]?.fhir_headers).toEqual([]);
  });

  it.each([
    [subscription({ criteria: 'Encounter?status=finished' }), /criteria: must be one of the topics/],
    [subscription({}, { type: 'websocket' }), /rest-hook/],
    [subscription({}, { endpoint: 'http://93.184.216.34/notify' }), /receiver URL must be an https URL/],
    [subscription({}, { endpoint: 'https://10.0.0.8/notify' }), /non-public/],
    [
      subscription({}, { _payload: { extension: [{ url: PAYLOAD, valueCode: 'full-resource' }] } }),
      /id-only or empty/,
    ],
    [{ resourceType: 'Patient' }, /resourceType/],
  ])('refuses an unsupported or unsafe subscription with an OperationOutcome (%#)', async (body, message) => {
    const response = await call('POST', '/fhir/R4/Subscription', admin, body);
    expect(response.statusCode, response.body).toBe(400);
    const outcome = response.json<{ resourceType: string; issue: { diagnostics: string }[] }>();
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue[0]?.diagnostics).toMatch(message);
  });

  it('refuses a body that is not JSON with an OperationOutcome', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/fhir/R4/Subscription',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/fhir+json' },
      payload: '{"resourceType": "Subscription",',
    });
    expect(response.statusCode, response.body).toBe(400);
    const outcome = response.json<{ resourceType: string; issue: { code: string; diagnostics: string }[] }>();
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue[0]?.code).toBe('invalid');
    expect(outcome.issue[0]?.diagnostics).toMatch(/not valid JSON/);
  });

  it('is for admins', async () => {
    expect((await call('POST', '/fhir/R4/Subscription', navigator, subscription())).statusCode).toBe(403);
    expect((await call('GET', '/fhir/R4/Subscription', navigator)).statusCode).toBe(403);
    const anonymous = await h.app.inject({ url: '/fhir/R4/Subscription' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json<{ resourceType: string }>().resourceType).toBe('OperationOutcome');
  });
});
