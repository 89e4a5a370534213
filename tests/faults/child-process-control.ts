/**
 * Child processes of the fault suite: spawned, killed with SIGKILL or stopped, and all killed when
 * the test process exits by any path, so no scenario leaves a server holding a port.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** Ports for the processes the suite spawns: the shared test helper. */
export { freePort } from '@adt/testing';

/** The repository root: services are started from it. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

const children = new Set<ChildProcess>();

process.on('exit', () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

/**
 * Spawns a tracked child process.
 * @param command - executable
 * @param args - arguments
 * @param options - spawn options (stdout is ignored, stderr inherited unless set)
 */
export function spawnTracked(
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
): ChildProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'], ...options });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** True while the process has not exited. */
export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/**
 * Sends a signal and waits for the exit; SIGKILL after `timeoutMs`.
 * @param child - the process
 * @param signal - SIGKILL for a crash, SIGTERM for a graceful stop
 * @param timeoutMs - how long a graceful stop may take
 */
export async function stopProcess(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
  timeoutMs = 10_000,
): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  child.kill(signal);
  const timer = setTimeout(() => {
    child.kill('SIGKILL');
  }, timeoutMs);
  await exited;
  clearTimeout(timer);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * Waits until something accepts connections on the port.
 * @param port - TCP port on 127.0.0.1
 * @param timeoutMs - failure after this long
 * @param child - when given, its early exit fails the wait at once
 */
export async function waitForPort(port: number, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await accepts(port))) {
    if (child && !isRunning(child)) throw new Error(`process exited before port ${String(port)} opened`);
    if (Date.now() > deadline)
      throw new Error(`port ${String(port)} not open within ${String(timeoutMs)} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
