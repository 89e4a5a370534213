import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MllpClient } from '@adt/cli';
import { ackCodeFromAck } from '@adt/hl7';
import { storeInboundMessage } from '@adt/db';
import {
  createAdtEventsQueue,
  createProducerConnection,
  jobIdForMessage,
  APPLY_MESSAGE_JOB,
} from '@adt/queue';
import { startTestStack, waitFor, type TestStack } from './stack.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures');
const A03 = path.join(FIXTURES, 'adt-a03-inpatient-discharge.hl7');

interface WorklistItem {
  id: string;
  kind: string;
  dueAt: string;
  patient: { mrn: string };
}

async function worklist(stack: TestStack, token: string): Promise<WorklistItem[]> {
  const response = await stack.get('/api/worklist', token);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { items: WorklistItem[] };
  return body.items;
}

/** A copy of the A03 fixture for another patient and visit, so it is a new message. */
async function otherPatientA03(): Promise<string> {
  const text = await readFile(A03, 'utf8');
  return text
    .replaceAll('MRN100234', 'MRN555001')
    .replaceAll('V20261114-0042', 'V20261115-0077')
    .replace('GH00012345', 'GH00099999');
}

function cli(args: string[], env: Record<string, string>) {
  return run(
    process.execPath,
    ['--conditions=@adt/source', '--import', 'tsx', 'packages/cli/src/main.ts', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
    },
  );
}

