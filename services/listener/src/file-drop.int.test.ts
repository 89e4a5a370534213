import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, type FileDropMessageResult } from '@adt/db';
import { createLogger } from '@adt/logging';
import { createTestDatabase, hl7TestMessage, type TestDatabase } from '@adt/testing';
import { startListener, type RunningListener } from './listener.js';
import { listenerTestConfig } from './testing/listener-test-config.js';

const log = createLogger({ service: 'file-drop-test', level: 'silent' });

/** An FHS/BHS batch of the given messages, lines ending in LF as files from Unix hosts do. */
function batchFile(messages: readonly string[], eol = '\n'): string {
  return [
    'FHS|^~\\&|EPIC|GENERAL_HOSP|FOLLOWUP|PRACTICE|20261118||||F1',
    'BHS|^~\\&|EPIC|GENERAL_HOSP|FOLLOWUP|PRACTICE|20261118||||B1',
    ...messages.map((m) => m.replaceAll('\r', eol)),
    `BTS|${messages.length}`,
    'FTS|1',
    '',
  ].join(eol);
}

interface Report {
  fileDropId: string;
  fileName: string;
  status: string;
  reason: string | null;
  duplicateOf: string | null;
  messageCount: number;
  acceptedCount: number;
  messages: FileDropMessageResult[];
}

describe('file drop: HL7 files read from a directory through the MLLP intake', () => {
  let db: TestDatabase;
  let listener: RunningListener;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'adt-file-drop-'));
    db = await createTestDatabase(migrateDatabase, 'file-drop');
    listener = await startListener(
      listenerTestConfig(db, 'file-drop', {
        FILE_DROP_DIR: dir,
        // The test reads the directory itself, and ages files to make them ready.
        FILE_DROP_POLL_INTERVAL_MS: '3600000',
        FILE_DROP_STABLE_MS: '60000',
        FILE_DROP_MAX_BYTES: '20000',
      }),
      log,
    );
  });

  afterAll(async () => {
    await listener.stop();
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  });

  /** Drops a file written a while ago, so it is ready at once. */
  async function drop(name: string, content: string | Buffer): Promise<void> {
    const file = path.join(dir, name);
    await writeFile(file, content);
    const past = new Date(Date.now() - 120_000);
    await utimes(file, past, past);
  }

  async function reportOf(folder: 'done' | 'failed', name: string): Promise<Report> {
    const entries = await readdir(path.join(dir, folder));
    const report = entries.find((entry) => entry.endsWith(`-${name}.report.json`));
    if (!report) throw new Error(`no report for ${name} in ${folder}/: ${entries.join(', ')}`);
    return JSON.parse(await readFile(path.join(dir, folder, report), 'utf8')) as Report;
  }

  async function messagesOf(controlIds: readonly string[]) {
    const result = await db.pool.query<{ control_id: string; status: string; peer_address: string }>(
      'SELECT control_id, status, peer_address FROM inbound_messages WHERE control_id = ANY($1) ORDER BY id',
      [controlIds],
    );
    return result.rows;
  }

  it('reads a batch file, stores each message as if sent alone, and files it in done/ with a report', async () => {
    await drop(
      'daily-1.hl7',
      batchFile([hl7TestMessage({ controlId: 'FD1' }), hl7TestMessage({ controlId: 'FD2', mrn: 'MRN43' })]),
    );
    expect(await listener.readDroppedFiles()).toBe(1);

    const report = await reportOf('done', 'daily-1.hl7');
    expect(report).toMatchObject({
      fileName: 'daily-1.hl7',
      status: 'done',
      messageCount: 2,
      acceptedCount: 2,
    });
    expect(report.messages).toMatchObject([
      { controlId: 'FD1', messageType: 'ADT^A03', ackCode: 'AA', outcome: 'accepted', reason: null },
      { controlId: 'FD2', messageType: 'ADT^A03', ackCode: 'AA', outcome: 'accepted', reason: null },
    ]);
    expect(await readdir(path.join(dir, 'done'))).toContain(`${report.fileDropId}-daily-1.hl7`);
    expect(await messagesOf(['FD1', 'FD2'])).toEqual([
      { control_id: 'FD1', status: 'received', peer_address: 'file:daily-1.hl7' },
      { control_id: 'FD2', status: 'received', peer_address: 'file:daily-1.hl7' },
    ]);
  });

  it('a file dropped twice is recorded as a duplicate of the first and nothing in it is stored again', async () => {
    const content = batchFile([hl7TestMessage({ controlId: 'FD3' })]);
    await drop('twice.hl7', content);
    await listener.readDroppedFiles();
    const first = await reportOf('done', 'twice.hl7');
    await drop('twice.hl7', content);
    expect(await listener.readDroppedFiles()).toBe(1);

    const rows = await db.pool.query<{ id: string; status: string; duplicate_of: string | null }>(
      "SELECT id, status, duplicate_of FROM file_drops WHERE file_name = 'twice.hl7' ORDER BY id",
    );
    expect(rows.rows).toEqual([
      { id: first.fileDropId, status: 'done', duplicate_of: null },
      { id: expect.any(String) as string, status: 'duplicate', duplicate_of: first.fileDropId },
    ]);
    expect(await messagesOf(['FD3'])).toHaveLength(1);
    const done = await readdir(path.join(dir, 'done'));
    expect(done.filter((name) => name.endsWith('-twice.hl7'))).toHaveLength(2);
  });

  it('the same messages in another file (other line endings) are duplicates by the message rules: AA, nothing processed twice', async () => {
    await drop('crlf.hl7', batchFile([hl7TestMessage({ controlId: 'FD1' })], '\r\n'));
    await listener.readDroppedFiles();
    const report = await reportOf('done', 'crlf.hl7');
    expect(report.messages).toMatchObject([{ controlId: 'FD1', ackCode: 'AA', outcome: 'duplicate' }]);
    expect((await messagesOf(['FD1'])).map((m) => m.status)).toEqual(['received', 'duplicate']);
  });

  it('a file with refused messages goes to failed/ with each message’s code and reason; accepted ones are kept', async () => {
    await drop(
      'mixed.hl7',
      batchFile([
        hl7TestMessage({ controlId: 'FD4' }),
        hl7TestMessage({ controlId: 'FD5', pid: { 3: '' } }),
        hl7TestMessage({ controlId: 'FD6', msh: { 9: 'ORU^R01' } }),
      ]),
    );
    await listener.readDroppedFiles();
    const report = await reportOf('failed', 'mixed.hl7');
    expect(report).toMatchObject({ status: 'refused', messageCount: 3, acceptedCount: 1 });
    expect(report.reason).toBe('2 of 3 messages were refused');
    expect(report.messages.map((m) => [m.controlId, m.ackCode, m.outcome])).toEqual([
      ['FD4', 'AA', 'accepted'],
      ['FD5', 'AE', 'refused'],
      ['FD6', 'AR', 'refused'],
    ]);
    expect(report.messages[2]?.reason).toContain('Unsupported message type ORU');
    expect((await messagesOf(['FD4', 'FD5', 'FD6'])).map((m) => m.status)).toEqual([
      'received',
      'rejected',
      'rejected',
    ]);
  });

  it('a batch whose trailer count disagrees is refused as a whole, as over MLLP', async () => {
    const text = batchFile([hl7TestMessage({ controlId: 'FD7' })]).replace('BTS|1', 'BTS|2');
    await drop('short.hl7', text);
    await listener.readDroppedFiles();
    const report = await reportOf('failed', 'short.hl7');
    expect(report.messages).toMatchObject([{ controlId: 'FD7', ackCode: 'AR', outcome: 'refused' }]);
    expect(report.messages[0]?.reason).toContain('BTS-1 declares 2');
  });

  it('leaves files being written alone: recently modified, or named *.tmp / .hidden until renamed', async () => {
    const content = batchFile([hl7TestMessage({ controlId: 'FD8' })]);
    await writeFile(path.join(dir, 'fresh.hl7'), content);
    await drop('upload.hl7.tmp', content);
    await drop('.upload.hl7', content);
    expect(await listener.readDroppedFiles()).toBe(0);
    expect((await readdir(dir)).sort()).toEqual([
      '.upload.hl7',
      'done',
      'failed',
      'fresh.hl7',
      'processing',
      'upload.hl7.tmp',
    ]);

    const past = new Date(Date.now() - 120_000);
    await utimes(path.join(dir, 'fresh.hl7'), past, past);
    expect(await listener.readDroppedFiles()).toBe(1);
    expect((await reportOf('done', 'fresh.hl7')).messages).toMatchObject([
      { controlId: 'FD8', outcome: 'accepted' },
    ]);
    await rm(path.join(dir, 'upload.hl7.tmp'));
    await rm(path.join(dir, '.upload.hl7'));
  });

  it('a file over FILE_DROP_MAX_BYTES goes to failed/ unread', async () => {
    await drop('huge.hl7', Buffer.alloc(20_001, 'x'));
    await listener.readDroppedFiles();
    const report = await reportOf('failed', 'huge.hl7');
    expect(report).toMatchObject({ status: 'failed', messageCount: 0, messages: [] });
    expect(report.reason).toContain('at most 20000 are read (FILE_DROP_MAX_BYTES)');
  });

  it('a file that is not HL7 is refused like an unreadable frame', async () => {
    await drop('notes.txt', 'not an HL7 message\n');
    await listener.readDroppedFiles();
    const report = await reportOf('failed', 'notes.txt');
    expect(report.messages).toMatchObject([{ controlId: '', ackCode: 'AR', outcome: 'refused' }]);
  });
});

