import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishFileDrop, insertFileDrop, migrateDatabase } from '@adt/db';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import { runCaptured } from '../testing/captured-io.js';
import { parseFileDropArgs, runFileDropCommand } from './file-drop.js';

describe('adt file-drop', () => {
  let db: TestDatabase;
  const fileDrop = (args: string[]) =>
    runCaptured((io) => runFileDropCommand(db.pool, parseFileDropArgs(args), io));

  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'clifiledrop');
  });

  afterAll(async () => {
    await db.drop();
  });

  it('lists files newest first, by status, and shows one file’s report', async () => {
    const checksum = Buffer.alloc(32, 1);
    const done = await insertFileDrop(db.pool, {
      fileName: 'a.hl7',
      source: 'local',
      sizeBytes: 10,
      checksum,
    });
    await finishFileDrop(db.pool, done, {
      status: 'refused',
      reason: '1 of 1 messages were refused',
      results: [
        {
          controlId: 'C1',
          messageType: 'ADT^A03',
          ackCode: 'AE',
          outcome: 'refused',
          reason: 'PID-3 is empty',
          messageId: '7',
        },
      ],
    });
    const copy = await insertFileDrop(db.pool, {
      fileName: 'b.hl7',
      source: 'sftp',
      sizeBytes: 10,
      checksum,
    });
    await finishFileDrop(db.pool, copy, {
      status: 'duplicate',
      reason: 'same bytes',
      results: [],
      duplicateOf: done,
    });

    const list = await fileDrop(['list']);
    expect(list.code).toBe(0);
    expect(list.stdout[0]).toBe('id\treceived_at\tstatus\tmessages\taccepted\tfile\treason');
    expect(list.stdout.slice(1).map((line) => line.split('\t')[2])).toEqual(['duplicate', 'refused']);
    expect((await fileDrop(['list', '--status', 'refused'])).stdout).toHaveLength(2);

    const shown = await fileDrop(['show', done]);
    const report = JSON.parse(shown.stdout.join('\n')) as Record<string, unknown>;
    expect(report).toMatchObject({
      fileDropId: done,
      fileName: 'a.hl7',
      status: 'refused',
      messageCount: 1,
      acceptedCount: 0,
      checksumSha256: '01'.repeat(32),
      messages: [{ controlId: 'C1', ackCode: 'AE', reason: 'PID-3 is empty' }],
    });
    expect(await fileDrop(['show', '999999'])).toMatchObject({ code: 1, stderr: ['no file drop 999999'] });
  });

  it('refuses a bad status, limit, id or action', () => {
    expect(() => parseFileDropArgs(['list', '--status', 'lost'])).toThrow(/--status must be one of/);
    expect(() => parseFileDropArgs(['list', '--limit', '0'])).toThrow(/--limit/);
    expect(() => parseFileDropArgs(['show', 'x'])).toThrow(/needs a file id/);
    expect(() => parseFileDropArgs(['retry'])).toThrow(/file-drop needs list or show/);
  });
});
