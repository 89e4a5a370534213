/** Files of HL7 messages picked up from the file-drop directory, and what became of each message. */
import type { Queryable } from './pool.js';

/** Where a dropped file came from. */
export type FileDropSource = 'local' | 'sftp';

/** What became of a picked-up file (see the migration for each value). */
export type FileDropStatus = 'processing' | 'done' | 'refused' | 'failed' | 'duplicate';

/** What became of one message of a file: the acknowledgment it would have had over MLLP. */
export interface FileDropMessageResult {
  /** MSH-10, or '' when the header could not be read. */
  controlId: string;
  /** MSH-9 as stored (`ADT^A03`), or ''. */
  messageType: string;
  /** MSA-1 of the ACK the message got (or would have got, had MSH-15 asked for one). */
  ackCode: string;
  /** accepted: stored and queued; duplicate: an earlier copy was; refused: stored as rejected; not_stored: the store was unavailable. */
  outcome: 'accepted' | 'duplicate' | 'refused' | 'not_stored';
  /** MSA-3 of a negative ACK. */
  reason: string | null;
  /** The stored message (the earlier copy for a duplicate); null when nothing was stored. */
  messageId: string | null;
}

/** One picked-up file. */
export interface FileDrop {
  id: string;
  fileName: string;
  source: FileDropSource;
  /** SHA-256 of the file's bytes, hex; null when the file was not read (too large). */
  checksum: string | null;
  sizeBytes: number;
  status: FileDropStatus;
  reason: string | null;
  duplicateOf: string | null;
  messageCount: number;
  acceptedCount: number;
  results: FileDropMessageResult[];
  receivedAt: Date;
  finishedAt: Date | null;
}

interface FileDropRow {
  id: string;
  file_name: string;
  source: FileDropSource;
  checksum: Buffer | null;
  size_bytes: string;
  status: FileDropStatus;
  reason: string | null;
  duplicate_of: string | null;
  message_count: number;
  accepted_count: number;
  results: FileDropMessageResult[];
  received_at: Date;
  finished_at: Date | null;
}

const FILE_DROP_COLUMNS = `id, file_name, source, checksum, size_bytes, status, reason, duplicate_of,
  message_count, accepted_count, results, received_at, finished_at`;

function toFileDrop(row: FileDropRow): FileDrop {
  return {
    id: row.id,
    fileName: row.file_name,
    source: row.source,
    checksum: row.checksum?.toString('hex') ?? null,
    sizeBytes: Number(row.size_bytes),
    status: row.status,
    reason: row.reason,
    duplicateOf: row.duplicate_of,
    messageCount: row.message_count,
    acceptedCount: row.accepted_count,
    // jsonb keeps keys in its own order: put them back in the documented one.
    results: row.results.map((r) => ({
      controlId: r.controlId,
      messageType: r.messageType,
      ackCode: r.ackCode,
      outcome: r.outcome,
      reason: r.reason,
      messageId: r.messageId,
    })),
    receivedAt: row.received_at,
    finishedAt: row.finished_at,
  };
}

/**
 * Records a picked-up file as being processed.
 * @param file - its name in the drop directory, source, size and SHA-256 (null when not read)
 * @returns the new row's id
 */
export async function insertFileDrop(
  db: Queryable,
  file: { fileName: string; source: FileDropSource; sizeBytes: number; checksum: Buffer | null },
): Promise<string> {
  const result = await db.query<{ id: string }>(
    `INSERT INTO file_drops (file_name, source, size_bytes, checksum) VALUES ($1, $2, $3, $4) RETURNING id`,
    [file.fileName, file.source, file.sizeBytes, file.checksum],
  );
  const row = result.rows[0];
  if (!row) throw new Error('file drop insert returned no row');
  return row.id;
}

/**
 * The completed file (done or refused) with these bytes, if there is one.
 * @param checksum - SHA-256 of the file's bytes
 */
