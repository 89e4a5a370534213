/**
 * The file drop against MLLP: the fixture corpus (tests/fixtures/corpus/) is replayed into two
 * stacks, one file per frame over a real MLLP socket into the first, and as batch files dropped
 * into the second's FILE_DROP_DIR. Once both workers are done, the stored state (messages with
 * their ACK codes and statuses, patients, encounters, follow-ups, and the row count of every table)
 * must be the same. Dropping the batch again, or its messages under another name, changes nothing.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileDropMessageResult } from '@adt/db';
import { ackCodeFromAck, decodeHl7Bytes, normalizeMessageText } from '@adt/hl7';
import { MllpPeer } from '@adt/testing';
import { startTestStack, waitFor, type TestStack } from './stack.js';

interface Manifest {
  environment: Record<string, string>;
  messages: { file: string }[];
}

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const manifest = JSON.parse(readFileSync(path.join(FIXTURES, 'corpus.json'), 'utf8')) as Manifest;
const corpusFile = (file: string): Buffer => readFileSync(path.join(FIXTURES, 'corpus', file));
/** The corpus's one file that is a batch already (FHS/BHS): it is dropped as it is. */
const NIGHTLY_BATCH = '55-cch-meditech-24-batch-nightly.hl7';
const SETTLE_TIMEOUT_MS = 120_000;

/**
 * An FHS/BHS batch of whole message files, byte for byte (each keeps its own character set and
 * line endings), segments of the envelope ending in LF.
 */
function batchOf(files: readonly string[], id: string): Buffer {
  const lines = (text: string) => Buffer.from(`${text}\n`, 'latin1');
  return Buffer.concat([
    lines(`FHS|^~\\&|HIE|REGIONAL_HIE|FOLLOWUP|PRACTICE|20261206||||F${id}`),
    lines(`BHS|^~\\&|HIE|REGIONAL_HIE|FOLLOWUP|PRACTICE|20261206||||B${id}`),
    ...files.map((file) => Buffer.concat([messageBytes(corpusFile(file)), lines('')])),
    lines(`BTS|${files.length}`),
    lines('FTS|1'),
  ]);
}

/**
 * A message file's bytes from its MSH to its last segment: a byte order mark or blank lines before
 * the MSH (as two corpus files have, to test MLLP senders) belong to a file, not to a batch's middle.
 */
function messageBytes(bytes: Buffer): Buffer {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end -= 1;
  return bytes.subarray(Math.max(0, bytes.indexOf('MSH')), end);
}

/** Every MSA-1 in an answer: one for a message, one per message for a batch answer. */
function ackCodesOf(answer: Buffer): string[] {
  return normalizeMessageText(decodeHl7Bytes(answer))
    .split(/\r(?=MSH)/)
    .filter((part) => part.includes('\rMSA'))
    .map((part) => ackCodeFromAck(part.slice(part.indexOf('MSH'))).code);
}

