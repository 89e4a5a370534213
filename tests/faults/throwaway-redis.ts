/**
 * A Redis of the suite's own, with no persistence: killing it loses every key, which is the fault
 * under test. The machine's shared Redis is never touched.
 */
import type { ChildProcess } from 'node:child_process';
import { freePort, spawnTracked, stopProcess, waitForPort } from './child-process-control.js';

/** A throw-away Redis server. */
export interface ThrowawayRedis {
  url: string;
  /** SIGKILL: the data is gone. */
  kill: () => Promise<void>;
  /** Starts an empty server on the same port. */
  start: () => Promise<void>;
  stop: () => Promise<void>;
}

/** Starts a throw-away Redis on a free port. */
export async function startThrowawayRedis(): Promise<ThrowawayRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawnTracked('redis-server', [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
    ]);
    await waitForPort(port, 10_000, child);
  };
  const kill = async () => {
    if (child) await stopProcess(child, 'SIGKILL');
    child = null;
  };
  await start();
  return { url: `redis://127.0.0.1:${String(port)}`, kill, start, stop: kill };
}
