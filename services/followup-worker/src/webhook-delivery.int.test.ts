import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@adt/config';
import { createFhirSubscription, migrateDatabase, redeliverWebhookDelivery } from '@adt/db';
import { createLogger } from '@adt/logging';
import { createProducerConnection, createWebhookDeliveriesQueue } from '@adt/queue';
import { createTestDatabase, testQueuePrefix, testRedisUrl, type TestDatabase } from '@adt/testing';
import { startFollowupWorker, type RunningWorker } from './followup-worker.js';

const secret = `whsec_${randomBytes(32).toString('base64')}`;

async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Request {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver answering with the status `answer` gives at the time. */
async function startReceiver(
  answer: () => number,
): Promise<{ server: Server; port: number; ids: string[]; requests: Request[] }> {
  const ids: string[] = [];
  const requests: Request[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const status = answer();
      if (status < 300) {
        ids.push(String(request.headers['webhook-id']));
        requests.push({
          url: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      }
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, ids, requests };
}

async function startWorker(label: string, db: TestDatabase, allowPrivate: boolean): Promise<RunningWorker> {
  const config = loadConfig({
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: testQueuePrefix(label),
    WORKER_HTTP_PORT: '0',
    MIGRATE_ON_START: 'false',
    WEBHOOK_ALLOW_PRIVATE: String(allowPrivate),
    WEBHOOK_MAX_ATTEMPTS: '2',
    WEBHOOK_RETRY_FIRST_DELAY_MS: '50',
    WEBHOOK_RETRY_MAX_DELAY_MS: '100',
    WEBHOOK_DISPATCH_INTERVAL_MS: '100',
    WEBHOOK_TIMEOUT_MS: '1000',
  });
  return startFollowupWorker(config, createLogger({ service: `${label}-test`, level: 'silent' }));
}

async function subscribe(db: TestDatabase, url: string, facilities: string[] = []): Promise<string> {
  const result = await db.pool.query<{ id: string }>(
    `INSERT INTO webhook_subscriptions (url, events, secret, facilities, created_by)
     VALUES ($1, '{encounter.discharged}', $2, $3, 'test') RETURNING id::text`,
    [url, secret, facilities],
  );
  return result.rows[0]?.id ?? '';
}

async function event(db: TestDatabase, patientId: number, facility: string | null): Promise<string> {
  const result = await db.pool.query<{ id: string }>(
    `INSERT INTO webhook_events (type, patient_id, facility, data)
     VALUES ('encounter.discharged', $1::bigint, $2, jsonb_build_object('patientId', $1::bigint::text)) RETURNING id::text`,
    [patientId, facility],
  );
  return result.rows[0]?.id ?? '';
}

async function deliveries(db: TestDatabase, subscriptionId: string) {
  const result = await db.pool.query<{
    id: string;
    status: string;
    attempts: number;
    last_error: string | null;
  }>(
    `SELECT id::text, status, attempts, last_error FROM webhook_deliveries WHERE subscription_id = $1 ORDER BY event_id`,
    [subscriptionId],
  );
  return result.rows;
}

async function cleanUp(label: string, worker: RunningWorker, db: TestDatabase): Promise<void> {
  await worker.stop();
  const redis = createProducerConnection(testRedisUrl());
  const queue = createWebhookDeliveriesQueue({ connection: redis, prefix: testQueuePrefix(label) });
  await queue.obliterate({ force: true });
  await queue.close();
  redis.disconnect();
  await db.drop();
}

describe('webhook deliveries without WEBHOOK_ALLOW_PRIVATE', () => {
  let db: TestDatabase;
  let worker: RunningWorker;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'webhookssrf');
    worker = await startWorker('webhookssrf', db, false);
    receiver = await startReceiver(() => 204);
  });

  afterAll(async () => {
    receiver.server.close();
    await cleanUp('webhookssrf', worker, db);
  });

  it('refuses at delivery time a name that resolves to a loopback address, and the chain moves on once it is dead', async () => {
    // Stored as if it had resolved to a public address when subscribed (DNS can change since).
    const subscriptionId = await subscribe(db, `https://localhost:${receiver.port}/hook`);
    await event(db, 1, 'GENERAL_HOSP');
    await event(db, 1, 'GENERAL_HOSP');
    const ended = await waitFor(async () => {
      const rows = await deliveries(db, subscriptionId);
      return rows.length === 2 && rows.every((d) => d.status === 'dead') ? rows : undefined;
    });
    expect(ended.map((d) => d.attempts)).toEqual([2, 2]);
    expect(ended[0]?.last_error).toMatch(/127\.0\.0\.1|::1/);
    expect(ended[0]?.last_error).toMatch(/non-public/);
    expect(receiver.ids).toEqual([]);
  });
});

