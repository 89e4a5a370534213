/**
 * The product under test, run as in production: listener, follow-up worker and API as three
 * `node services/<name>/dist/main.js` processes, against a database created for this run
 * (`adt_bench_<random>`, dropped at the end), a queue prefix of its own and free loopback ports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApiToken, createPool, createUser, ensureTeam, migrateDatabase, type Role } from '@adt/db';
import { createAdtEventsQueue, createProducerConnection } from '@adt/queue';
import { stopChild, trackChild } from './child-processes.js';

/** Repository root (the services are started from here). */
export const ROOT = path.resolve(import.meta.dirname, '../..');
const READY_TIMEOUT_MS = 60_000;
// The services' own graceful stop waits up to 10 s for connections and running jobs.
const STOP_TIMEOUT_MS = 30_000;
const SERVICES = [
  { name: 'listener', dir: 'listener', portVariable: 'LISTENER_HTTP_PORT' },
  { name: 'worker', dir: 'followup-worker', portVariable: 'WORKER_HTTP_PORT' },
  { name: 'api', dir: 'api', portVariable: 'HTTP_PORT' },
] as const;

/** The name of one of the product's processes. */
export type ServiceName = (typeof SERVICES)[number]['name'];

/** Postgres pool type, as `@adt/db` creates it. */
export type Pool = ReturnType<typeof createPool>;

/** Counts of stored messages by processing status. */
export type StatusCounts = Record<string, number>;

/** How waiting for the worker to catch up went. */
export interface DrainResult {
  drained: boolean;
  seconds: number;
  /** Messages still waiting when the wait ended. */
  pending: number;
  /** Messages processed during the wait. */
  processed: number;
  /** Messages the worker processed per second while nothing else was sent (null if too short to tell). */
  processedPerS: number | null;
}

/** A running product stack and the handles the scenarios need. */
export interface ProductStack {
  databaseName: string;
  databaseUrl: string;
  queuePrefix: string;
  mllpPort: number;
  apiPort: number;
  /** The worker's ops HTTP port (its /metrics count statements and commits). */
  workerHttpPort: number;
  /** Process ids of listener, worker and api (for RSS and pausing). */
  pids: Record<ServiceName, number>;
  /** The benchmark's own small pool on the run's database (baselines, checks). */
  pool: Pool;
  adminToken: string;
  navigatorToken: string;
  /** Where each service's stdout/stderr goes. */
  logDir: string;
  /** Freezes the worker (SIGSTOP): the ingest-only measurements. */
  pauseWorker: () => void;
  resumeWorker: () => void;
  /** Stored messages by status. */
  statusCounts: () => Promise<StatusCounts>;
  /** Waits until no message is waiting for (or retrying) processing. */
  waitForDrain: (timeoutMs: number) => Promise<DrainResult>;
  /** Lines each service wrote to its log (warnings and errors at LOG_LEVEL=warn). */
  logLineCounts: () => Record<ServiceName, number>;
  stop: () => Promise<Record<ServiceName, number | null>>;
}

/** Options for {@link startProductStack}. */
export interface ProductStackOptions {
  /** Extra node flags for the services, e.g. `--cpu-prof`. */
  nodeArgs?: readonly string[];
  /** Services that get `nodeArgs` (all by default). */
  profiled?: readonly ServiceName[];
}

