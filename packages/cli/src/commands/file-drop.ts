import { parseArgs } from 'node:util';
import {
  fileDropReport,
  findFileDropById,
  listFileDrops,
  type createPool,
  type FileDropStatus,
} from '@adt/db';
import type { CommandIo } from './user.js';

type DatabasePool = ReturnType<typeof createPool>;

const STATUSES: readonly FileDropStatus[] = ['processing', 'done', 'refused', 'failed', 'duplicate'];
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

/** A parsed `file-drop` command line. */
export type FileDropCommand =
  { action: 'list'; limit: number; status: FileDropStatus | null } | { action: 'show'; id: string };

/** Usage lines for `file-drop`. */
export const FILE_DROP_USAGE = `  file-drop list [--status s] [--limit n]   files read from FILE_DROP_DIR, newest first (status: ${STATUSES.join(', ')})
  file-drop show <id>                       one file's report: each message's control ID, ACK code and reason
`;

/**
 * Parses `file-drop list|show` arguments.
 * @param args - the words after `file-drop`
 * @throws Error with a message for the operator when the arguments are wrong
 */
export function parseFileDropArgs(args: readonly string[]): FileDropCommand {
  const [action, ...rest] = args;
  switch (action) {
    case 'list': {
      const { values } = parseArgs({
        args: [...rest],
        options: { status: { type: 'string' }, limit: { type: 'string' } },
      });
      const limit = values.limit === undefined ? DEFAULT_LIMIT : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
        throw new Error(`--limit must be a whole number from 1 to ${MAX_LIMIT}`);
      }
      const status = values.status ?? null;
      if (status !== null && !isStatus(status)) {
        throw new Error(`--status must be one of ${STATUSES.join(', ')}`);
      }
      return { action: 'list', limit, status };
    }
    case 'show': {
      const [id] = rest;
      if (!id || !/^\d{1,18}$/.test(id))
        throw new Error('file-drop show needs a file id (a number, from file-drop list)');
      return { action: 'show', id };
    }
    case undefined:
    default:
      throw new Error(`file-drop needs list or show\n${FILE_DROP_USAGE}`);
  }
}

/**
 * Runs a `file-drop` command.
 * @param command - the parsed command
 * @param io - output
 * @returns the exit code: 1 when `show` finds no such file
 */
export async function runFileDropCommand(
  pool: DatabasePool,
  command: FileDropCommand,
  io: CommandIo,
): Promise<number> {
  switch (command.action) {
    case 'list': {
      const files = await listFileDrops(pool, {
        limit: command.limit,
        ...(command.status ? { status: command.status } : {}),
      });
      io.out(['id', 'received_at', 'status', 'messages', 'accepted', 'file', 'reason'].join('\t'));
      for (const file of files) {
        io.out(
          [
            file.id,
            file.receivedAt.toISOString(),
            file.status,
            file.messageCount,
            file.acceptedCount,
            file.fileName,
            file.reason ?? '',
          ].join('\t'),
        );
      }
      return 0;
    }
    case 'show': {
      const file = await findFileDropById(pool, command.id);
      if (!file) {
        io.err(`no file drop ${command.id}`);
        return 1;
      }
      io.out(fileDropReport(file).trimEnd());
      return 0;
    }
    default:
      command satisfies never;
      return 1;
  }
}

function isStatus(value: string): value is FileDropStatus {
  return (STATUSES as readonly string[]).includes(value);
}