export async function findCompletedFileDrop(db: Queryable, checksum: Buffer): Promise<FileDrop | null> {
  const result = await db.query<FileDropRow>(
    `SELECT ${FILE_DROP_COLUMNS} FROM file_drops WHERE checksum = $1 AND status IN ('done', 'refused')`,
    [checksum],
  );
  const row = result.rows[0];
  return row ? toFileDrop(row) : null;
}

/**
 * Records how a file ended. A second completion (done or refused) of the same bytes is recorded as
 * a duplicate of the first instead.
 * @param id - the file's row
 * @param end - its status, reason, per-message results and, for a duplicate, the earlier file
 * @returns the status recorded
 */
export async function finishFileDrop(
  db: Queryable,
  id: string,
  end: {
    status: Exclude<FileDropStatus, 'processing'>;
    reason: string | null;
    results: readonly FileDropMessageResult[];
    duplicateOf?: string | null;
  },
): Promise<FileDropStatus> {
  const accepted = end.results.filter((r) => r.outcome === 'accepted' || r.outcome === 'duplicate').length;
  const params = [id, end.status, end.reason, JSON.stringify(end.results), end.results.length, accepted];
  try {
    await db.query(
      `UPDATE file_drops SET status = $2, reason = $3, results = $4::jsonb, message_count = $5,
         accepted_count = $6, duplicate_of = $7, finished_at = now()
       WHERE id = $1`,
      [...params, end.duplicateOf ?? null],
    );
    return end.status;
  } catch (error) {
    // Unique violation: another copy of the same bytes completed first (two drops at once).
    if ((error as { code?: string }).code !== '23505') throw error;
    await db.query(
      `UPDATE file_drops f SET status = 'duplicate', reason = $2, results = $3::jsonb, message_count = $4,
         accepted_count = $5, finished_at = now(),
         duplicate_of = (SELECT d.id FROM file_drops d
                         WHERE d.checksum = f.checksum AND d.status IN ('done', 'refused'))
       WHERE f.id = $1`,
      [id, 'The same file was processed at the same time under another name', ...params.slice(3)],
    );
    return 'duplicate';
  }
}

/**
 * Marks files left in processing by a stopped process as failed (they are picked up again).
 * @returns how many were marked
 */
export async function failInterruptedFileDrops(db: Queryable): Promise<number> {
  const result = await db.query(
    `UPDATE file_drops SET status = 'failed', finished_at = now(),
       reason = 'Interrupted: the listener stopped while reading the file; it was picked up again'
     WHERE status = 'processing'`,
  );
  return result.rowCount ?? 0;
}

/**
 * The most recent files, newest first.
 * @param options - how many, and optionally only those with one status
 */
export async function listFileDrops(
  db: Queryable,
  options: { limit: number; status?: FileDropStatus },
): Promise<FileDrop[]> {
  const result = await db.query<FileDropRow>(
    `SELECT ${FILE_DROP_COLUMNS} FROM file_drops
     WHERE ($2::text IS NULL OR status = $2)
     ORDER BY received_at DESC, id DESC LIMIT $1`,
    [options.limit, options.status ?? null],
  );
  return result.rows.map(toFileDrop);
}

/** One file by id, or null. */
export async function findFileDropById(db: Queryable, id: string): Promise<FileDrop | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const result = await db.query<FileDropRow>(`SELECT ${FILE_DROP_COLUMNS} FROM file_drops WHERE id = $1`, [
    id,
  ]);
  const row = result.rows[0];
  return row ? toFileDrop(row) : null;
}

/**
 * A file's report as JSON: its row and each message's answer. Written beside the file in `done/` or
 * `failed/`, and printed by `adt file-drop show`.
 */
export function fileDropReport(file: FileDrop): string {
  const report = {
    fileDropId: file.id,
    fileName: file.fileName,
    source: file.source,
    status: file.status,
    reason: file.reason,
    duplicateOf: file.duplicateOf,
    sizeBytes: file.sizeBytes,
    checksumSha256: file.checksum,
    receivedAt: file.receivedAt.toISOString(),
    finishedAt: file.finishedAt?.toISOString() ?? null,
    messageCount: file.messageCount,
    acceptedCount: file.acceptedCount,
    messages: file.results,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
