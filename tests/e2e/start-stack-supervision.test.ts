/**
 * `npm start` as a practice runs it: the built services under `node scripts/start-stack.mjs`, with a
 * database it creates itself, a queue prefix and ports of its own. A sender streams ADT messages
 * over MLLP while the worker is killed with SIGKILL: the supervisor restarts it, the listener
 * answers AA to every message meanwhile, every message ends processed, and SIGTERM then stops the
 * whole stack with exit code 0.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MllpClient } from '@adt/cli';
import { createPool } from '@adt/db';
import { ackCodeFromAck } from '@adt/hl7';
import { createAdtEventsQueue, createProducerConnection } from '@adt/queue';
import { hl7TestMessage, serverUrl, testQueuePrefix, testRedisUrl } from '@adt/testing';
import { freePort } from '../faults/child-process-control.js';
import { waitFor } from './stack.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
// The build `npm start` runs first; a turbo cache hit when nothing changed, a minute or so when cold.
const BUILD_TIMEOUT_MS = 240_000;
const READY_TIMEOUT_MS = 60_000;
const WORKER_BACK_WITHIN_MS = 10_000;
const ACK_TIMEOUT_MS = 5_000;

/** An admit (even `n`) or the discharge of that admission (odd `n`), each pair its own patient. */
function adtMessage(run: string, n: number): { text: string; controlId: string } {
  const visit = `V${run}${String(Math.floor(n / 2))}`;
  const event = n % 2 === 0 ? 'A01' : 'A03';
  const controlId = `${run}-${String(n)}`;
  const text = hl7TestMessage({
    controlId,
    event,
    mrn: `M${visit}`,
    pv1: { 3: '', 19: visit, 44: '20261114083000', ...(event === 'A03' ? { 45: '20261118140000' } : {}) },
  });
  return { text, controlId };
}

/** The supervisor's output, line by line, and waits for a line. */
class OutputLines {
  readonly lines: string[] = [];
  private readonly waiters = new Set<() => void>();

  follow(input: NodeJS.ReadableStream): void {
    readline.createInterface({ input, crlfDelay: Infinity }).on('line', (line) => {
      this.lines.push(line);
      for (const wake of this.waiters) wake();
    });
  }

  /** The first line matching `pattern` (searched from `from`), within `timeoutMs`. */
  async waitFor(pattern: RegExp, timeoutMs: number, from = 0): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const line of this.lines.slice(from)) {
        const match = pattern.exec(line);
        if (match) return match;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `no line matching ${String(pattern)} within ${String(timeoutMs)} ms:\n${this.tail()}`,
        );
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }

  tail(count = 40): string {
    return this.lines.slice(-count).join('\n');
  }
}

/** An acknowledgment the stream received, and when. */
interface StreamAck {
  controlId: string;
  code: string;
  at: number;
}

/**
 * Sends ADT messages one after another on one connection, each expected to be answered AA at once:
 * no retransmission, so a missing or negative answer fails the stream.
 */
class MessageStream {
  readonly acks: StreamAck[] = [];
  readonly done: Promise<void>;
  failure: Error | null = null;
  private running = true;

