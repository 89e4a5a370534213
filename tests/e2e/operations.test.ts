/**
 * Operations end to end: the in-product alerts announce a backlog once when it starts and once
 * when it ends while the worker is away, and a silent facility; a message that failed processing
 * is found through the API with its reason and replayed once the cause is fixed.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MllpClient } from '@adt/cli';
import { ackCodeFromAck } from '@adt/hl7';
import { hl7TestMessage } from '@adt/testing';
import { startTestStack, waitFor, type TestStack } from './stack.js';

interface WebhookBody {
  status: 'firing' | 'resolved';
  alert: string;
  key: string;
  labels: Record<string, string>;
  summary: string;
  runbook: string | null;
}

/** A local webhook target that keeps what it receives. */
async function startWebhook(): Promise<{ url: string; received: WebhookBody[]; close: () => Promise<void> }> {
  const received: WebhookBody[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push(JSON.parse(body) as WebhookBody);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`,
    received,
    close: () =>
      new Promise((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
}

/** An inpatient discharge for its own patient and visit (`V` + control id). */
function a03(controlId: string, facility = 'GENERAL_HOSP'): string {
  return hl7TestMessage({
    controlId,
    facility,
    mrn: controlId,
    pv1: { 3: '', 19: `V${controlId}`, 45: '20261118140000' },
  });
}

/** Waits until `done()` holds (checked every 50 ms). */
const until = (done: () => boolean, timeoutMs?: number) =>
  waitFor(() => Promise.resolve(done() ? true : undefined), timeoutMs);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('operations: alerts, failures and replay', () => {
  let stack: TestStack;
  let webhook: Awaited<ReturnType<typeof startWebhook>>;
  let client: MllpClient;

  beforeAll(async () => {
    webhook = await startWebhook();
    stack = await startTestStack('operations', {
      ALERT_WEBHOOK_URL: webhook.url,
      ALERT_EVALUATION_INTERVAL_MS: '150',
      ALERT_QUEUE_BACKLOG: '2',
      ALERT_FEED_SILENT_MINUTES: '60',
      // About a second: this facility is "silent" as soon as it stops sending.
      ALERT_FEED_SILENT_MINUTES_BY_FACILITY: 'QUIET_HOSP=0.02',
      WORKER_MAX_ATTEMPTS: '2',
    });
    client = await MllpClient.connect('127.0.0.1', stack.listener.mllpPort);
  });

  afterAll(async () => {
    await client.close();
    await stack.stop();
    await webhook.close();
  });

  const announced = (key: string) => webhook.received.filter((b) => b.key === key).map((b) => b.status);

  it('announces a backlog once while the worker is stopped, and its end once after the worker returns', async () => {
    await stack.stopWorker();
    for (const id of ['OPS1', 'OPS2', 'OPS3']) {
      expect(ackCodeFromAck(await client.send(a03(id))).code).toBe('AA');
    }
    // The listener keeps evaluating while no worker runs.
    await until(() => announced('queue_backlog').length > 0);
    await sleep(800);
    expect(announced('queue_backlog')).toEqual(['firing']);
    const firing = webhook.received.find((b) => b.key === 'queue_backlog');
    expect(firing).toMatchObject({ alert: 'queue_backlog', runbook: 'docs/operations.md#queue-backlog' });
    expect(firing?.summary).toContain('3 messages wait for processing');

    await stack.startWorker();
    await until(() => announced('queue_backlog').length > 1, 15_000);
    // Listener and worker both evaluate every 150 ms; still one start and one end.
    await sleep(800);
    expect(announced('queue_backlog')).toEqual(['firing', 'resolved']);
    const processed = await stack.db.pool.query(
      `SELECT 1 FROM inbound_messages WHERE control_id LIKE 'OPS%' AND status = 'processed'`,
    );
    expect(processed.rowCount).toBe(3);
    expect(announced('feed_silent:GENERAL_HOSP')).toEqual([]);
  });

  it('announces a silent facility, and its return', async () => {
    expect(ackCodeFromAck(await client.send(a03('QUIET1', 'QUIET_HOSP'))).code).toBe('AA');
    await until(() => announced('feed_silent:QUIET_HOSP').length > 0);
    const silent = webhook.received.find((b) => b.key === 'feed_silent:QUIET_HOSP');
    expect(silent).toMatchObject({
      status: 'firing',
      alert: 'feed_silent',
      labels: { facility: 'QUIET_HOSP' },
      runbook: 'docs/operations.md#feed-silent',
    });
    expect(silent?.summary).toContain('Facility QUIET_HOSP has sent nothing');
    expect(announced('feed_silent:GENERAL_HOSP')).toEqual([]);

    expect(ackCodeFromAck(await client.send(a03('QUIET2', 'QUIET_HOSP'))).code).toBe('AA');
    await until(() => announced('feed_silent:QUIET_HOSP').includes('resolved'));
    expect(announced('feed_silent:QUIET_HOSP').slice(0, 2)).toEqual(['firing', 'resolved']);
  });

  it('lists a failed message with its reason, and a replay through the API applies it once fixed', async () => {
    await stack.db.pool.query(`
      CREATE FUNCTION refuse_visit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.visit_number = 'VFAIL1' THEN RAISE EXCEPTION 'simulated storage fault'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_visit BEFORE INSERT ON encounters
        FOR EACH ROW EXECUTE FUNCTION refuse_visit();`);
    expect(ackCodeFromAck(await client.send(a03('FAIL1'))).code).toBe('AA');
    const ops = await stack.token('ops');
    const failed = await waitFor(async () => {
      const response = await stack.get('/api/messages?status=failed&controlId=FAIL1', ops);
      const body = (await response.json()) as { items: { id: string; statusReason: string | null }[] };
      return body.items[0];
    }, 15_000);
    expect(failed.statusReason).toBe('simulated storage fault');
    await until(() => announced('failure_rate').length > 0);

    await stack.db.pool.query('DROP TRIGGER refuse_visit ON encounters');
    const replay = await fetch(`http://127.0.0.1:${stack.api.port}/api/messages/${failed.id}/replay`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ops}` },
    });
    expect(replay.status).toBe(202);
    await waitFor(async () => {
      const row = await stack.db.pool.query<{ status: string }>(
        'SELECT status FROM inbound_messages WHERE id = $1',
        [failed.id],
      );
      return row.rows[0]?.status === 'processed' ? true : undefined;
    }, 15_000);
    const followUps = await stack.db.pool.query(
      `SELECT 1 FROM follow_ups f JOIN encounters e ON e.id = f.encounter_id WHERE e.visit_number = 'VFAIL1'`,
    );
    expect(followUps.rowCount).toBe(1);
  });
});
