/**
 * Fault injection: with a sender that retransmits on a missing ACK, every message sent is processed
 * exactly once and each encounter ends with exactly one follow-up, across a worker crash, a
 * listener crash, a Redis that restarts empty, a Postgres stop and start, and a network that cuts
 * connections mid-frame. Each scenario prints sent / acked / processed / lost / duplicated.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createPool, migrateDatabase, type Queryable } from '@adt/db';
import { createTestDatabase, testQueuePrefix } from '@adt/testing';
import { RetransmittingSender, totalStats } from './retransmitting-sender.js';
import { listenerProcess, workerProcess, type ServiceProcess } from './service-processes.js';
import { startThrowawayRedis, type ThrowawayRedis } from './throwaway-redis.js';
import { startThrowawayPostgres } from './throwaway-postgres.js';
import { startCuttingProxy } from './cutting-proxy.js';
import { buildLoad, printSummary, settle, storedCounts, type ScenarioOutcome } from './fault-load.js';
import { sleep, until } from './waiting.js';

const ENCOUNTERS = 100;
const SENDERS = 3;
/** How long processing may take after the last ACK. */
const SETTLE_MS = 60_000;
/**
 * After a worker SIGKILL its in-flight jobs wait for their lock to expire and a stalled check
 * (WORKER_LOCK_MS 8 s, WORKER_STALLED_CHECK_MS 3 s: within 15 s); the budget leaves room for a
 * loaded machine.
 */
const STALL_SETTLE_MS = 90_000;

/** What a fault sees of the running scenario. */
interface Stage {
  listener: ServiceProcess;
  worker: ServiceProcess;
  redis: ThrowawayRedis;
  pool: Queryable;
  /** Distinct messages acknowledged so far. */
  acked: () => number;
  /** Refusals (AR/AE) the senders received so far. */
  refusals: () => number;
}

async function processedSoFar(pool: Queryable): Promise<number> {
  try {
    return (await storedCounts(pool)).processed;
  } catch {
    return 0;
  }
}

interface ScenarioOptions {
  name: string;
  tag: string;
  databaseUrl: string;
  pool: Queryable;
  /** False: the fault starts the worker itself. */
  startWorker?: boolean;
  /** The port senders connect to (a proxy in front of the listener); the listener's by default. */
  senderPort?: (listener: ServiceProcess) => Promise<{ port: number; stop: () => Promise<void> }>;
  fault: (stage: Stage) => Promise<void>;
  /** Bound on the wait for processing after the last ACK. */
  settleMs?: number;
}

const outcomes: ScenarioOutcome[] = [];

async function runScenario(
  options: ScenarioOptions,
): Promise<{ outcome: ScenarioOutcome; refusals: number; connections: number }> {
  const began = Date.now();
  const redis = await startThrowawayRedis();
  const env = {
    databaseUrl: options.databaseUrl,
    redisUrl: redis.url,
    queuePrefix: testQueuePrefix(options.tag),
  };
  const listener = await listenerProcess(env);
  const worker = workerProcess(env);
  const senders: RetransmittingSender[] = [];
  let front: { port: number; stop: () => Promise<void> } | null = null;
  try {
    await listener.start();
    if (options.startWorker !== false) await worker.start();
    front = options.senderPort ? await options.senderPort(listener) : null;
    const port = front?.port ?? listener.mllpPort;
    const lanes = buildLoad(options.tag, ENCOUNTERS, SENDERS);
    for (const _ of lanes) {
      senders.push(
        new RetransmittingSender({
          host: '127.0.0.1',
          port: () => port,
          ackTimeoutMs: 4_000,
          retryDelayMs: 200,
          giveUpMs: 60_000,
        }),
      );
    }
    const stage: Stage = {
      listener,
      worker,
      redis,
      pool: options.pool,
      acked: () => totalStats(senders).acked,
      refusals: () => totalStats(senders).refusals,
    };
    await Promise.all([...lanes.map((lane, i) => senders[i]?.deliver(lane)), options.fault(stage)]);
    const sent = lanes.flat().length;
    const counts = await settle(options.pool, sent, options.settleMs ?? SETTLE_MS);
    const stats = totalStats(senders);
    const outcome: ScenarioOutcome = {
      scenario: options.name,
      sent: stats.sent,
      acked: stats.acked,
      transmissions: stats.transmissions,
      processed: counts.processed,
      lost: sent - counts.processed,
      duplicated: counts.processedTwice + counts.extraFollowUps,
      encounters: counts.encountersWithOne,
      followUps: counts.followUps,
      seconds: (Date.now() - began) / 1000,
    };
    outcomes.push(outcome);
    expect(counts.failed).toBe(0);
    expect(outcome.sent).toBe(ENCOUNTERS * 2);
    expect(outcome.acked).toBe(outcome.sent);
    expect(outcome.lost).toBe(0);
    expect(outcome.duplicated).toBe(0);
    expect(counts.encountersWithOne).toBe(ENCOUNTERS);
    return { outcome, refusals: stats.refusals, connections: stats.connections };
  } finally {
    for (const s of senders) s.close();
    await front?.stop();
    await worker.stop();
    await listener.stop();
    await redis.stop();
  }
}

/** mulberry32: a seeded generator, so a cut pattern can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A scenario on a database of its own in the shared test Postgres. */
async function withTestDatabase<T>(
  label: string,
  run: (url: string, pool: Queryable) => Promise<T>,
): Promise<T> {
  const db = await createTestDatabase(migrateDatabase, label);
  try {
    return await run(db.url, db.pool);
  } finally {
    await db.drop();
  }
}

