import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '@adt/db';
import { createLogger } from '@adt/logging';
import { createMetricsRegistry } from '@adt/observability';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import { startFileDrop, type FileDropOptions } from './file-drop.js';
import type { FrameOutcome, MessageReceipt } from './message-intake.js';

const log = createLogger({ service: 'file-drop-retry-test', level: 'silent' });

const receipt = (controlId: string, outcome: MessageReceipt['outcome']): MessageReceipt => ({
  controlId,
  messageType: 'ADT^A03',
  ackCode: outcome === 'not_stored' ? 'AR' : 'AA',
  outcome,
  reason:
    outcome === 'not_stored'
      ? 'Message not stored: the receiver cannot reach its database. Resend later.'
      : null,
  messageId: outcome === 'not_stored' ? null : '1',
});

/** An intake that answers each file with the next of the given outcomes. */
function scriptedIntake(outcomes: MessageReceipt['outcome'][][]) {
  const calls: string[] = [];
  const enqueued: string[][] = [];
  return {
    calls,
    enqueued,
    script: outcomes,
    handleFrame: (_payload: Buffer, peerAddress: string): Promise<FrameOutcome> => {
      calls.push(peerAddress);
      const receipts = (outcomes.shift() ?? []).map((outcome, i) => receipt(`R${i + 1}`, outcome));
      return Promise.resolve({
        response: null,
        toEnqueue: receipts.filter((r) => r.outcome === 'accepted').map(() => '1'),
        applicationAcks: [],
        receipts,
      });
    },
  };
}

describe('file drop when the store is unavailable', () => {
  let db: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'file-drop-retry');
  });

  afterAll(async () => {
    await db.drop();
  });

  async function drop(name: string): Promise<void> {
    dir = await mkdtemp(path.join(os.tmpdir(), 'adt-file-drop-retry-'));
    await drop2(name);
  }

  /** Another file in the same directory. */
  async function drop2(name: string): Promise<void> {
    // The intake is scripted: the content only has to differ between files.
    await writeFile(
      path.join(dir, name),
      `MSH|^~\\&|EPIC|GENERAL_HOSP|||20261118||ADT^A03|${name}|P|2.5.1\r`,
    );
    const past = new Date(Date.now() - 60_000);
    await utimes(path.join(dir, name), past, past);
  }

  /** A file drop over `dir` that only reads when the test says (`runOnce`), every file stable at once. */
  const startTestFileDrop = (
    intake: ReturnType<typeof scriptedIntake>,
    options: Pick<FileDropOptions, 'pool' | 'registry'> & Partial<Pick<FileDropOptions, 'enqueue'>>,
  ) =>
    startFileDrop({
      dir,
      pollIntervalMs: 3_600_000,
      stableMs: 0,
      maxBytes: 1_000,
      handleFrame: intake.handleFrame,
      enqueue: () => undefined,
      log,
      ...options,
    });

  it('puts a file whose messages could not all be stored back, and reads it again later', async () => {
    await drop('retry.hl7');
    const intake = scriptedIntake([
      ['accepted', 'not_stored'],
      ['duplicate', 'accepted'],
    ]);
    const fileDrop = await startTestFileDrop(intake, {
      pool: db.pool,
      enqueue: (ids) => intake.enqueued.push(ids),
      registry: createMetricsRegistry('file-drop-retry-test'),
    });
    try {
      // The pass at start reads the file, which goes back; this pass reads it again.
      await fileDrop.runOnce();
      expect(intake.enqueued).toEqual([['1'], ['1']]);
      expect(await readdir(dir)).not.toContain('retry.hl7');
      expect(intake.calls).toEqual(['file:retry.hl7', 'file:retry.hl7']);
      expect((await readdir(path.join(dir, 'done'))).length).toBe(2);
      const rows = await db.pool.query<{ status: string; reason: string | null }>(
        "SELECT status, reason FROM file_drops WHERE file_name = 'retry.hl7' ORDER BY id",
      );
      expect(rows.rows).toEqual([
        {
          status: 'failed',
          reason:
            '1 of 2 messages could not be stored (the database was unavailable); the file will be read again',
        },
        { status: 'done', reason: null },
      ]);
    } finally {
      await fileDrop.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('leaves the file in the drop directory while the database cannot record it', async () => {
    await drop('no-db.hl7');
    const intake = scriptedIntake([['accepted']]);
    let databaseDown = false;
    // The pool as the file drop sees it: every query fails while the database is "down".
    const pool = {
      query: (text: string, values?: unknown[]) =>
        databaseDown ? Promise.reject(new Error('connect ECONNREFUSED')) : db.pool.query(text, values),
    } as unknown as pg.Pool;
    databaseDown = true;
    const fileDrop = await startTestFileDrop(intake, {
      pool,
      registry: createMetricsRegistry('file-drop-retry-test-2'),
    }).catch((error: unknown) => error);
    // A listener that cannot reach Postgres at start does not start (its supervisor restarts it).
    expect(fileDrop).toBeInstanceOf(Error);

    databaseDown = false;
    const running = await startTestFileDrop(intake, {
      pool,
      registry: createMetricsRegistry('file-drop-retry-test-3'),
    });
    try {
      // Let the first pass (at start) read the file, then drop another while the database is down.
      await running.runOnce();
      await drop2('later.hl7');
      databaseDown = true;
      await expect(running.runOnce()).rejects.toThrow('ECONNREFUSED');
      expect((await readdir(dir)).sort()).toEqual(['done', 'failed', 'later.hl7', 'processing']);
      expect(await readdir(path.join(dir, 'processing'))).toEqual([]);
      databaseDown = false;
      intake.script.push(['accepted']);
      expect(await running.runOnce()).toBe(1);
      expect(intake.calls).toEqual(['file:no-db.hl7', 'file:later.hl7']);
    } finally {
      await running.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
