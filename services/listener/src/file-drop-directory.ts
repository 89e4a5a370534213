/**
 * The file-drop directory on disk: which files are ready to read, and moves between the drop
 * directory and its `processing/`, `done/` and `failed/` folders.
 */
import { access, mkdir, readdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';

/** The folders made inside the drop directory. */
export const FILE_DROP_FOLDERS = ['processing', 'done', 'failed'] as const;

/** A folder inside the drop directory. */
export type FileDropFolder = (typeof FILE_DROP_FOLDERS)[number];

// Names senders and copy tools give a file while it is being written: it is renamed into place
// once complete (WinSCP writes `.filepart`, rsync a hidden `.name.XXXXXX`, curl and wget `.part`).
const IN_PROGRESS_SUFFIXES = ['.tmp', '.part', '.partial', '.filepart'];

/** A file in the drop directory that is ready to read. */
export interface ReadyFile {
  name: string;
  sizeBytes: number;
  modifiedAtMs: number;
}

/**
 * Whether a name is one a writer uses while the file is still being written (or a hidden file).
 * @param name - a file name in the drop directory
 */
export function isInProgressName(name: string): boolean {
  const lower = name.toLowerCase();
  return name.startsWith('.') || IN_PROGRESS_SUFFIXES.some((suffix) => lower.endsWith(suffix));
}

/** Makes the drop directory and its folders. */
export async function prepareFileDropDirectory(dir: string): Promise<void> {
  for (const folder of FILE_DROP_FOLDERS) await mkdir(path.join(dir, folder), { recursive: true });
}

/**
 * The regular files of the drop directory (not its folders) that are complete: not named as in
 * progress and not modified for `stableMs`. Oldest first, so a day's files are read in order.
 * @param dir - the drop directory
 * @param stableMs - how long a file must stay unmodified
 * @param nowMs - the current time
 */
export async function readyFiles(dir: string, stableMs: number, nowMs: number): Promise<ReadyFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const ready: ReadyFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || isInProgressName(entry.name)) continue;
    try {
      const info = await stat(path.join(dir, entry.name));
      // A writer still copying the file keeps moving its modification time (and a clock ahead of
      // ours puts it in the future): either way it is not ready.
      if (nowMs - info.mtimeMs < stableMs) continue;
      ready.push({ name: entry.name, sizeBytes: info.size, modifiedAtMs: info.mtimeMs });
    } catch (error) {
      // Gone between the listing and the stat (another reader, or the sender took it back).
      if (!isMissing(error)) throw error;
    }
  }
  return ready.sort((a, b) => a.modifiedAtMs - b.modifiedAtMs || a.name.localeCompare(b.name));
}

/**
 * Moves a file into a directory under a name nothing there has yet: `name`, else `name.1`, ….
 * @returns the path it was moved to
 */
export async function moveWithoutOverwrite(from: string, toDir: string, name: string): Promise<string> {
  for (let n = 0; ; n += 1) {
    const target = path.join(toDir, n === 0 ? name : `${name}.${n}`);
    if (await exists(target)) continue;
    await rename(from, target);
    return target;
  }
}

/**
 * Takes a file out of the drop directory into `processing/`; false when it is gone already.
 * @param dir - the drop directory
 * @param name - the file's name
 */
export async function claimFile(dir: string, name: string): Promise<string | null> {
  const claimed = path.join(dir, 'processing', name);
  try {
    await rename(path.join(dir, name), claimed);
    return claimed;
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/** The files left in `processing/` (by a process that stopped while reading them). */
export async function claimedFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(dir, 'processing'), { withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}