describe('webhook deliveries: filters, dead letters and redelivery', () => {
  let db: TestDatabase;
  let worker: RunningWorker;
  let status = 500;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'webhookretry');
    worker = await startWorker('webhookretry', db, true);
    receiver = await startReceiver(() => status);
  });

  afterAll(async () => {
    receiver.server.close();
    await cleanUp('webhookretry', worker, db);
  });

  it('delivers only the events the filter matches', async () => {
    status = 204;
    const subscriptionId = await subscribe(db, `http://127.0.0.1:${receiver.port}/hook`, ['NORTH_HOSP']);
    await event(db, 10, 'NORTH_HOSP');
    await event(db, 11, 'SOUTH_HOSP');
    await event(db, 12, null);
    await worker.dispatchWebhooks();
    const rows = await waitFor(async () => {
      const got = await deliveries(db, subscriptionId);
      return got.length === 1 && got[0]?.status === 'delivered' ? got : undefined;
    });
    expect(receiver.ids).toEqual([`msg_${rows[0]?.id ?? ''}`]);
  });

  it('marks a delivery dead after the last attempt and sends it again, with the same webhook-id, on redelivery', async () => {
    status = 500;
    receiver.requests.length = 0;
    const subscriptionId = await subscribe(db, `http://127.0.0.1:${receiver.port}/other`);
    await event(db, 20, 'NORTH_HOSP');
    const [dead] = await waitFor(async () => {
      const rows = await deliveries(db, subscriptionId);
      return rows[0]?.status === 'dead' ? rows : undefined;
    });
    expect(dead).toMatchObject({ attempts: 2, last_error: 'receiver answered 500' });

    status = 204;
    await redeliverWebhookDelivery(db.pool, dead?.id ?? '');
    await waitFor(async () => {
      const rows = await deliveries(db, subscriptionId);
      return rows[0]?.status === 'delivered' ? true : undefined;
    });
    // The first test's subscription (NORTH_HOSP) also takes this event, on /hook, on its own retries.
    const toOther = receiver.requests.filter((r) => r.url === '/other');
    expect(toOther.map((r) => String(r.headers['webhook-id']))).toEqual([`msg_${dead?.id ?? ''}`]);
  });

  it('notifies a FHIR rest-hook with a Backport notification Bundle, id-only, with its channel headers', async () => {
    status = 204;
    receiver.requests.length = 0;
    const topic = 'http://adt-followup/SubscriptionTopic/encounter-discharge';
    const subscription = await createFhirSubscription(db.pool, {
      endpoint: `http://127.0.0.1:${receiver.port}/fhir/notify`,
      events: ['encounter.discharged'],
      topic,
      payload: 'id-only',
      headers: ['Authorization: Bearer ehr-token'],
      base: 'https://followup.example.org/fhir/R4',
      resource: { resourceType: 'Subscription', criteria: topic },
      createdBy: 'test',
    });
    await db.pool.query(
      `INSERT INTO webhook_events (type, patient_id, encounter_id, facility, data)
       VALUES ('encounter.discharged', 30, 77, 'NORTH_HOSP', '{}')`,
    );
    const request = await waitFor(async () =>
      Promise.resolve(receiver.requests.find((r) => r.url === '/fhir/notify')),
    );
    expect(request.headers['content-type']).toBe('application/fhir+json');
    expect(request.headers.authorization).toBe('Bearer ehr-token');
    expect(request.headers['webhook-signature']).toBeUndefined();
    const bundle = JSON.parse(request.body) as {
      type: string;
      entry: { fullUrl: string; resource?: { resourceType: string; parameter: { name: string }[] } }[];
    };
    expect(bundle.type).toBe('history');
    expect(bundle.entry[0]?.resource?.resourceType).toBe('Parameters');
    expect(JSON.stringify(bundle.entry[0])).toContain(
      `"valueReference":{"reference":"https://followup.example.org/fhir/R4/Subscription/${subscription.id}"}`,
    );
    expect(JSON.stringify(bundle.entry[0])).toContain(
      '"name":"events-since-subscription-start","valueString":"1"',
    );
    expect(bundle.entry[1]?.fullUrl).toBe('https://followup.example.org/fhir/R4/Encounter/77');
    expect(bundle.entry[1]?.resource).toBeUndefined();
  });

  it('prunes events past the retention once none of their deliveries is pending', async () => {
    await waitFor(async () => {
      const pending = await db.pool.query(`SELECT 1 FROM webhook_deliveries WHERE status = 'pending'`);
      return pending.rowCount === 0 ? true : undefined;
    });
    const before = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_events');
    await db.pool.query(`UPDATE webhook_events SET occurred_at = now() - interval '400 days'`);
    // One old event still has a pending delivery (of a deleted subscription, so nothing sends it): it stays.
    await db.pool.query(
      `WITH s AS (
         INSERT INTO webhook_subscriptions (url, events, secret, created_by, deleted_at)
         VALUES ('http://127.0.0.1:9/', '{encounter.discharged}', '', 'test', now()) RETURNING id
       )
       INSERT INTO webhook_deliveries (subscription_id, event_id, order_key)
       SELECT s.id, (SELECT min(id) FROM webhook_events), 1 FROM s`,
    );
    await worker.prune();
    const after = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_events');
    expect(before.rows[0]?.n).toBeGreaterThan(1);
    expect(after.rows[0]?.n).toBe(1);
  });
});
