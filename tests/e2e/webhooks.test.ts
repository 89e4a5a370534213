import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { adtMessage, sendHl7 } from './browser-helpers.js';
import { startTestStack, waitFor, type TestStack } from './stack.js';

interface Received {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Delivery {
  id: string;
  type: string;
  timestamp: string;
  data: {
    patientId: string;
    followUpId?: string;
    encounterId?: string;
    event?: string;
    status?: string;
    changes?: string[];
  };
}

const DAY_MS = 86_400_000;

/** A receiver on a fixed port that can be taken down and brought back. */
class Receiver {
  readonly received: Received[] = [];
  private server: Server | null = null;
  port = 0;

  async start(): Promise<void> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.received.push({
          url: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  }
}

describe('webhooks: ADT over MLLP to signed deliveries', () => {
  let stack: TestStack;
  const receiver = new Receiver();
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  let admin: string;
  let navigator: string;

  beforeAll(async () => {
    stack = await startTestStack('webhooks', {
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_DISPATCH_INTERVAL_MS: '100',
      WEBHOOK_RETRY_FIRST_DELAY_MS: '200',
      WEBHOOK_RETRY_MAX_DELAY_MS: '600',
      WEBHOOK_MAX_ATTEMPTS: '100',
      WEBHOOK_TIMEOUT_MS: '2000',
    });
    await receiver.start();
    admin = await stack.token('admin');
    navigator = await stack.token('navigator');
    const subscribed = await fetch(`http://127.0.0.1:${stack.api.port}/api/subscriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        url: `http://127.0.0.1:${receiver.port}/hooks/adt`,
        events: [
          'follow_up.created',
          'follow_up.updated',
          'follow_up.closed',
          'encounter.admitted',
          'encounter.discharged',
          'patient.deceased',
        ],
        secret,
      }),
    });
    expect(subscribed.status, await subscribed.clone().text()).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await receiver.stop();
    await stack.stop();
  });

  /** Every delivery received so far, each verified with the subscriber's secret. */
  const verified = (): Delivery[] =>
    receiver.received
      .filter((r) => r.url === '/hooks/adt')
      .map(({ headers, body }) => {
        const payload = new Webhook(secret).verify(body, {
          'webhook-id': String(headers['webhook-id']),
          'webhook-timestamp': String(headers['webhook-timestamp']),
          'webhook-signature': String(headers['webhook-signature']),
        }) as Omit<Delivery, 'id'>;
        return { id: String(headers['webhook-id']), ...payload };
      });

  const ofPatient = (patientId: string) => verified().filter((d) => d.data.patientId === patientId);

  /** Sends one message and waits until the worker has applied it, so a stay's events keep their order. */
  async function send(message: string, controlId: string): Promise<void> {
    expect(await sendHl7(stack.listener.mllpPort, message)).toBe('AA');
    await waitFor(async () => {
      const rows = await stack.db.pool.query<{ status: string }>(
        'SELECT status FROM inbound_messages WHERE control_id = $1',
        [controlId],
      );
      return rows.rows[0]?.status === 'processed' ? true : undefined;
    });
  }

  async function patientIdOf(mrn: string): Promise<string> {
    return waitFor(async () => {
      const rows = await stack.db.pool.query<{ id: string }>('SELECT id::text FROM patients WHERE mrn = $1', [
        mrn,
      ]);
      return rows.rows[0]?.id;
    });
  }