async function settle(stack: TestStack): Promise<void> {
  await waitFor(async () => {
    const pending = await stack.db.pool.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM inbound_messages WHERE status = 'received')
            + (SELECT count(*) FROM supersession_checks) AS n`,
    );
    return Number(pending.rows[0]?.n) === 0 ? true : undefined;
  }, SETTLE_TIMEOUT_MS);
}

/** The stored state, without surrogate ids, bookkeeping times or where a message came from. */
async function storedState(stack: TestStack) {
  const q = async (sql: string) => (await stack.db.pool.query<{ row: unknown }>(sql)).rows.map((r) => r.row);
  const tables = await stack.db.pool.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
       AND table_name NOT IN ('file_drops', 'pgmigrations') ORDER BY table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name: table } of tables.rows) {
    const result = await stack.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
    counts[table] = Number(result.rows[0]?.n);
  }
  return {
    counts,
    // The reason of a processed message is a processing note (such as "replayed in event order")
    // that depends on which of the worker's jobs ran first, not on how the message arrived.
    messages: await q(`SELECT jsonb_build_object('controlId', control_id, 'facility', sending_facility,
        'type', message_type, 'status', status, 'ack', ack_code,
        'reason', CASE WHEN status = 'processed' THEN NULL ELSE status_reason END,
        'reused', control_id_reused) AS row
      FROM inbound_messages ORDER BY id`),
    patients: await q(`SELECT to_jsonb(p) - 'id' - 'created_at' - 'updated_at' - 'merged_into'
        || jsonb_build_object('mergedInto', m.assigning_authority || '/' || m.mrn) AS row
      FROM patients p LEFT JOIN patients m ON m.id = p.merged_into
      ORDER BY p.assigning_authority, p.mrn`),
    encounters:
      await q(`SELECT to_jsonb(e) - 'id' - 'patient_id' - 'created_at' - 'updated_at' - 'merged_into'
        || jsonb_build_object('patient', p.assigning_authority || '/' || p.mrn,
                              'mergedInto', m.facility || '/' || m.encounter_key) AS row
      FROM encounters e JOIN patients p ON p.id = e.patient_id LEFT JOIN encounters m ON m.id = e.merged_into
      ORDER BY e.facility, e.encounter_key`),
    followUps:
      await q(`SELECT to_jsonb(f) - 'id' - 'encounter_id' - 'patient_id' - 'created_at' - 'updated_at'
          - 'closed_at' - 'superseded_by'
        || jsonb_build_object('encounter', e.facility || '/' || e.encounter_key,
                              'patient', p.assigning_authority || '/' || p.mrn,
                              'closed', f.closed_at IS NOT NULL,
                              'supersededBy', se.facility || '/' || se.encounter_key || '/' || s.kind) AS row
      FROM follow_ups f JOIN encounters e ON e.id = f.encounter_id JOIN patients p ON p.id = f.patient_id
      LEFT JOIN follow_ups s ON s.id = f.superseded_by LEFT JOIN encounters se ON se.id = s.encounter_id
      ORDER BY e.facility, e.encounter_key, f.kind, f.due_at`),
  };
}

interface Report {
  fileDropId: string;
  status: string;
  duplicateOf: string | null;
  messages: FileDropMessageResult[];
}

describe('file drop: batch files give the same stored state as the same messages over MLLP', () => {
  let overMllp: TestStack;
  let fileDrop: TestStack;
  let dir: string;
  const mllpAcks: string[] = [];
  // The corpus in three files, in order: the messages before the nightly batch, the nightly batch
  // as it is, the messages after it (one of them a resend of an earlier message).
  const nightlyAt = manifest.messages.findIndex((m) => m.file === NIGHTLY_BATCH);
  const before = manifest.messages.slice(0, nightlyAt).map((m) => m.file);
  const after = manifest.messages.slice(nightlyAt + 1).map((m) => m.file);
  const drops = [
    { name: 'hie-daily-1.hl7', bytes: batchOf(before, '1') },
    { name: 'hie-nightly.hl7', bytes: corpusFile(NIGHTLY_BATCH) },
    { name: 'hie-daily-2.hl7', bytes: batchOf(after, '2') },
  ];

  /** Writes a file the way senders are asked to: under a `.tmp` name, then renamed into place. */
  async function dropFile(name: string, bytes: Buffer, modifiedAt: Date): Promise<void> {
    const temporary = path.join(dir, `${name}.tmp`);
    await writeFile(temporary, bytes);
    await utimes(temporary, modifiedAt, modifiedAt);
    await rename(temporary, path.join(dir, name));
  }

  async function reportOf(folder: 'done' | 'failed', name: string, nth = 0): Promise<Report> {
    const reports = (await readdir(path.join(dir, folder)))
      .filter((entry) => entry.endsWith(`-${name}.report.json`))
      .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
    const report = reports[nth];
    if (!report) throw new Error(`no report ${nth} for ${name} in ${folder}/`);
    return JSON.parse(await readFile(path.join(dir, folder, report), 'utf8')) as Report;
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'adt-e2e-file-drop-'));
    // Both workers apply the messages in the order they were received (one batch at a time, each
    // sorted by message id; WORKER_CONCURRENCY 1 keeps that so with batches off): in parallel, a
    // follow-up's risk score depends on which of the patient's earlier visits another job had
    // applied yet, whichever way the messages came in.
    const environment = { ...manifest.environment, WORKER_CONCURRENCY: '1' };
    [overMllp, fileDrop] = await Promise.all([
      startTestStack('file-drop-mllp', environment),
      startTestStack('file-drop-files', {
        ...environment,
        FILE_DROP_DIR: dir,
        FILE_DROP_POLL_INTERVAL_MS: '200',
        FILE_DROP_STABLE_MS: '0',
      }),
    ]);
    const peer = await MllpPeer.connect(overMllp.listener.mllpPort);
    try {
      for (const { file } of manifest.messages) {
        mllpAcks.push(...ackCodesOf((await peer.sendForFrame(corpusFile(file), 10_000)).payload));
      }
    } finally {
      peer.close();
    }
    // Oldest first is the order files are read in.
    const start = Date.now() - 60_000;
    for (const [index, { name, bytes }] of drops.entries()) {
      await dropFile(name, bytes, new Date(start + index * 1_000));
    }
    await waitFor(async () => {
      const done = await fileDrop.db.pool.query<{ n: string }>(
        "SELECT count(*) AS n FROM file_drops WHERE status <> 'processing'",
      );
      return Number(done.rows[0]?.n) === drops.length ? true : undefined;
    }, SETTLE_TIMEOUT_MS);
    await Promise.all([settle(overMllp), settle(fileDrop)]);
  }, 300_000);

  afterAll(async () => {
    await Promise.all([overMllp.stop(), fileDrop.stop()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('answers every message in the reports with the code it got over MLLP', async () => {
    const reports = [
      await reportOf('failed', 'hie-daily-1.hl7'),
      await reportOf('done', 'hie-nightly.hl7'),
      await reportOf('done', 'hie-daily-2.hl7'),
    ];
    expect(reports.map((r) => r.status)).toEqual(['refused', 'done', 'done']);
    expect(reports.flatMap((r) => r.messages.map((m) => m.ackCode))).toEqual(mllpAcks);
    expect(mllpAcks.length).toBeGreaterThanOrEqual(50);
  });

  it('stores the same messages, patients, encounters and follow-ups', async () => {
    const [viaMllp, viaFiles] = await Promise.all([storedState(overMllp), storedState(fileDrop)]);
    expect(viaMllp.followUps.length).toBeGreaterThan(10);
    expect(viaFiles.messages).toEqual(viaMllp.messages);
    expect(viaFiles.patients).toEqual(viaMllp.patients);
    expect(viaFiles.encounters).toEqual(viaMllp.encounters);
    expect(viaFiles.followUps).toEqual(viaMllp.followUps);
    expect(viaFiles.counts).toEqual(viaMllp.counts);
  });

  it('a batch file dropped twice creates nothing twice', async () => {
    const first = await reportOf('failed', 'hie-daily-1.hl7');
    const state = await storedState(fileDrop);
    await dropFile('hie-daily-1.hl7', drops[0]?.bytes ?? Buffer.alloc(0), new Date(Date.now() - 1_000));
    const again = await waitFor(() => reportOf('done', 'hie-daily-1.hl7').catch(() => undefined), 30_000);
    expect(again).toMatchObject({ status: 'duplicate', duplicateOf: first.fileDropId, messages: [] });
    await settle(fileDrop);
    expect(await storedState(fileDrop)).toEqual(state);
  }, 150_000);

  it('the same messages in another file are duplicates by the message rules: no new patient, encounter or follow-up', async () => {
    const state = await storedState(fileDrop);
    // The same messages in a batch of another control id: other bytes, the same messages.
    await dropFile('hie-daily-2-resent.hl7', batchOf(after, '2-resent'), new Date(Date.now() - 1_000));
    const report = await waitFor(
      () => reportOf('done', 'hie-daily-2-resent.hl7').catch(() => undefined),
      30_000,
    );
    const first = await reportOf('done', 'hie-daily-2.hl7');
    expect(report.messages.map((m) => m.ackCode)).toEqual(first.messages.map((m) => m.ackCode));
    expect(report.messages.filter((m) => m.outcome === 'accepted')).toEqual([]);
    await settle(fileDrop);
    const now = await storedState(fileDrop);
    expect(now.patients).toEqual(state.patients);
    expect(now.encounters).toEqual(state.encounters);
    expect(now.followUps).toEqual(state.followUps);
  }, 150_000);
});