/** The Postgres server to use: DATABASE_URL's server when set, else the local one. */
function serverUrl(database: string): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${database}`;
  return url.toString();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

async function waitReady(name: string, child: ChildProcess, port: number, logFile: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited during start-up; its log (${logFile}):\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(200);
  }
  throw new Error(`${name} not ready after ${READY_TIMEOUT_MS} ms (${last}); log: ${logFile}`);
}

/**
 * A Redis connection that is ready for commands: the product's producer connection fails commands
 * sent before it has connected instead of queueing them.
 */
export async function openRedis(): Promise<ReturnType<typeof createProducerConnection>> {
  const redis = createProducerConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  if (redis.status !== 'ready') {
    await Promise.race([
      new Promise((resolve) => redis.once('ready', resolve)),
      sleep(5_000).then(() => {
        redis.disconnect();
        throw new Error('Redis not ready within 5 s');
      }),
    ]);
  }
  return redis;
}

/** Sends a signal to a process that may already have exited. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // gone already: nothing to pause or resume
  }
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function countLines(file: string): number {
  try {
    const text = readFileSync(file, 'utf8');
    return text.length === 0 ? 0 : text.split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
}

/**
 * Creates the run's database, applies the migrations, starts the three services and waits until
 * each answers /readyz.
 * @param options - extra node flags (profiling)
 */
export async function startProductStack(options: ProductStackOptions = {}): Promise<ProductStack> {
  const id = randomBytes(5).toString('hex');
  const databaseName = `adt_bench_${id}`;
  const databaseUrl = serverUrl(databaseName);
  const queuePrefix = `adt-bench-${id}`;
  const logDir = path.join(os.tmpdir(), `adt-bench-${id}`);
  mkdirSync(logDir, { recursive: true });

  const admin = createPool({ connectionString: serverUrl('postgres'), max: 1, applicationName: 'adt-bench' });
  await admin.query(`CREATE DATABASE ${databaseName}`);
  const children = new Map<ServiceName, ChildProcess>();
  const pool = createPool({ connectionString: databaseUrl, max: 40, applicationName: 'adt-bench' });

  const dropEverything = async () => {
    await pool.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await admin.end();
    const redis = await openRedis();
    try {
      const queue = createAdtEventsQueue({ connection: redis, prefix: queuePrefix });
      await queue.obliterate({ force: true });
      await queue.close();
    } finally {
      redis.disconnect();
    }
  };

  try {
    await migrateDatabase(databaseUrl);
    const ports = {
      MLLP_PORT: await freePort(),
      LISTENER_HTTP_PORT: await freePort(),
      WORKER_HTTP_PORT: await freePort(),
      HTTP_PORT: await freePort(),
    };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: queuePrefix,
      MIGRATE_ON_START: 'false',
      MLLP_HOST: '127.0.0.1',
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // Every load-generator connection comes from 127.0.0.1: scenario (b) alone opens 32, above the
      // default per-address limit meant for one hospital's interface engine.
      MLLP_MAX_CONNECTIONS_PER_ADDRESS: '256',
      // The benchmark is one caller: (e) asks for the worklist 50 times a second and (c) polls 40
      // times a second, above the per-caller limit meant to stop a runaway script (1,200/min).
      API_RATE_LIMIT_PER_MINUTE: '1000000',
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    };
    for (const service of SERVICES) {
      const logFile = path.join(logDir, `${service.name}.log`);
      const fd = openSync(logFile, 'a');
      const profiled = options.profiled?.includes(service.name) ?? true;
      const nodeArgs = profiled ? [...(options.nodeArgs ?? [])] : [];
      const child = trackChild(
        spawn(process.execPath, [...nodeArgs, `services/${service.dir}/dist/main.js`], {
          cwd: ROOT,
          env,
          stdio: ['ignore', fd, fd],
        }),
      );
      closeSync(fd);
      children.set(service.name, child);
    }
    await Promise.all(
      SERVICES.map((service) => {
        const child = children.get(service.name);
        if (!child) throw new Error(`${service.name} not started`);
        return waitReady(
          service.name,
          child,
          ports[service.portVariable],
          path.join(logDir, `${service.name}.log`),
        );
      }),
    );
    const childOf = (name: ServiceName) => {
      const child = children.get(name);
      if (!child) throw new Error(`${name} not started`);
      return child;
    };
    const pidOf = (name: ServiceName) => {
      const pid = childOf(name).pid;
      if (pid === undefined) throw new Error(`${name} has no pid`);
      return pid;
    };
    const pids = { listener: pidOf('listener'), worker: pidOf('worker'), api: pidOf('api') };
    // A token acts as a user: each one gets a user of its own.
    const tokenFor = async (name: string, role: Role, team: string | null) => {
      if (team !== null) await ensureTeam(pool, team);
      const user = await createUser(pool, { username: name, role, teams: team === null ? [] : [team] });
      const created = await createApiToken(pool, { userId: user.id, name });
      if (!created) throw new Error(`token for ${name} not created`);
      return created.token;
    };
    const adminToken = await tokenFor('bench-admin', 'admin', null);
    const navigatorToken = await tokenFor(
      'bench-navigator',
      'navigator',
      process.env.DEFAULT_TEAM ?? 'default',
    );

    const pendingCount = async () => {
      const result = await pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM inbound_messages WHERE status IN ('received', 'failed')",
      );
      return result.rows[0]?.n ?? 0;
    };

    return {
      databaseName,
      databaseUrl,
      queuePrefix,
      mllpPort: ports.MLLP_PORT,
      apiPort: ports.HTTP_PORT,
      workerHttpPort: ports.WORKER_HTTP_PORT,
      pids,
      pool,
      adminToken,
      navigatorToken,
      logDir,
      pauseWorker: () => {
        signal(pids.worker, 'SIGSTOP');
      },
      resumeWorker: () => {
        signal(pids.worker, 'SIGCONT');
      },
      statusCounts: async () => {
        const result = await pool.query<{ status: string; n: number }>(
          'SELECT status, count(*)::int AS n FROM inbound_messages GROUP BY status',
        );
        return Object.fromEntries(result.rows.map((row) => [row.status, row.n]));
      },
      waitForDrain: async (timeoutMs) => {
        const started = Date.now();
        const initial = await pendingCount();
        let pending = initial;
        while (pending > 0 && Date.now() - started < timeoutMs) {
          await sleep(pending > 1000 ? 1_000 : 100);
          pending = await pendingCount();
        }
        const seconds = (Date.now() - started) / 1000;
        return {
          drained: pending === 0,
          seconds,
          pending,
          processed: initial - pending,
          processedPerS: seconds > 0.5 ? Math.round((initial - pending) / seconds) : null,
        };
      },
      logLineCounts: () => ({
        listener: countLines(path.join(logDir, 'listener.log')),
        worker: countLines(path.join(logDir, 'worker.log')),
        api: countLines(path.join(logDir, 'api.log')),
      }),
      stop: async () => {
        // SIGCONT first: a frozen worker cannot handle its SIGTERM.
        signal(pids.worker, 'SIGCONT');
        const codes = {
          listener: await stopChild(childOf('listener'), STOP_TIMEOUT_MS),
          worker: await stopChild(childOf('worker'), STOP_TIMEOUT_MS),
          api: await stopChild(childOf('api'), STOP_TIMEOUT_MS),
        };
        await dropEverything();
        return codes;
      },
    };
  } catch (error) {
    await Promise.all([...children.values()].map((child) => stopChild(child, 5_000)));
    await dropEverything().catch(() => undefined);
    throw error;
  }
}
