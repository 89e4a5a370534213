/**
 * The file drop: HL7 files (one message, several, or an FHS/BHS batch per file) picked up from a
 * directory and handed to the same intake as an MLLP frame, so each message is checked, stored,
 * deduplicated and queued exactly as if it had come over MLLP.
 *
 * A file is read once it is complete (named as final and unchanged for `stableMs`), taken into
 * `processing/`, recorded in `file_drops` with its SHA-256, and moved with a JSON report to `done/`
 * (every message accepted, or the file is a byte-for-byte copy of one already read) or `failed/`
 * (some message refused, or the file too large). When the store is unavailable the file goes back
 * to the drop directory and is read again later: the messages it already accepted are duplicates
 * then, and nothing is created twice.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import {
  failInterruptedFileDrops,
  findCompletedFileDrop,
  fileDropReport,
  findFileDropById,
  finishFileDrop,
  insertFileDrop,
  type FileDropSource,
} from '@adt/db';
import type { Logger } from '@adt/logging';
import { Counter, startIntervalLoop, type Registry } from '@adt/observability';
import {
  claimedFiles,
  claimFile,
  moveWithoutOverwrite,
  prepareFileDropDirectory,
  readyFiles,
  type ReadyFile,
} from './file-drop-directory.js';
import { fileDropEnd, fileDropFolder } from './file-drop-outcome.js';
import type { FrameOutcome } from './message-intake.js';

/** Options for {@link startFileDrop}. */
export interface FileDropOptions {
  /** The drop directory (`FILE_DROP_DIR`). */
  dir: string;
  pollIntervalMs: number;
  stableMs: number;
  maxBytes: number;
  pool: pg.Pool;
  /** The listener's intake: one file is handled as one frame. */
  handleFrame: (payload: Buffer, peerAddress: string) => Promise<FrameOutcome>;
  /** Queues newly stored messages (the sweep catches any this misses). */
  enqueue: (messageIds: string[]) => void;
  /** Names of files the SFTP pull put into the directory (recorded with source `sftp`). */
  pulledNames?: Set<string>;
  log: Logger;
  registry: Registry;
}

/** A running file drop. */
export interface FileDrop {
  /** Reads the files that are ready now; resolves to how many it read (tests and operators). */
  runOnce: () => Promise<number>;
  /** Stops looking; a file being read is finished first. */
  stop: () => Promise<void>;
}

// What a stored message says it came from: the file, so ops can tell it from an MLLP peer.
const MAX_PEER_NAME_CHARS = 200;

/**
 * Starts watching the drop directory. Files left in `processing/` by a process that stopped go
 * back to the directory first, and their rows are marked failed.
 * @param options - the directory, its limits, the intake and the queue
 */
