/**
 * Pulls the files waiting on an SFTP server (a health information exchange's outbox) into the
 * file-drop directory on a schedule, where the file drop reads them like any dropped file.
 *
 * A remote file is taken once it is complete (named as final and unchanged for `stableMs`): it is
 * downloaded under a hidden temporary name, renamed into the drop directory (keeping the remote
 * modification time, so files are read in the server's order), and only then removed from the
 * server. When the removal fails the next pull fetches it again, and the file drop records that
 * copy as a duplicate of the first: nothing is processed twice.
 */
import { createHash } from 'node:crypto';
import { readFile, rm, utimes } from 'node:fs/promises';
import path from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import type { FileDropSettings } from '@adt/config';
import type { Logger } from '@adt/logging';
import { Counter, startIntervalLoop, type Registry } from '@adt/observability';
import { isInProgressName, moveWithoutOverwrite } from './file-drop-directory.js';

/** The SFTP settings of the file drop. */
export type SftpPullSettings = NonNullable<FileDropSettings['sftp']>;

/** Options for {@link startSftpPull}. */
export interface SftpPullOptions {
  settings: SftpPullSettings;
  /** The local drop directory the files are put into. */
  dir: string;
  stableMs: number;
  /** Larger remote files are left on the server (and logged), not downloaded. */
  maxBytes: number;
  /** Receives the names of the files put into the directory (their source is recorded as `sftp`). */
  pulledNames: Set<string>;
  log: Logger;
  registry: Registry;
}

/** A running SFTP pull. */
export interface SftpPull {
  /** Pulls now; resolves to how many files it put into the directory (tests and operators). */
  runOnce: () => Promise<number>;
  stop: () => Promise<void>;
}

const READY_TIMEOUT_MS = 20_000;

/**
 * The fingerprint `ssh-keygen -lf` prints for a public key blob: `SHA256:` and the unpadded
 * base64 of its SHA-256.
 * @param key - the server's host key, in SSH wire format
 */
export function hostKeyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/**
 * Starts pulling on the configured interval; the first pull runs at once.
 * @param options - server, local directory, limits
 */
export function startSftpPull(options: SftpPullOptions): SftpPull {
  const { settings, log } = options;
  const url = new URL(settings.url);
  const remoteDir = decodeURIComponent(url.pathname) || '.';
  const pulled = new Counter({
    name: 'adt_file_drop_sftp_files_total',
    help: 'Files pulled from the SFTP server into the file-drop directory, or left there for being too large',
    labelNames: ['outcome'],
    registers: [options.registry],
  });

  const connect = async (): Promise<SftpClient> => {
    // The library prints connection events to the console unless given its own handlers.
    const client = new SftpClient('adt-file-drop', {
      error: (error: unknown) => {
        log.warn({ err: error, host: url.hostname }, 'sftp connection error');
      },
      end: () => {
        log.debug({ host: url.hostname }, 'sftp connection ended');
      },
      close: () => {
        log.debug({ host: url.hostname }, 'sftp connection closed');
      },
    });
    const password = decodeURIComponent(url.password);
    await client.connect({
      host: url.hostname,
      port: url.port ? Number(url.port) : 22,
      username: decodeURIComponent(url.username),
      ...(password ? { password } : {}),
      ...(settings.privateKeyFile ? { privateKey: await readFile(settings.privateKeyFile) } : {}),
      // Only the server whose key the operator configured is trusted: no trust on first use.
      hostVerifier: (key: Buffer) => hostKeyFingerprint(key) === settings.hostKeySha256,
      readyTimeout: READY_TIMEOUT_MS,
    });
    return client;
  };

  const pullFile = async (client: SftpClient, name: string, modifiedAtMs: number): Promise<void> => {
    const remote = path.posix.join(remoteDir, name);
    // Hidden while it downloads: the file drop does not read it half written.
    const temporary = path.join(options.dir, `.sftp-${process.pid}-${name}.tmp`);
    try {
      await client.get(remote, temporary);
      const modifiedAt = new Date(modifiedAtMs);
      await utimes(temporary, modifiedAt, modifiedAt);
      const placed = await moveWithoutOverwrite(temporary, options.dir, name);
      options.pulledNames.add(path.basename(placed));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    pulled.inc({ outcome: 'pulled' });
    try {
      await client.delete(remote);
    } catch (error) {
      log.warn(
        { err: error, fileName: name },
        'sftp pull: file not removed from the server; it will be pulled again and recorded as a duplicate',
      );
    }
    log.info({ fileName: name }, 'sftp pull: file pulled into the drop directory');
  };

  const pullAll = async (): Promise<number> => {
    const client = await connect();
    try {
      const now = Date.now();
      const entries = (await client.list(remoteDir))
        .filter((entry) => entry.type === '-' && isPlainName(entry.name) && !isInProgressName(entry.name))
        .sort((a, b) => a.modifyTime - b.modifyTime || a.name.localeCompare(b.name));
      let count = 0;
      for (const entry of entries) {
        if (now - entry.modifyTime < options.stableMs) continue;
        if (entry.size > options.maxBytes) {
          pulled.inc({ outcome: 'too_large' });
          log.warn(
            { fileName: entry.name, sizeBytes: entry.size, maxBytes: options.maxBytes },
            'sftp pull: file larger than FILE_DROP_MAX_BYTES left on the server',
          );
          continue;
        }
        await pullFile(client, entry.name, entry.modifyTime);
        count += 1;
      }
      return count;
    } finally {
      await client.end();
    }
  };

  // One pull at a time, scheduled or asked for: two would download the same files.
  let previous: Promise<unknown> = Promise.resolve();
  const runOnce = (): Promise<number> => {
    const run = previous.then(pullAll, pullAll);
    previous = run.catch(() => undefined);
    return run;
  };

  const onError = (error: unknown): void => {
    log.warn({ err: error, host: url.hostname }, 'sftp pull failed; will retry');
  };
  // The first pull now, ahead of any asked for; then one every interval.
  runOnce().catch(onError);
  const loop = startIntervalLoop(runOnce, { intervalMs: settings.intervalMs, onError });
  log.info({ host: url.hostname, remoteDir, intervalMs: settings.intervalMs }, 'sftp pull started');
  return {
    runOnce,
    stop: async () => {
      await loop.stop();
      await previous;
    },
  };
}

/** A name that stays inside the drop directory: no path separator, NUL, or `.`/`..`. */
function isPlainName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);
}