  constructor(
    private readonly client: MllpClient,
    private readonly run: string,
  ) {
    this.done = this.send();
    // Awaited by the test later; a failure must not count as unhandled meanwhile.
    this.done.catch((error: unknown) => {
      this.failure = error instanceof Error ? error : new Error(String(error));
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.done;
  }

  private async send(): Promise<void> {
    for (let n = 0; this.running; n += 1) {
      const message = adtMessage(this.run, n);
      const ack = ackCodeFromAck(await this.client.send(message.text, ACK_TIMEOUT_MS));
      if (ack.code !== 'AA' || ack.controlId !== message.controlId) {
        throw new Error(
          `message ${message.controlId} answered ${ack.code} for ${ack.controlId}: ${ack.text}`,
        );
      }
      this.acks.push({ controlId: ack.controlId, code: ack.code, at: Date.now() });
      await sleep(20);
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function readyzStatus(port: number): Promise<number | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${String(port)}/readyz`, {
      signal: AbortSignal.timeout(1_000),
    });
    await response.text();
    return response.status;
  } catch {
    return null;
  }
}

describe('npm start supervises the services', () => {
  const run = randomBytes(3).toString('hex');
  const database = `adt_supervision_${run}`;
  const databaseUrl = new URL(serverUrl());
  databaseUrl.pathname = `/${database}`;
  const queuePrefix = testQueuePrefix('supervision');
  const output = new OutputLines();
  const pids = new Set<number>();
  let stack: ChildProcess;
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  let pool: ReturnType<typeof createPool>;
  let mllpPort: number;
  let workerHttpPort: number;

  beforeAll(async () => {
    await promisify(execFile)(
      path.join(ROOT, 'node_modules/.bin/turbo'),
      [
        'run',
        'build',
        '--output-logs=errors-only',
        '--filter=@adt/listener',
        '--filter=@adt/followup-worker',
        '--filter=@adt/api',
      ],
      { cwd: ROOT, timeout: BUILD_TIMEOUT_MS },
    );
    [mllpPort, workerHttpPort] = [await freePort(), await freePort()];
    stack = spawn(process.execPath, ['scripts/start-stack.mjs'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl.toString(),
        REDIS_URL: testRedisUrl(),
        QUEUE_PREFIX: queuePrefix,
        MLLP_HOST: '127.0.0.1',
        HTTP_HOST: '127.0.0.1',
        MLLP_PORT: String(mllpPort),
        LISTENER_HTTP_PORT: String(await freePort()),
        WORKER_HTTP_PORT: String(workerHttpPort),
        HTTP_PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exited = new Promise((resolve) => {
      stack.once('exit', (code, signal) => {
        resolve({ code, signal });
      });
    });
    output.follow(stack.stdout as NodeJS.ReadableStream);
    output.follow(stack.stderr as NodeJS.ReadableStream);
    await output.waitFor(/^adt-followup is running$/, READY_TIMEOUT_MS);
    for (const line of output.lines) {
      const started = /^\[start-stack\] \w+ started \(pid (\d+)/.exec(line);
      if (started) pids.add(Number(started[1]));
    }
    pool = createPool({ connectionString: databaseUrl.toString(), max: 2, applicationName: 'adt-test' });
  }, BUILD_TIMEOUT_MS + READY_TIMEOUT_MS);

  afterAll(async () => {
    if (stack.exitCode === null && stack.signalCode === null) {
      stack.kill('SIGTERM');
      await Promise.race([exited, sleep(30_000)]);
    }
    for (const pid of pids) {
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    await pool.end();
    const admin = createPool({ connectionString: serverUrl(), max: 1, applicationName: 'adt-test' });
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    const redis = createProducerConnection(testRedisUrl());
    const queue = createAdtEventsQueue({ connection: redis, prefix: queuePrefix });
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
  }, 60_000);

  async function processedCount(): Promise<{ processed: number; total: number }> {
    const { rows } = await pool.query<{ processed: number; total: number }>(
      `SELECT count(*) FILTER (WHERE status = 'processed')::int AS processed, count(*)::int AS total
         FROM inbound_messages`,
    );
    return rows[0] ?? { processed: 0, total: 0 };
  }

  it('restarts a SIGKILLed worker within 10 s while the listener answers AA to every message', async () => {
    // The database did not exist: the stack created it, as on a fresh machine.
    await output.waitFor(new RegExp(`^\\[start-stack\\] created database ${database} on `), 0);
    const workerPid = Number((await output.waitFor(/^\[start-stack\] worker started \(pid (\d+)\)$/, 0))[1]);

    const client = await MllpClient.connect('127.0.0.1', mllpPort);
    const stream = new MessageStream(client, run);
    await waitFor(() => {
      if (stream.failure) throw stream.failure;
      return Promise.resolve(stream.acks.length >= 20 ? true : undefined);
    }, 15_000);
    // The worker is killed while the stream goes on: a job it held comes back once its lock
    // (WORKER_LOCK_MS) expires, to the restarted worker.
    const logFrom = output.lines.length;
    process.kill(workerPid, 'SIGKILL');
    const killedAt = Date.now();

    await output.waitFor(
      /^\[start-stack\] worker was killed by SIGKILL after .*; restart 1 in 1 s$/,
      5_000,
      logFrom,
    );
    const restarted = await output.waitFor(
      /^\[start-stack\] worker started \(pid (\d+), restart 1\)$/,
      WORKER_BACK_WITHIN_MS,
      logFrom,
    );
    const newPid = Number(restarted[1]);
    pids.add(newPid);
    expect(newPid).not.toBe(workerPid);
    await waitFor(
      async () => ((await readyzStatus(workerHttpPort)) === 200 ? true : undefined),
      WORKER_BACK_WITHIN_MS - (Date.now() - killedAt),
    );
    const readyAt = Date.now();
    expect(readyAt - killedAt).toBeLessThan(WORKER_BACK_WITHIN_MS);
    await output.waitFor(/^\[start-stack\] worker ready again \(restart 1\)$/, 5_000, logFrom);

    // The stream goes on a moment with the new worker; every message was answered AA (or it threw).
    await sleep(1_000);
    await stream.stop();
    await client.close();
    const duringRestart = stream.acks.filter((a) => a.at > killedAt && a.at < readyAt);
    expect(duringRestart.length).toBeGreaterThan(0);

    await waitFor(async () => {
      const counts = await processedCount();
      return counts.processed === stream.acks.length && counts.total === stream.acks.length
        ? true
        : undefined;
    }, 20_000);

    // Only the worker was restarted: the listener and the API kept their processes.
    expect(output.lines.filter((l) => /^\[start-stack\] \w+ started/.test(l))).toHaveLength(4);
    expect(output.lines.filter((l) => /^\[start-stack\] (listener|api) (exited|was killed)/.test(l))).toEqual(
      [],
    );
  }, 75_000);

  it('stops every service on SIGTERM and exits 0', async () => {
    const logFrom = output.lines.length;
    stack.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    await output.waitFor(/^\[start-stack\] stopped \(restarts: worker 1\)$/, 1_000, logFrom);
    expect([...pids].filter(isAlive)).toEqual([]);
  }, 40_000);
});