describe('file drop after a stop while reading', () => {
  it('puts files left in processing/ back and reads them; their rows are marked failed', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'adt-file-drop-restart-'));
    const db = await createTestDatabase(migrateDatabase, 'file-drop-restart');
    try {
      await mkdir(path.join(dir, 'processing'));
      await writeFile(path.join(dir, 'processing', 'left.hl7'), hl7TestMessage({ controlId: 'FR1' }));
      await db.pool.query(
        "INSERT INTO file_drops (file_name, size_bytes, checksum) VALUES ('left.hl7', 10, '\\x00')",
      );
      const listener = await startListener(
        listenerTestConfig(db, 'file-drop-restart', {
          FILE_DROP_DIR: dir,
          FILE_DROP_POLL_INTERVAL_MS: '3600000',
          FILE_DROP_STABLE_MS: '0',
        }),
        log,
      );
      try {
        await listener.readDroppedFiles();
        const rows = await db.pool.query<{ status: string; reason: string | null }>(
          'SELECT status, reason FROM file_drops ORDER BY id',
        );
        expect(rows.rows.map((r) => r.status)).toEqual(['failed', 'done']);
        expect(rows.rows[0]?.reason).toContain('Interrupted');
        expect(await readdir(path.join(dir, 'processing'))).toEqual([]);
      } finally {
        await listener.stop();
      }
    } finally {
      await db.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