export async function startFileDrop(options: FileDropOptions): Promise<FileDrop> {
  const { dir, pool, log } = options;
  await prepareFileDropDirectory(dir);
  const files = new Counter({
    name: 'adt_file_drop_files_total',
    help: 'Files read from the file-drop directory, by status (done, refused, failed, duplicate)',
    labelNames: ['status'],
    registers: [options.registry],
  });
  for (const name of await claimedFiles(dir)) {
    await moveWithoutOverwrite(path.join(dir, 'processing', name), dir, name);
    log.warn(
      { fileName: name },
      'file drop: file left in processing by a stopped listener; reading it again',
    );
  }
  await failInterruptedFileDrops(pool);

  let stopping = false;

  /** Writes the report beside the file in done/ or failed/ and moves the file there. */
  const fileAway = async (id: string, name: string, claimed: string): Promise<void> => {
    const recorded = await findFileDropById(pool, id);
    if (!recorded || recorded.status === 'processing') throw new Error(`file drop ${id} not finished`);
    const folder = path.join(dir, fileDropFolder(recorded.status));
    const target = `${id}-${name}`;
    await writeFile(path.join(folder, `${target}.report.json`), fileDropReport(recorded));
    await rename(claimed, path.join(folder, target));
    files.inc({ status: recorded.status });
    log.info(
      {
        fileDropId: id,
        fileName: name,
        status: recorded.status,
        messageCount: recorded.messageCount,
        acceptedCount: recorded.acceptedCount,
      },
      'file drop: file read',
    );
  };

  const readClaimed = async (file: ReadyFile, claimed: string, source: FileDropSource): Promise<void> => {
    const { name } = file;
    if (file.sizeBytes > options.maxBytes) {
      const id = await insertFileDrop(pool, {
        fileName: name,
        source,
        sizeBytes: file.sizeBytes,
        checksum: null,
      });
      await finishFileDrop(pool, id, {
        status: 'failed',
        reason: `The file is ${file.sizeBytes} bytes; at most ${options.maxBytes} are read (FILE_DROP_MAX_BYTES). Split it and drop the parts`,
        results: [],
      });
      await fileAway(id, name, claimed);
      return;
    }
    const bytes = await readFile(claimed);
    const checksum = createHash('sha256').update(bytes).digest();
    const id = await insertFileDrop(pool, { fileName: name, source, sizeBytes: bytes.length, checksum });
    const earlier = await findCompletedFileDrop(pool, checksum);
    if (earlier) {
      await finishFileDrop(pool, id, {
        status: 'duplicate',
        reason: `The same bytes as file ${earlier.id} (${earlier.fileName}), read at ${earlier.receivedAt.toISOString()}: nothing was processed again`,
        results: [],
        duplicateOf: earlier.id,
      });
      await fileAway(id, name, claimed);
      return;
    }
    const outcome = await options.handleFrame(bytes, `file:${name.slice(0, MAX_PEER_NAME_CHARS)}`);
    if (outcome.toEnqueue.length > 0) options.enqueue(outcome.toEnqueue);
    const end = fileDropEnd(outcome.receipts);
    await finishFileDrop(pool, id, { status: end.status, reason: end.reason, results: outcome.receipts });
    if (!end.final) {
      await moveWithoutOverwrite(claimed, dir, name);
      files.inc({ status: 'failed' });
      log.warn({ fileDropId: id, fileName: name, reason: end.reason }, 'file drop: file will be read again');
      return;
    }
    await fileAway(id, name, claimed);
  };

  const readFileOnce = async (file: ReadyFile): Promise<boolean> => {
    const claimed = await claimFile(dir, file.name);
    if (claimed === null) return false;
    const source: FileDropSource = options.pulledNames?.delete(file.name) ? 'sftp' : 'local';
    try {
      await readClaimed(file, claimed, source);
      return true;
    } catch (error) {
      // Most likely the database: the file goes back and is read again on a later pass.
      await moveWithoutOverwrite(claimed, dir, file.name);
      if (source === 'sftp') options.pulledNames?.add(file.name);
      throw error;
    }
  };

  const readAll = async (): Promise<number> => {
    let read = 0;
    for (const file of await readyFiles(dir, options.stableMs, Date.now())) {
      if (stopping) break;
      if (await readFileOnce(file)) read += 1;
    }
    return read;
  };

  // One pass at a time, scheduled or asked for, so a pass asked for sees the files in order.
  let previous: Promise<unknown> = Promise.resolve();
  const runOnce = (): Promise<number> => {
    const run = previous.then(readAll, readAll);
    previous = run.catch(() => undefined);
    return run;
  };
  const onError = (error: unknown): void => {
    log.warn({ err: error }, 'file drop: reading the directory failed; will retry');
  };
  // The first pass now (files that waited while the listener was down), then one every interval.
  runOnce().catch(onError);
  const loop = startIntervalLoop(runOnce, { intervalMs: options.pollIntervalMs, onError });
  log.info({ dir, pollIntervalMs: options.pollIntervalMs, stableMs: options.stableMs }, 'file drop started');

  return {
    runOnce,
    stop: async () => {
      stopping = true;
      await loop.stop();
      await previous;
    },
  };
}