describe('walking skeleton: MLLP in, stored, queued, routed, listed', () => {
  let stack: TestStack;
  let token: string;

  beforeAll(async () => {
    stack = await startTestStack('skeleton');
    const env = { DATABASE_URL: stack.config.databaseUrl };
    // A token acts as a user: the navigator first (their generated password goes to stdout).
    await cli(['user', 'create', 'skeleton-nav', '--role', 'navigator'], env);
    const created = await cli(['create-token', '--user', 'skeleton-nav'], env);
    token = created.stdout.trim();
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('create-token prints only the token', () => {
    expect(token).toMatch(/^adt_[A-Za-z0-9_-]{43}$/);
  });

  it('`adt send` of an inpatient A03 prints AA and the discharge follow-up is listed within 2 s, due end of the 2nd business day', async () => {
    const sent = await cli(['send', A03, '--port', String(stack.listener.mllpPort)], {});
    expect(sent.stdout).toMatch(/^AA .*adt-a03-inpatient-discharge\.hl7 GH00012345/);

    const started = Date.now();
    const items = await waitFor(async () => {
      const list = await worklist(stack, token);
      return list.length > 0 ? list : undefined;
    }, 2_000);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(items).toHaveLength(1);
    expect(items[0]?.kind).toBe('discharge');
    expect(items[0]?.patient.mrn).toBe('MRN100234');
    // Discharged Wednesday 2026-11-18: due by the end of Friday 2026-11-20 in America/New_York.
    expect(items[0]?.dueAt).toBe(new Date('2026-11-20T23:59:59.999-05:00').toISOString());
  });

  it('answers 401 without a token', async () => {
    const response = await stack.get('/api/worklist');
    expect(response.status).toBe(401);
  });

  it('sending the same file twice yields one follow-up, and the resend is recorded as a duplicate', async () => {
    const client = await MllpClient.connect('127.0.0.1', stack.listener.mllpPort);
    const ack = ackCodeFromAck(await client.send((await readFile(A03, 'utf8')).replace(/\r$/, '')));
    await client.close();
    expect(ack.code).toBe('AA');
    const duplicates = await stack.db.pool.query<{ status: string }>(
      "SELECT status FROM inbound_messages WHERE control_id = 'GH00012345' ORDER BY id",
    );
    expect(duplicates.rows.map((r) => r.status)).toEqual(['processed', 'duplicate']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const followUps = await stack.db.pool.query('SELECT id FROM follow_ups');
    expect(followUps.rowCount).toBe(1);
  });

  it.skipIf(!existsSync('/usr/bin/mllp_send'))(
    // Debian's python3-hl7 is the independent client; .ci/run installs it, a bare dev machine may lack it.
    'an independent client (Debian python3-hl7 mllp_send) gets AA',
    async () => {
      const { stdout } = await run('/usr/bin/mllp_send', [
        '--loose',
        '--file',
        A03,
        '--port',
        String(stack.listener.mllpPort),
        '127.0.0.1',
      ]);
      expect(stdout).toContain('MSA|AA|GH00012345');
    },
  );

  it('a message sent while the worker is down is processed when it comes back', async () => {
    await stack.stopWorker();
    const client = await MllpClient.connect('127.0.0.1', stack.listener.mllpPort);
    const ack = ackCodeFromAck(await client.send(await otherPatientA03()));
    await client.close();
    expect(ack.code).toBe('AA');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = await stack.db.pool.query(
      "SELECT 1 FROM follow_ups f JOIN patients p ON p.id = f.patient_id WHERE p.mrn = 'MRN555001'",
    );
    expect(before.rowCount).toBe(0);

    await stack.startWorker();
    const items = await waitFor(async () => {
      const list = await worklist(stack, token);
      return list.some((f) => f.patient.mrn === 'MRN555001') ? list : undefined;
    }, 5_000);
    expect(items.filter((f) => f.patient.mrn === 'MRN555001')).toHaveLength(1);
  });

  /** Stores another patient's A03 as the listener would, without putting it on the queue. */
  async function storeWithoutEnqueue(mrn: string, visit: string, controlId: string) {
    const raw = Buffer.from(
      (await otherPatientA03())
        .replaceAll('MRN555001', mrn)
        .replaceAll('V20261115-0077', visit)
        .replace('GH00099999', controlId),
    );
    return storeInboundMessage(stack.db.pool, {
      raw,
      contentHash: Buffer.from(`${controlId}-hash`),
      peerAddress: null,
      sendingApplication: 'EPIC',
      sendingFacility: 'GENERAL_HOSP',
      controlId,
      messageType: 'ADT^A03',
      versionId: '2.5.1',
      ackCode: 'AA',
    });
  }

  it('a message stored but never enqueued (crash between commit and enqueue) is picked up by the sweep', async () => {
    const stored = await storeWithoutEnqueue('MRN777002', 'V20261116-0101', 'GH00077777');
    expect(stored.outcome).toBe('stored');
    const status = await waitFor(async () => {
      const row = await stack.db.pool.query<{ status: string }>(
        'SELECT status FROM inbound_messages WHERE control_id = $1',
        ['GH00077777'],
      );
      return row.rows[0]?.status === 'processed' ? 'processed' : undefined;
    }, 5_000);
    expect(status).toBe('processed');
  });

  it('a message whose job id is held by a finished job (failed for good, or left by an earlier database) is still processed', async () => {
    await stack.stopWorker();
    const stored = await storeWithoutEnqueue('MRN888003', 'V20261117-0202', 'GH00088888');
    if (stored.outcome !== 'stored') throw new Error('not stored');
    // A job with this message's id whose payload names no message: the worker fails it for good.
    const redis = createProducerConnection(stack.config.redisUrl);
    const queue = createAdtEventsQueue({ connection: redis, prefix: stack.config.queuePrefix });
    await queue.add(
      APPLY_MESSAGE_JOB,
      { messageId: '999999999' },
      { jobId: jobIdForMessage(stored.id), attempts: 1 },
    );
    await stack.startWorker();
    const status = await waitFor(async () => {
      const row = await stack.db.pool.query<{ status: string }>(
        'SELECT status FROM inbound_messages WHERE id = $1',
        [stored.id],
      );
      return row.rows[0]?.status === 'processed' ? 'processed' : undefined;
    }, 10_000);
    await queue.close();
    redis.disconnect();
    expect(status).toBe('processed');
  });
});
