/**
 * A Postgres cluster of the suite's own, in a temporary directory, that a scenario may stop and
 * start. The machine's shared Postgres is never touched. Postgres refuses to run as root, so as
 * root the cluster belongs to the `postgres` user.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, chownSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, spawnTracked, waitForPort } from './child-process-control.js';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A throw-away Postgres server. */
export interface ThrowawayPostgres {
  url: string;
  /** Fast shutdown: every connection is cut, nothing commits until `start`. */
  stop: () => Promise<void>;
  start: () => Promise<void>;
  /** Stops the server and removes its directory. */
  destroy: () => Promise<void>;
}

function asPostgresUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

function postmasterPid(dir: string): number | null {
  try {
    const pid = Number(readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Creates a cluster with `initdb` and starts it on a free port (trust authentication, no fsync). */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'adt-faults-pg-'));
  const user = asPostgresUser();
  if (user) chownSync(dir, user.uid, user.gid);
  // Spawned with the postgres user's ids directly: no wrapper process between us and postgres.
  const ids = user ? { uid: user.uid, gid: user.gid } : {};
  execFileSync(path.join(BIN, 'initdb'), ['-D', dir, '-U', 'postgres', '--auth=trust', '--no-sync'], {
    stdio: 'ignore',
    timeout: 60_000,
    cwd: os.tmpdir(),
    ...ids,
  });
  const port = await freePort();
  const start = async () => {
    const child = spawnTracked(
      path.join(BIN, 'postgres'),
      ['-D', dir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
      { cwd: os.tmpdir(), ...ids, stdio: 'ignore' },
    );
    await waitForPort(port, 20_000, child);
  };
  const stop = async () => {
    const pid = postmasterPid(dir);
    if (pid === null || !alive(pid)) return;
    process.kill(pid, 'SIGINT');
    const deadline = Date.now() + 20_000;
    while (alive(pid)) {
      if (Date.now() > deadline) process.kill(pid, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${String(port)}/postgres`,
    stop,
    start,
    destroy: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
