#!/usr/bin/env node
/**
 * Starts the whole stack on one machine: the MLLP listener, the follow-up worker and the API, each
 * as its own child process (as they run in production), with their output prefixed by name.
 *
 *   node scripts/start-stack.mjs          built services (`npm start` builds first)
 *   node scripts/start-stack.mjs --dev    TypeScript sources, restarted on change (`npm run dev`)
 *
 * Before starting, it creates the database named in DATABASE_URL when it does not exist yet, so a
 * fresh machine with a local Postgres needs no manual step. The three services start together:
 * each applies migrations at start-up under an advisory lock, so the later ones wait for the first.
 *
 * It supervises them (scripts/supervisor.mjs): a service that exits on its own is started again
 * after 1 s, doubling up to 30 s while it keeps exiting (back to 1 s once it stayed up a minute),
 * and the others keep running, so a crashed worker does not take the MLLP port down. Each exit and
 * start is logged with the restart count and the pid; SIGUSR2 prints every service's pid, uptime
 * and restarts. In --dev mode the child is node's watcher, which keeps a crashed service down until
 * a file changes.
 *
 * Reads `.env` from the repository root when present (variables already set in the environment
 * win). Only SIGINT, SIGTERM and SIGHUP stop the services, gracefully; a second Ctrl-C a moment
 * later kills them. Exits 0 when every service stopped cleanly, 1 otherwise.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createSupervisor, formatStatus } from './supervisor.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/adt_followup';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const FIXTURE = 'tests/fixtures/adt-a03-inpatient-discharge.hl7';

const READY_TIMEOUT_MS = 60_000;
const READY_POLL_INTERVAL_MS = 500;
// The services' own graceful stop waits up to 10 s for MLLP connections and for running jobs.
const SHUTDOWN_TIMEOUT_MS = 30_000;
// A signal this soon after the first is the same Ctrl-C delivered twice (terminal and npm), not a
// request to force the stop.
const FORCE_STOP_AFTER_MS = 1_000;

const SERVICES = [
  { name: 'listener', dir: 'listener' },
  { name: 'worker', dir: 'followup-worker' },
  { name: 'api', dir: 'api' },
];

const USAGE = `Usage: node scripts/start-stack.mjs [--dev]
  Starts the MLLP listener, the follow-up worker and the API as three processes.
  --dev   run the TypeScript sources with tsx and restart a service when its files change
`;

/** @param {string} text */
function say(text) {
  process.stderr.write(`[start-stack] ${text}\n`);
}

/** @param {string | undefined} value @param {number} fallback */
function portOf(value, fallback) {
  const n = Number(value === undefined || value === '' ? fallback : value);
  return Number.isInteger(n) && n > 0 && n <= 65535 ? n : fallback;
}

/** The address to reach a server bound to `host` from this machine. */
function localAddress(host) {
  const h = !host || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return h.includes(':') ? `[${h}]` : h;
}

/** host:port/database of a connection URL, without credentials (for messages). */
function describeDatabase(url) {
  return `${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname}`;
}