  /**
   * An admission, its discharge (a follow-up), a navigator's claim, then news of the patient's
   * death (the follow-up is cancelled).
   */
  async function stay(mrn: string, visit: string): Promise<void> {
    const admittedAt = new Date(Date.now() - 3 * DAY_MS);
    const dischargedAt = new Date(Date.now() - DAY_MS);
    const base = { mrn, name: 'HOOK^TESSA', patientClass: 'I', visitNumber: visit, admittedAt };
    await send(adtMessage({ ...base, event: 'A01', controlId: `${visit}-1` }), `${visit}-1`);
    await send(
      adtMessage({ ...base, event: 'A03', controlId: `${visit}-2`, dischargedAt, disposition: '01' }),
      `${visit}-2`,
    );
    const followUp = await stack.db.pool.query<{ id: string }>(
      `SELECT f.id::text FROM follow_ups f JOIN patients p ON p.id = f.patient_id WHERE p.mrn = $1`,
      [mrn],
    );
    const claimed = await fetch(
      `http://127.0.0.1:${stack.api.port}/api/follow-ups/${followUp.rows[0]?.id ?? ''}/actions`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${navigator}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'claim' }),
      },
    );
    expect(claimed.status, await claimed.clone().text()).toBe(201);
    await send(
      adtMessage({
        ...base,
        event: 'A08',
        controlId: `${visit}-3`,
        dischargedAt,
        at: new Date(Date.now() - 60_000),
        deceased: true,
      }),
      `${visit}-3`,
    );
  }

  const EXPECTED = [
    'encounter.admitted',
    'encounter.discharged',
    'follow_up.created',
    'follow_up.updated',
    'patient.deceased',
    'follow_up.closed',
  ];

  it('delivers one signed POST per event, in order, with ids and no names', async () => {
    await stay('MRN-HOOK-1', 'V-HOOK-1');
    const patientId = await patientIdOf('MRN-HOOK-1');
    const deliveries = await waitFor(() => {
      const got = ofPatient(patientId);
      return Promise.resolve(got.length >= EXPECTED.length ? got : undefined);
    }, 15_000);
    expect(deliveries.map((d) => d.type)).toEqual(EXPECTED);
    expect(new Set(deliveries.map((d) => d.id)).size).toBe(deliveries.length);
    const followUp = deliveries.find((d) => d.type === 'follow_up.created');
    expect(followUp?.data).toMatchObject({ kind: 'discharge', status: 'open', facility: 'GENERAL_HOSP' });
    expect(deliveries.find((d) => d.type === 'follow_up.closed')?.data).toMatchObject({
      followUpId: followUp?.data.followUpId,
      status: 'cancelled',
    });
    expect(deliveries.find((d) => d.type === 'encounter.admitted')?.data.event).toBe('A01');
    expect(deliveries.find((d) => d.type === 'follow_up.updated')?.data).toMatchObject({
      followUpId: followUp?.data.followUpId,
      changes: ['claim', 'status'],
      status: 'in_progress',
    });
    // Ids and the filter's fields only: never a name or an MRN.
    expect(JSON.stringify(deliveries)).not.toMatch(/HOOK\^|TESSA|MRN-HOOK/);
  });

  it('keeps retrying while the receiver is down and delivers each event once, in order, when it is back', async () => {
    await receiver.stop();
    await stay('MRN-HOOK-2', 'V-HOOK-2');
    const patientId = await patientIdOf('MRN-HOOK-2');
    // Several failed attempts on the first delivery; the later ones wait behind it.
    await waitFor(async () => {
      const rows = await stack.db.pool.query<{ attempts: number }>(
        `SELECT d.attempts FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
          WHERE e.patient_id = $1 ORDER BY d.event_id LIMIT 1`,
        [patientId],
      );
      const first = rows.rows[0];
      return first && first.attempts >= 3 ? true : undefined;
    }, 15_000);
    const attempted = await stack.db.pool.query<{ attempted: number }>(
      `SELECT count(*) FILTER (WHERE d.attempts > 0)::int AS attempted
         FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id WHERE e.patient_id = $1`,
      [patientId],
    );
    expect(attempted.rows[0]?.attempted).toBe(1);
    expect(ofPatient(patientId)).toEqual([]);

    await receiver.start();
    const deliveries = await waitFor(() => {
      const got = ofPatient(patientId);
      return Promise.resolve(got.length >= EXPECTED.length ? got : undefined);
    }, 15_000);
    expect(deliveries.map((d) => d.type)).toEqual(EXPECTED);
    // Nothing more arrives: exactly one delivery per event.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(ofPatient(patientId)).toHaveLength(EXPECTED.length);
    expect(new Set(verified().map((d) => d.id)).size).toBe(verified().length);

    const status = await fetch(`http://127.0.0.1:${stack.api.port}/api/subscriptions`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const [subscription] = ((await status.json()) as { items: { deliveries: Record<string, unknown> }[] })
      .items;
    expect(subscription?.deliveries).toMatchObject({ pending: 0, dead: 0, delivered: 2 * EXPECTED.length });
  });

  it('notifies a FHIR subscription to the emergency department visit topic of an ED arrival', async () => {
    const topic = 'http://adt-followup/SubscriptionTopic/emergency-department-visit';
    const subscribed = await fetch(`http://127.0.0.1:${stack.api.port}/fhir/R4/Subscription`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify({
        resourceType: 'Subscription',
        status: 'requested',
        reason: 'ED visits of our patients',
        criteria: topic,
        channel: {
          type: 'rest-hook',
          endpoint: `http://127.0.0.1:${receiver.port}/fhir`,
          payload: 'application/fhir+json',
        },
      }),
    });
    expect(subscribed.status, await subscribed.clone().text()).toBe(201);
    const arrivedAt = new Date(Date.now() - 3_600_000);
    await send(
      adtMessage({
        event: 'A04',
        controlId: 'V-HOOK-ED-1',
        mrn: 'MRN-HOOK-3',
        name: 'HOOK^EDDIE',
        patientClass: 'E',
        visitNumber: 'V-HOOK-ED',
        admittedAt: arrivedAt,
      }),
      'V-HOOK-ED-1',
    );
    const encounter = await stack.db.pool.query<{ id: string }>(
      `SELECT id::text FROM encounters WHERE visit_number = 'V-HOOK-ED'`,
    );
    const notification = await waitFor(() =>
      Promise.resolve(receiver.received.find((r) => r.url === '/fhir')),
    );
    const bundle = JSON.parse(notification.body) as { type: string; entry: { fullUrl: string }[] };
    expect(bundle.type).toBe('history');
    expect(bundle.entry[1]?.fullUrl).toMatch(
      new RegExp(`/fhir/R4/Encounter/${encounter.rows[0]?.id ?? 'none'}$`),
    );
    expect(notification.body).toContain(topic);
    expect(notification.body).not.toMatch(/EDDIE|MRN-HOOK-3/);
  });
});
