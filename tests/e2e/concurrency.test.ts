/**
 * Ordering and concurrency (routing.md): ~400 ADT events for 60 overlapping encounters, with
 * merges, sent over MLLP in shuffled order and processed by two worker processes, must end in the
 * same follow-ups and encounter state as applying them one by one in event order.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MllpClient } from '@adt/cli';
import { READMISSION_WINDOW_DAYS } from '@adt/adt';
import { migrateDatabase, settleSupersession, storeInboundMessage } from '@adt/db';
import { applyMessage, type ApplyDeps } from '@adt/followup-worker';
import { ackCodeFromAck } from '@adt/hl7';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import {
  arrivalOrder,
  buildMixedFeed,
  encounterSnapshot,
  followUpSnapshot,
  patientSnapshot,
} from './mixed-feed.js';
import { startTestStack, waitFor, type TestStack } from './stack.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FACILITY = 'GENERAL_HOSP';
const ENCOUNTERS = 60;
const CONNECTIONS = 4;
const SEED = 20261123;

function startWorkerProcess(stack: TestStack): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=@adt/source', '--import', 'tsx', 'services/followup-worker/src/main.ts'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: stack.config.databaseUrl,
        REDIS_URL: stack.config.redisUrl,
        QUEUE_PREFIX: stack.config.queuePrefix,
        WORKER_HTTP_PORT: '0',
        WORKER_CONCURRENCY: '4',
        LOG_LEVEL: 'warn',
        MIGRATE_ON_START: 'false',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return child;
}

async function stopWorkerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  child.kill('SIGTERM');
  // A graceful stop finishes in-flight jobs; one that hangs is not this test's subject.
  const timer = setTimeout(() => {
    child.kill('SIGKILL');
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

describe('concurrency: shuffled arrival, two worker processes', () => {
  const messages = buildMixedFeed({ encounters: ENCOUNTERS, connections: CONNECTIONS, seed: SEED });
  let stack: TestStack;
  let reference: TestDatabase;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    stack = await startTestStack('concurrency', {}, { worker: false });
    reference = await createTestDatabase(migrateDatabase, 'concurrencyref');
    workers.push(startWorkerProcess(stack), startWorkerProcess(stack));
  });

  afterAll(async () => {
    await Promise.all(workers.map(stopWorkerProcess));
    await stack.stop();
    await reference.drop();
  });

  it(`${String(messages.length)} events end as the one-by-one, in-order run`, async () => {
    expect(messages.length).toBeGreaterThanOrEqual(350);

    // In-order reference: applied one by one, in event order, on a database of its own.
    const deps: ApplyDeps = {
      pool: reference.pool,
      rules: {
        calendar: { zone: stack.config.practice.timeZone, holidays: stack.config.practice.holidays },
        observationCodes: stack.config.practice.observationCodes,
      },
      defaultTeam: stack.config.practice.defaultTeam,
      zoneForFacility: () => stack.config.practice.timeZone,
    };
    const supersessionWindow = { zone: stack.config.practice.timeZone, days: READMISSION_WINDOW_DAYS };
    for (const m of [...messages].sort((a, b) => a.at.localeCompare(b.at))) {
      const stored = await storeInboundMessage(reference.pool, {
        raw: Buffer.from(m.text),
        contentHash: createHash('sha256').update(m.text).digest(),
        peerAddress: null,
        sendingApplication: 'EPIC',
        sendingFacility: FACILITY,
        controlId: m.controlId,
        messageType: 'ADT',
        versionId: '2.5.1',
        ackCode: 'AA',
      });
      await applyMessage(deps, stored.id);
      // As the worker's job does after each message.
      await settleSupersession(reference.pool, supersessionWindow);
    }

    // The run under test: shuffled, over MLLP, two workers of four slots each.
    const order = arrivalOrder(messages, SEED + 1);
    const acks = await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, connection) => {
        const client = await MllpClient.connect('127.0.0.1', stack.listener.mllpPort);
        const codes: string[] = [];
        for (const m of order.filter((o) => o.connection === connection)) {
          codes.push(ackCodeFromAck(await client.send(m.text)).code);
        }
        await client.close();
        return codes;
      }),
    );
    expect(acks.flat().filter((code) => code !== 'AA')).toEqual([]);

    await waitFor(async () => {
      const done = await stack.db.pool.query<{ n: string }>(
        "SELECT count(*) AS n FROM inbound_messages WHERE status IN ('processed', 'failed')",
      );
      // Supersession is worked out after each commit: wait for the last check too.
      const checks = await stack.db.pool.query<{ n: string }>(
        'SELECT count(*) AS n FROM supersession_checks',
      );
      return Number(done.rows[0]?.n) >= messages.length && Number(checks.rows[0]?.n) === 0 ? true : undefined;
    }, 45_000);
    const failed = await stack.db.pool.query("SELECT id FROM inbound_messages WHERE status = 'failed'");
    expect(failed.rowCount).toBe(0);
    // The shuffle did deliver events older than their encounter's state, and they were replayed.
    const replayed = await stack.db.pool.query(
      "SELECT 1 FROM inbound_messages WHERE status_reason LIKE '%replayed in event order%'",
    );
    expect(replayed.rowCount).toBeGreaterThan(20);

    const [expectedFollowUps, actualFollowUps] = await Promise.all([
      followUpSnapshot(reference.pool),
      followUpSnapshot(stack.db.pool),
    ]);
    expect(expectedFollowUps.length).toBeGreaterThan(40);
    // Readmissions within 30 days did supersede earlier discharge follow-ups.
    expect(expectedFollowUps.filter((f) => f.includes('"superseded_by_encounter":"')).length).toBeGreaterThan(
      0,
    );
    expect(actualFollowUps).toEqual(expectedFollowUps);
    expect(await encounterSnapshot(stack.db.pool)).toEqual(await encounterSnapshot(reference.pool));
    // Merged and deceased patients alike, and no active follow-up for anyone who died.
    const patients = await patientSnapshot(stack.db.pool);
    expect(patients).toEqual(await patientSnapshot(reference.pool));
    expect(patients.filter((p) => p.includes('"deceased":true') && !p.includes('"active":"0"'))).toEqual([]);
    expect(patients.filter((p) => p.includes('"merged_into":"CCS'))).toHaveLength(5);
  }, 60_000);
});
