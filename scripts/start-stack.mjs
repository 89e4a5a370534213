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
 * Reads `.env` from the repository root when present (variables already set in the environment
 * win). SIGINT, SIGTERM and SIGHUP stop every service gracefully; a second Ctrl-C a moment later
 * kills them. If one service exits on its own, the others are stopped and this exits non-zero.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

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
await checkRedis(env.REDIS_URL || DEFAULT_REDIS_URL);

const ports = {
  mllp: portOf(env.MLLP_PORT, 2575),
  listenerHttp: portOf(env.LISTENER_HTTP_PORT, 2580),
  workerHttp: portOf(env.WORKER_HTTP_PORT, 2581),
  api: portOf(env.HTTP_PORT, 3000),
};
const mllpHost = localAddress(env.MLLP_HOST);
const httpHost = localAddress(env.HTTP_HOST);

/** @type {Map<string, import('node:child_process').ChildProcess>} */
const running = new Map();
let stopping = false;
let stopRequestedAt = 0;
let failed = false;

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

function startService(service) {
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
  running.set(service.name, child);

  let ended = false;
  const onEnd = (description) => {
    if (ended) return;
    ended = true;
    running.delete(service.name);
    if (!stopping) {
      failed = true;
      say(`${service.name} ${description}; stopping the others`);
      stopAll();
    } else if (description !== 'exited with code 0') {
      failed = true;
      say(`${service.name} ${description}`);
    }
    if (running.size === 0) {
      say(failed ? 'stopped with errors' : 'stopped');
      process.exit(failed ? 1 : 0);
    }
  };
  child.on('error', (error) => {
    onEnd(`could not run: ${error.message}`);
  });
  child.on('close', (code, signal) => {
    onEnd(signal ? `was killed by ${signal}` : `exited with code ${code}`);
  });
}

function stopAll() {
  if (stopping) return;
  stopping = true;
  stopRequestedAt = Date.now();
  for (const child of running.values()) child.kill('SIGTERM');
  setTimeout(() => {
    say(`services still running after ${SHUTDOWN_TIMEOUT_MS / 1000} s; killing them`);
    killAll();
  }, SHUTDOWN_TIMEOUT_MS).unref();
}

function killAll() {
  for (const child of running.values()) {
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
    if (!stopping) {
      say(`${signal}: stopping listener, worker and api`);
      stopAll();
    } else if (Date.now() - stopRequestedAt > FORCE_STOP_AFTER_MS) {
      say(`${signal} again: killing the services`);
      killAll();
    }
  });
}
process.on('exit', () => {
  // Last resort if this process dies first: do not leave services holding the ports.
  for (const child of running.values()) child.kill('SIGTERM');
});

say(`starting listener, worker and api${dev ? ' from sources (watching for changes)' : ''}`);
for (const service of SERVICES) startService(service);

/** Polls every service's /readyz and prints how to use the stack once all answer 200. */
async function announceWhenReady() {
  const probes = [
    { name: 'listener', url: `http://${mllpHost}:${ports.listenerHttp}/readyz` },
    { name: 'worker', url: `http://${httpHost}:${ports.workerHttp}/readyz` },
    { name: 'api', url: `http://${httpHost}:${ports.api}/readyz` },
  ];
  const last = new Map();
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!stopping) {
    const pending = probes.filter((p) => last.get(p.name) !== 'ready');
    if (pending.length === 0) break;
    if (Date.now() > deadline) {
      for (const p of pending)
        say(
          `${p.name} not ready after ${READY_TIMEOUT_MS / 1000} s (${p.url}: ${last.get(p.name) ?? 'no answer'})`,
        );
      return;
    }
    await Promise.all(
      pending.map(async (p) => {
        try {
          const response = await fetch(p.url, { signal: AbortSignal.timeout(1_000) });
          const body = await response.text();
          last.set(p.name, response.ok ? 'ready' : `${response.status} ${body}`);
        } catch {
          last.set(p.name, 'no answer');
        }
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_INTERVAL_MS));
  }
  if (stopping) return;
  const api = `http://${httpHost}:${ports.api}`;
  const portFlag = ports.mllp === 2575 ? '' : ` --port ${ports.mllp}`;
  process.stderr.write(
    [
      '',
      'adt-followup is running',
      `  MLLP listener   ${mllpHost}:${ports.mllp}`,
      `  API             ${api}   (OpenAPI: ${api}/docs)`,
      `  ops             http://${mllpHost}:${ports.listenerHttp} (listener), http://${httpHost}:${ports.workerHttp} (worker): /healthz /readyz /metrics`,
      '',
      '  add a user      npm run adt -- user create admin --role admin',
      '  get a token     npm run adt -- create-token --user admin',
      `  send a message  npm run adt -- send ${FIXTURE}${portFlag}`,
      `  see the list    curl -H "Authorization: Bearer <token>" ${api}/api/worklist`,
      '',
      '  Ctrl-C stops all three.',
      '',
      '',
    ].join('\n'),
  );
}

void announceWhenReady();