function quoteIdentifier(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Creates the database named in `databaseUrl` if it is missing, connecting to the `postgres`
 * maintenance database to do so. Exits with a clear message when Postgres cannot be reached.
 * @param {string} databaseUrl
 */
async function ensureDatabase(databaseUrl) {
  let target;
  try {
    target = new URL(databaseUrl);
  } catch {
    say(`DATABASE_URL is not a URL: expected e.g. ${DEFAULT_DATABASE_URL}`);
    process.exit(1);
  }
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const admin = new URL(target);
  admin.pathname = '/postgres';
  const connect = async (url) => {
    const client = new pg.Client({
      connectionString: url.toString(),
      connectionTimeoutMillis: 5_000,
      application_name: 'adt-start-stack',
    });
    await client.connect();
    return client;
  };

  let client;
  try {
    client = await connect(admin);
  } catch (error) {
    // No access to the maintenance database (a managed or locked-down server): the target may
    // still exist and be usable.
    try {
      const direct = await connect(target);
      await direct.end();
      return;
    } catch {
      const reason = error instanceof Error ? error.message : String(error);
      say(`cannot reach Postgres at ${describeDatabase(target)}: ${reason}`);
      say('start a local Postgres or set DATABASE_URL (or run the whole stack with `docker compose up`)');
      process.exit(1);
    }
  }
  try {
    if (!name || name === 'postgres') return;
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return;
    try {
      await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
      say(`created database ${name} on ${describeDatabase(admin).replace(/\/postgres$/, '')}`);
    } catch (error) {
      // 42P04: created meanwhile by someone else, which is as good.
      if (error?.code !== '42P04') {
        say(`cannot create database ${name}: ${error instanceof Error ? error.message : String(error)}`);
        say(`create it yourself (createdb ${name}) or point DATABASE_URL at an existing database`);
        process.exit(1);
      }
    }
  } finally {
    await client.end();
  }
}

/**
 * Warns (without stopping) when Redis does not accept connections: messages are still stored and
 * acknowledged, and the listener's sweep enqueues them once Redis is back.
 * @param {string} redisUrl
 */
async function checkRedis(redisUrl) {
  let url;
  try {
    url = new URL(redisUrl);
  } catch {
    return; // the services report a bad REDIS_URL themselves
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') return;
  const host = url.hostname || '127.0.0.1';
  const port = portOf(url.port, 6379);
  const reachable = await new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(2_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
  if (!reachable) {
    say(`Redis is not reachable at ${host}:${port}: messages will be stored and acknowledged, but not`);
    say('processed into follow-ups until it is (start a local Redis or set REDIS_URL)');
  }
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const unknown = args.filter((a) => a !== '--dev');
if (unknown.length > 0) {
  process.stderr.write(`unknown option: ${unknown.join(' ')}\n${USAGE}`);
  process.exit(2);
}
const dev = args.includes('--dev');

const envFile = path.join(ROOT, '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);
const env = process.env;

if (!dev) {
  const missing = SERVICES.map((s) => `services/${s.dir}/dist/main.js`).filter(
    (f) => !existsSync(path.join(ROOT, f)),
  );
  if (missing.length > 0) {
    say(`${missing.join(', ')} not built: run \`npm run build\` first (\`npm start\` builds for you)`);
    process.exit(1);
  }
}

await ensureDatabase(env.DATABASE_URL || DEFAULT_DATABASE_URL);
// With Sentinel or Cluster, REDIS_URL's host is not where Redis is; the services report it.
if (!env.REDIS_SENTINELS && !env.REDIS_CLUSTER_NODES) await checkRedis(env.REDIS_URL || DEFAULT_REDIS_URL);

const ports = {
  mllp: portOf(env.MLLP_PORT, 2575),
  listenerHttp: portOf(env.LISTENER_HTTP_PORT, 2580),
  workerHttp: portOf(env.WORKER_HTTP_PORT, 2581),
  api: portOf(env.HTTP_PORT, 3000),
};
const mllpHost = localAddress(env.MLLP_HOST);
const httpHost = localAddress(env.HTTP_HOST);

let stopRequestedAt = 0;

/** Copies a child's output line by line, each line prefixed with the service name. */
function pipeLines(input, output, prefix) {
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  lines.on('line', (line) => {
    output.write(`${prefix}${line}\n`);
  });
}

for (const stream of [process.stdout, process.stderr]) {
  // A closed reader (`npm start | head`) must not crash the supervisor while services run.
  stream.on('error', () => undefined);
}

/** @param {string} name */
function spawnService(name) {
  const service = SERVICES.find((s) => s.name === name);
  if (!service) throw new Error(`unknown service ${name}`);
  const nodeArgs = dev
    ? [
        '--conditions=@adt/source',
        '--import',
        'tsx',
        '--watch',
        // Without this, node clears the terminal on every restart, wiping the other services' output.
        '--watch-preserve-output',
        `services/${service.dir}/src/main.ts`,
      ]
    : [`services/${service.dir}/dist/main.js`];
  const child = spawn(process.execPath, nodeArgs, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a Ctrl-C in the terminal reaches only this supervisor, which sends
    // each service one SIGTERM (two signals would cut the services' graceful stop short).
    detached: true,
  });
  const prefix = `[${service.name}] `;
  pipeLines(child.stdout, process.stdout, prefix);
  pipeLines(child.stderr, process.stderr, prefix);
  return child;
}

const supervisor = createSupervisor({
  names: SERVICES.map((s) => s.name),
  spawn: spawnService,
  say,
  onStopped: (exitCode) => process.exit(exitCode),
  onRestarted: (name, restarts) => void announceReadyAgain(name, restarts),
});

function stopAll() {
  if (supervisor.stopping) return;
  stopRequestedAt = Date.now();
  supervisor.stopAll();
  setTimeout(() => {
    say(`services still running after ${SHUTDOWN_TIMEOUT_MS / 1000} s; killing them`);
    killAll();
  }, SHUTDOWN_TIMEOUT_MS).unref();
}

function killAll() {
  for (const child of supervisor.children()) {
    try {
      // The whole group: in --dev mode the service runs under node's watcher.
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (!supervisor.stopping) {
      say(`${signal}: stopping listener, worker and api`);
      stopAll();
    } else if (Date.now() - stopRequestedAt > FORCE_STOP_AFTER_MS) {
      say(`${signal} again: killing the services`);
      killAll();
    }
  });
}
// `kill -USR2 <pid of start-stack>` prints each service's pid, uptime and restarts.
process.on('SIGUSR2', () => say(`status: ${formatStatus(supervisor.status())}`));
process.on('exit', () => {
  // Last resort if this process dies first: do not leave services holding the ports.
  for (const child of supervisor.children()) child.kill('SIGTERM');
});

say(
  `starting listener, worker and api${dev ? ' from sources (watching for changes)' : ''} ` +
    `(pid ${process.pid}: kill -USR2 ${process.pid} prints their status)`,
);
supervisor.startAll();

const probes = {
  listener: `http://${mllpHost}:${ports.listenerHttp}/readyz`,
  worker: `http://${httpHost}:${ports.workerHttp}/readyz`,
  api: `http://${httpHost}:${ports.api}/readyz`,
};

/** The readiness of one service: 'ready', or what its /readyz said instead. */
async function probe(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    const body = await response.text();
    return response.ok ? 'ready' : `${response.status} ${body}`;
  } catch {
    return 'no answer';
  }
}

/** Logs when a restarted service answers its /readyz again (or that it does not yet). */
async function announceReadyAgain(name, restarts) {
  const url = probes[name];
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer';
  while (!supervisor.stopping && Date.now() <= deadline) {
    const current = supervisor.status().find((s) => s.name === name);
    // Exited again meanwhile: its next start reports for itself.
    if (current?.restarts !== restarts || current.pid === null) return;
    last = await probe(url);
    if (last === 'ready') {
      say(`${name} ready again (restart ${restarts})`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_INTERVAL_MS));
  }
  if (!supervisor.stopping)
    say(`${name} not ready ${READY_TIMEOUT_MS / 1000} s after restart ${restarts} (${url}: ${last})`);
}

/** Polls every service's /readyz and prints how to use the stack once all answer 200. */
async function announceWhenReady() {
  const last = new Map();
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!supervisor.stopping) {
    const pending = Object.keys(probes).filter((name) => last.get(name) !== 'ready');
    if (pending.length === 0) break;
    if (Date.now() > deadline) {
      for (const name of pending)
        say(
          `${name} not ready after ${READY_TIMEOUT_MS / 1000} s (${probes[name]}: ${last.get(name) ?? 'no answer'})`,
        );
      return;
    }
    await Promise.all(
      pending.map(async (name) => {
        last.set(name, await probe(probes[name]));
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_INTERVAL_MS));
  }
  if (supervisor.stopping) return;
  const api = `http://${httpHost}:${ports.api}`;
  const portFlag = ports.mllp === 2575 ? '' : ` --port ${ports.mllp}`;
  process.stderr.write(
    [
      '',
      'adt-followup is running',
      `  MLLP listener   ${mllpHost}:${ports.mllp}`,
      `  API             ${api}   (OpenAPI: ${api}/docs)`,
      `  ops             http://${mllpHost}:${ports.listenerHttp} (listener), http://${httpHost}:${ports.workerHttp} (worker): /healthz /readyz /metrics`,
      // The listener reads dropped HL7 files when FILE_DROP_DIR is set (docs/file-drop.md).
      ...(env.FILE_DROP_DIR
        ? [
            `  file drop       ${env.FILE_DROP_DIR}${env.FILE_DROP_SFTP_URL ? ' (and the SFTP pull)' : ''}: done/, failed/, npm run adt -- file-drop list`,
          ]
        : []),
      '',
      '  add a user      npm run adt -- user create admin --role admin',
      '  get a token     npm run adt -- create-token --user admin',
      `  send a message  npm run adt -- send ${FIXTURE}${portFlag}`,
      `  see the list    curl -H "Authorization: Bearer <token>" ${api}/api/worklist`,
      '',
      `  status          kill -USR2 ${process.pid}   (pid, uptime and restarts of each service)`,
      '',
      '  A service that exits is restarted; Ctrl-C stops all three.',
      '',
      '',
    ].join('\n'),
  );
}

void announceWhenReady();
