/**
 * Every process the benchmark starts is registered here and killed when the benchmark exits, by
 * any path (end of run, error, signal): a run never leaves a server holding a port.
 */
import { fork, type ChildProcess } from 'node:child_process';

const children = new Set<ChildProcess>();
const PEER_START_TIMEOUT_MS = 20_000;

/**
 * Registers a child to be killed if the benchmark exits before stopping it.
 * @param child - a spawned or forked process
 */
export function trackChild(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Kills every child still running (the last resort of the exit handlers). */
export function killChildren(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

process.on('exit', killChildren);

/**
 * Asks a child to stop (SIGTERM, which the services answer with a graceful shutdown) and kills it
 * if it has not exited within `timeoutMs`.
 * @param child - the process
 * @param timeoutMs - how long the graceful stop may take
 * @returns its exit code, or null when it had to be killed or died by a signal
 */
export async function stopChild(child: ChildProcess, timeoutMs = 15_000): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      resolve(code);
    });
  });
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    child.kill('SIGKILL');
  }, timeoutMs);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** A baseline server running in a process of its own. */
export interface PeerServer {
  pid: number;
  port: number;
  stop: () => Promise<void>;
}

/**
 * Starts one of the baseline servers in `peers/` as a child process (TypeScript through tsx) and
 * waits for the port it announces.
 * @param scriptPath - absolute path of the peer's script
 */
export async function startPeer(scriptPath: string): Promise<PeerServer> {
  const child = trackChild(
    fork(scriptPath, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${scriptPath} did not start within ${PEER_START_TIMEOUT_MS} ms`));
    }, PEER_START_TIMEOUT_MS);
    child.once('message', (message: { port?: unknown }) => {
      clearTimeout(timer);
      if (typeof message.port === 'number') resolve(message.port);
      else reject(new Error(`${scriptPath} announced no port`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${scriptPath} exited with code ${code} before listening`));
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${scriptPath} has no pid`);
  return {
    pid,
    port,
    stop: async () => {
      if (child.connected) child.disconnect();
      await stopChild(child, 5_000);
    },
  };
}