// Scenarios run one after another (the default within a file): each owns its processes and ports.
describe('fault injection: every message processed exactly once', () => {
  afterAll(() => {
    printSummary(outcomes);
  });

  it('worker SIGKILL mid-batch, then restarted', { timeout: 240_000 }, async () => {
    await withTestDatabase('faultworker', (url, pool) =>
      runScenario({
        name: 'worker kill -9',
        tag: 'FW',
        databaseUrl: url,
        pool,
        startWorker: false,
        settleMs: STALL_SETTLE_MS,
        fault: async (stage) => {
          // A backlog first, so the worker is in the middle of a batch when it dies.
          await until(() => stage.acked() >= 120, 60_000, 'backlog');
          await stage.worker.start();
          await until(async () => (await processedSoFar(stage.pool)) >= 30, 60_000, 'first processing');
          await stage.worker.kill();
          const processedAtKill = await processedSoFar(stage.pool);
          expect(processedAtKill).toBeLessThan(ENCOUNTERS * 2);
          await sleep(500);
          await stage.worker.start();
        },
      }),
    );
  });

  it(
    'listener SIGKILL mid-stream, then restarted; unacknowledged messages resent',
    { timeout: 120_000 },
    async () => {
      await withTestDatabase('faultlistener', async (url, pool) => {
        const { connections } = await runScenario({
          name: 'listener kill -9',
          tag: 'FL',
          databaseUrl: url,
          pool,
          fault: async (stage) => {
            await until(() => stage.acked() >= 70, 60_000, 'stream under way');
            await stage.listener.kill();
            await sleep(500);
            await stage.listener.start();
          },
        });
        // Every sender lost its connection and had to reconnect.
        expect(connections).toBeGreaterThanOrEqual(2 * SENDERS);
      });
    },
  );

  it('Redis restarted empty; the sweep rebuilds the queue from Postgres', { timeout: 120_000 }, async () => {
    await withTestDatabase('faultredis', (url, pool) =>
      runScenario({
        name: 'redis restart, data lost',
        tag: 'FR',
        databaseUrl: url,
        pool,
        startWorker: false,
        fault: async (stage) => {
          // Jobs waiting in Redis when it dies: only Postgres still knows them.
          await until(() => stage.acked() >= 100, 60_000, 'backlog');
          await stage.redis.kill();
          await sleep(1_000);
          await stage.redis.start();
          await stage.worker.start();
        },
      }),
    );
  });

  it(
    'Postgres stopped and started; AR while it is down, recovery without a restart',
    { timeout: 150_000 },
    async () => {
      const postgres = await startThrowawayPostgres();
      const pool = createPool({ connectionString: postgres.url, max: 2, applicationName: 'adt-faults' });
      try {
        const { refusals } = await runScenario({
          name: 'postgres stop/start',
          tag: 'FP',
          databaseUrl: postgres.url,
          pool,
          fault: async (stage) => {
            await until(() => stage.acked() >= 50, 60_000, 'stream under way');
            await postgres.stop();
            // The listener cannot commit: it must refuse rather than acknowledge.
            const before = stage.refusals();
            await until(() => stage.refusals() > before, 20_000, 'AR while Postgres is down');
            await sleep(1_500);
            await postgres.start();
          },
        });
        expect(refusals).toBeGreaterThan(0);
      } finally {
        await pool.end();
        await postgres.destroy();
      }
    },
  );

  it('network cuts connections mid-frame', { timeout: 120_000 }, async () => {
    let cuts = 0;
    await withTestDatabase('faultnetwork', (url, pool) =>
      runScenario({
        name: 'network cuts mid-frame',
        tag: 'FN',
        databaseUrl: url,
        pool,
        senderPort: async (listener) => {
          const proxy = await startCuttingProxy(listener.mllpPort, seeded(20261123), 4_000);
          return {
            port: proxy.port,
            stop: async () => {
              cuts = proxy.cuts();
              await proxy.stop();
            },
          };
        },
        fault: () => Promise.resolve(),
      }),
    );
    expect(cuts).toBeGreaterThan(5);
  });

  it(
    'SIGTERM to listener and worker under load: both exit 0 in bounded time, nothing lost',
    { timeout: 180_000 },
    async () => {
      const exits: { service: string; code: number | null; signal: string | null; ms: number }[] = [];
      await withTestDatabase('faultsigterm', (url, pool) =>
        runScenario({
          name: 'SIGTERM under load',
          tag: 'FT',
          databaseUrl: url,
          pool,
          fault: async (stage) => {
            await until(() => stage.acked() >= 70, 60_000, 'stream under way');
            // Both services running (a process still loading has no handler yet and simply dies).
            await until(async () => (await processedSoFar(stage.pool)) >= 20, 60_000, 'worker processing');
            const [listener, worker] = await Promise.all([
              stage.listener.terminate(),
              stage.worker.terminate(),
            ]);
            exits.push({ service: 'listener', ...listener }, { service: 'worker', ...worker });
            await stage.listener.start();
            await stage.worker.start();
          },
        }),
      );
      console.log(exits.map((e) => `${e.service}: exit ${String(e.code)} in ${e.ms} ms`).join('; '));
      for (const exit of exits) {
        expect(exit).toMatchObject({ code: 0, signal: null });
        // Graceful stop finishes in-flight work and closes within the services' own close timeouts.
        expect(exit.ms).toBeLessThan(20_000);
      }
    },
  );
});
