/**
 * The listener, the follow-up worker and the API as real processes, so a scenario can SIGKILL one
 * of them the way a crash or the OOM killer would.
 */
import type { ChildProcess } from 'node:child_process';
import { REPO_ROOT, spawnTracked, stopProcess, waitForPort, freePort } from './child-process-control.js';

/** Where the services of one scenario store and queue. */
export interface ServiceEnv {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
}

/** A service process that can be killed and started again with the same settings. */
export interface ServiceProcess {
  /** The MLLP port (listener only; 0 for the worker). */
  mllpPort: number;
  start: () => Promise<void>;
  /** SIGKILL: no shutdown code runs. */
  kill: () => Promise<void>;
  /** SIGTERM, as an orchestrator stops a service: how it exited and how long it took. */
  terminate: () => Promise<TerminationResult>;
  stop: () => Promise<void>;
}

/** How a service ended after SIGTERM. */
export interface TerminationResult {
  code: number | null;
  signal: string | null;
  ms: number;
}

// Past this a graceful stop has failed; the process is killed so the suite can go on.
const TERMINATE_LIMIT_MS = 30_000;

async function terminate(child: ChildProcess | null): Promise<TerminationResult> {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    return { code: child?.exitCode ?? null, signal: child?.signalCode ?? null, ms: 0 };
  }
  const started = Date.now();
  const exited = new Promise<TerminationResult>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve({ code, signal, ms: Date.now() - started });
    });
  });
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), TERMINATE_LIMIT_MS);
  const result = await exited;
  clearTimeout(timer);
  return result;
}

function spawnService(name: string, env: Record<string, string>): ChildProcess {
  return spawnTracked(
    process.execPath,
    ['--conditions=@adt/source', '--import', 'tsx', `services/${name}/src/main.ts`],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', SWEEP_INTERVAL_MS: '250', SWEEP_GRACE_MS: '1000', ...env },
      stdio: ['ignore', 'ignore', 'ignore'],
    },
  );
}

/** Kill, terminate and stop for whichever process `started` was last given. */
function processControls(): {
  controls: Pick<ServiceProcess, 'kill' | 'terminate' | 'stop'>;
  started: (process: ChildProcess) => ChildProcess;
} {
  let child: ChildProcess | null = null;
  return {
    started: (process) => {
      child = process;
      return process;
    },
    controls: {
      kill: async () => {
        if (child) await stopProcess(child, 'SIGKILL');
        child = null;
      },
      terminate: async () => {
        const result = await terminate(child);
        child = null;
        return result;
      },
      stop: async () => {
        if (child) await stopProcess(child, 'SIGTERM');
        child = null;
      },
    },
  };
}

function baseEnv(env: ServiceEnv): Record<string, string> {
  return { DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, QUEUE_PREFIX: env.queuePrefix };
}

/**
 * The listener on a fixed MLLP port (kept across restarts, so senders reconnect to it).
 * @param env - database, Redis and queue prefix
 */
export async function listenerProcess(env: ServiceEnv): Promise<ServiceProcess> {
  const mllpPort = await freePort();
  const { controls, started } = processControls();
  return {
    mllpPort,
    start: async () => {
      const child = started(
        spawnService('listener', {
          ...baseEnv(env),
          MLLP_HOST: '127.0.0.1',
          MLLP_PORT: String(mllpPort),
          LISTENER_HTTP_PORT: '0',
        }),
      );
      await waitForPort(mllpPort, 45_000, child);
    },
    ...controls,
  };
}

/**
 * The follow-up worker (migrations are the listener's job).
 * @param env - database, Redis and queue prefix
 * @param opsPort - when given, the worker's ops port, and `start` waits until it answers (by then
 *   the worker takes jobs); else a port of the system's choice and `start` returns at once
 */
export function workerProcess(env: ServiceEnv, opsPort?: number): ServiceProcess {
  const { controls, started } = processControls();
  return {
    mllpPort: 0,
    start: async () => {
      const child = started(
        spawnService('followup-worker', {
          ...baseEnv(env),
          WORKER_HTTP_PORT: String(opsPort ?? 0),
          WORKER_CONCURRENCY: '4',
          MIGRATE_ON_START: 'false',
        }),
      );
      if (opsPort !== undefined) await waitForPort(opsPort, 45_000, child);
    },
    ...controls,
  };
}

/** The API as a process: its base URL besides the controls. */
export interface ApiProcess extends ServiceProcess {
  url: string;
}

/**
 * The API on a fixed port of 127.0.0.1 (migrations are the listener's job).
 * @param env - database, Redis and queue prefix
 * @param extra - further settings (rate limits)
 */
export async function apiProcess(env: ServiceEnv, extra: Record<string, string> = {}): Promise<ApiProcess> {
  const port = await freePort();
  const { controls, started } = processControls();
  return {
    mllpPort: 0,
    url: `http://127.0.0.1:${String(port)}`,
    start: async () => {
      const child = started(
        spawnService('api', {
          ...baseEnv(env),
          HTTP_HOST: '127.0.0.1',
          HTTP_PORT: String(port),
          MIGRATE_ON_START: 'false',
          ...extra,
        }),
      );
      await waitForPort(port, 45_000, child);
    },
    ...controls,
  };
}
