/**
 * How a dropped file ends, decided from what became of its messages, and the folder it goes to.
 */
import type { FileDropStatus } from '@adt/db';
import type { MessageReceipt } from './message-intake.js';

/** Where a finished file goes, and under which status it is recorded. */
export interface FileDropEnd {
  status: Exclude<FileDropStatus, 'processing' | 'duplicate'>;
  reason: string | null;
  /** false: the file goes back to the drop directory to be read again (the store was unavailable). */
  final: boolean;
}

/**
 * The status of a file read to the end: `done` when every message was accepted (or already was),
 * `refused` when some message was refused, `failed` and not final when some message could not be
 * stored (the same answer an MLLP sender gets for "resend later").
 * @param receipts - what became of each message, in order
 */
export function fileDropEnd(receipts: readonly MessageReceipt[]): FileDropEnd {
  const notStored = receipts.filter((r) => r.outcome === 'not_stored').length;
  if (notStored > 0) {
    return {
      status: 'failed',
      reason: `${notStored} of ${receipts.length} messages could not be stored (the database was unavailable); the file will be read again`,
      final: false,
    };
  }
  const refused = receipts.filter((r) => r.outcome === 'refused').length;
  if (refused > 0) {
    return {
      status: 'refused',
      reason: `${refused} of ${receipts.length} messages were refused`,
      final: true,
    };
  }
  return { status: 'done', reason: null, final: true };
}

/** Which of `done/` and `failed/` a recorded file goes to. */
export function fileDropFolder(status: Exclude<FileDropStatus, 'processing'>): 'done' | 'failed' {
  switch (status) {
    case 'done':
    case 'duplicate':
      return 'done';
    case 'refused':
    case 'failed':
      return 'failed';
    default:
      return status satisfies never;
  }
}
