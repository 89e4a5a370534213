/**
 * Scale-out on one machine: 2 listeners, 3 workers and 2 APIs as separate processes on one Postgres
 * database and one Redis. A mixed feed (ED visits, admissions, transfers, updates, discharges,
 * cancellations, merges) goes over 8 MLLP connections spread over both listeners; one listener and
 * one worker are killed with SIGKILL mid-stream, and the senders reconnect (to the other listener
 * while theirs is down) and resend what was not acknowledged, as interface engines do. The result
 * must be exactly the state a single listener and worker reach from the same feed in a second
 * database: nothing lost, nothing applied twice. The killed worker's jobs must be taken over
 * within 15 s, and the two APIs must share sessions and rate limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@adt/config';
import { createUser, migrateDatabase, setPasswordHashCost, type Queryable } from '@adt/db';
import { startFollowupWorker, type RunningWorker } from '@adt/followup-worker';
import { startListener, type RunningListener } from '@adt/listener';
import { createLogger } from '@adt/logging';
import { createAdtEventsQueue, createProducerConnection, type ApplyMessageJob, type Queue } from '@adt/queue';
import { createTestDatabase, testQueuePrefix, testRedisUrl, type TestDatabase } from '@adt/testing';
import {
  arrivalOrder,
  buildMixedFeed,
  encounterSnapshot,
  followUpSnapshot,
  patientSnapshot,
  type RunMessage,
} from '../e2e/mixed-feed.js';
import { freePort } from './child-process-control.js';
import { RetransmittingSender, totalStats } from './retransmitting-sender.js';
import {
  apiProcess,
  listenerProcess,
  workerProcess,
  type ApiProcess,
  type ServiceEnv,
  type ServiceProcess,
} from './service-processes.js';
import { sleep, until } from './waiting.js';

const SEED = 20261207;
const ENCOUNTERS = 60;
const CONNECTIONS = 8;
/** The promise of the stalled-job settings (WORKER_LOCK_MS + WORKER_STALLED_CHECK_MS defaults). */
const TAKEOVER_MS = 15_000;
const SIGN_IN_LIMIT = 6;
const PASSWORD = 'scale-out test passphrase';

/** Lanes of the feed: one per connection, each encounter's events on one, in arrival order. */
function lanesOf(feed: readonly RunMessage[]): RunMessage[][] {
  const lanes: RunMessage[][] = Array.from({ length: CONNECTIONS }, () => []);
  for (const message of arrivalOrder(feed, SEED + 1)) lanes[message.connection]?.push(message);
  return lanes;
}

function sendersFor(lanes: readonly RunMessage[][], port: (lane: number) => number): RetransmittingSender[] {
  return lanes.map(
    (_, lane) =>
      new RetransmittingSender({
        host: '127.0.0.1',
        port: () => port(lane),
        ackTimeoutMs: 4_000,
        retryDelayMs: 200,
        giveUpMs: 90_000,
      }),
  );
}

async function count(db: Queryable, sql: string): Promise<number> {
  const result = await db.query<{ n: string }>(sql);
  return Number(result.rows[0]?.n ?? 0);
}

const processedCount = (db: Queryable) =>
  count(db, "SELECT count(*) AS n FROM inbound_messages WHERE status IN ('processed', 'failed')");

/** Every message applied or failed, and supersession worked out after the last one. */
async function settled(db: Queryable, expected: number, timeoutMs: number, what: string): Promise<void> {
  let processed = 0;
  let checks = 0;
  try {
    await until(
      async () => {
        processed = await processedCount(db);
        checks = await count(db, 'SELECT count(*) AS n FROM supersession_checks');
        return processed >= expected && checks === 0;
      },
      timeoutMs,
      what,
    );
  } catch (error) {
    throw new Error(
      `${String(error)} (${String(processed)} of ${String(expected)} processed, ${String(checks)} supersession checks left)`,
    );
  }
  // A late duplicate application would show now.
  await sleep(1_000);
}

/** Per control id: how many stored (not duplicate) copies, and their status. */
async function messageSnapshot(db: Queryable): Promise<string[]> {
  const result = await db.query<Record<string, unknown>>(
    `SELECT control_id, count(*) AS stored, string_agg(status, ',') AS statuses
       FROM inbound_messages WHERE status <> 'duplicate' GROUP BY control_id ORDER BY control_id`,
  );
  return result.rows.map((row) => JSON.stringify(row));
}

/** The events applied to encounters, by message. */
async function eventSnapshot(db: Queryable): Promise<string[]> {
  const result = await db.query<Record<string, unknown>>(
    `SELECT m.control_id, ev.event_type, ev.occurred_at, e.encounter_key
       FROM encounter_events ev JOIN inbound_messages m ON m.id = ev.message_id
       JOIN encounters e ON e.id = ev.encounter_id
      ORDER BY m.control_id`,
  );
  return result.rows.map((row) => JSON.stringify(row));
}

/** Everything compared between the two runs. */
interface StateSnapshot {
  messages: string[];
  events: string[];
  encounters: string[];
  followUps: string[];
  patients: string[];
}

async function snapshot(db: Queryable): Promise<StateSnapshot> {
  return {
    messages: await messageSnapshot(db),
    events: await eventSnapshot(db),
    encounters: await encounterSnapshot(db),
    followUps: await followUpSnapshot(db),
    patients: await patientSnapshot(db),
  };
}

/** The single-process run: one listener and one worker in this process, on their own database. */
async function referenceRun(db: TestDatabase, lanes: readonly RunMessage[][]): Promise<void> {
  const config = loadConfig({
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: testQueuePrefix('scaleref'),
    MLLP_HOST: '127.0.0.1',
    MLLP_PORT: '0',
    LISTENER_HTTP_PORT: '0',
    WORKER_HTTP_PORT: '0',
    MIGRATE_ON_START: 'false',
    SWEEP_INTERVAL_MS: '250',
    SWEEP_GRACE_MS: '1000',
  });
  const log = createLogger({ service: 'scale-reference', level: 'silent' });
  let listener: RunningListener | null = null;
  let worker: RunningWorker | null = null;
  const senders: RetransmittingSender[] = [];
  try {
    listener = await startListener(config, log);
    worker = await startFollowupWorker(config, log);
    const port = listener.mllpPort;
    senders.push(...sendersFor(lanes, () => port));
    await Promise.all(senders.map((sender, i) => sender.deliver(lanes[i] ?? [])));
    await settled(db.pool, lanes.flat().length, 120_000, 'single-process run');
  } finally {
    for (const sender of senders) sender.close();
    await listener?.stop();
    await worker?.stop();
    const redis = createProducerConnection(config.redisUrl);
    const queue = createAdtEventsQueue({ connection: redis, prefix: config.queuePrefix });
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
  }
}

/** A browser's cookies, kept across requests to either API. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

interface SessionAnswer {
  user: { kind: string; actor: string } | null;
  csrfToken: string;
}

async function call(
  api: ApiProcess,
  jar: CookieJar,
  method: string,
  path: string,
  options: { csrf?: string; body?: unknown } = {},
): Promise<Response> {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: {
      cookie: jar.header(),
      ...(options.csrf ? { 'x-csrf-token': options.csrf } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  jar.keep(response);
  return response;
}

async function signInAttempt(api: ApiProcess, username: string, password: string): Promise<Response> {
  const jar = new CookieJar();
  const page = (await (await call(api, jar, 'GET', '/api/session')).json()) as SessionAnswer;
  return call(api, jar, 'POST', '/api/session', { csrf: page.csrfToken, body: { username, password } });
}

describe('scale-out: 2 listeners, 3 workers, 2 APIs on one Postgres and one Redis', () => {
  const feed = buildMixedFeed({ encounters: ENCOUNTERS, connections: CONNECTIONS, seed: SEED });
  const lanes = lanesOf(feed);
  let db: TestDatabase;
  let reference: TestDatabase;
  let env: ServiceEnv;
  let listeners: ServiceProcess[] = [];
  let workers: ServiceProcess[] = [];
  let apis: ApiProcess[] = [];
  let senders: RetransmittingSender[] = [];
  let queue: Queue<ApplyMessageJob> | null = null;
  let redis: ReturnType<typeof createProducerConnection> | null = null;

  beforeAll(async () => {
    [db, reference] = await Promise.all([
      createTestDatabase(migrateDatabase, 'scaleout'),
      createTestDatabase(migrateDatabase, 'scaleref'),
    ]);
    env = { databaseUrl: db.url, redisUrl: testRedisUrl(), queuePrefix: testQueuePrefix('scaleout') };
    redis = createProducerConnection(env.redisUrl);
    queue = createAdtEventsQueue({ connection: redis, prefix: env.queuePrefix });
  });

  afterAll(async () => {
    for (const sender of senders) sender.close();
    await Promise.all([...listeners, ...workers, ...apis].map((p) => p.stop()));
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    redis?.disconnect();
    await db.drop();
    await reference.drop();
  });

  it(
    'ends in the single-process state after a listener and a worker are killed mid-stream',
    { timeout: 300_000 },
    async () => {
      const sent = feed.length;
      expect(sent).toBeGreaterThanOrEqual(350);
      listeners = [await listenerProcess(env), await listenerProcess(env)];
      const workerPorts = [await freePort(), await freePort(), await freePort()];
      workers = workerPorts.map((port) => workerProcess(env, port));
      const rateLimits = { SIGN_IN_RATE_LIMIT_PER_MINUTE: String(SIGN_IN_LIMIT) };
      apis = [await apiProcess(env, rateLimits), await apiProcess(env, rateLimits)];

      // The single-process run goes on beside the start of the processes under test.
      const referenceDone = referenceRun(reference, lanes);
      // Awaited below; a failure while the scale-out run is still going is reported there.
      referenceDone.catch(() => undefined);
      await Promise.all([...listeners, ...apis].map((p) => p.start()));

      // A TCP load balancer: each connection has a listener, and goes to the other while it is down.
      const up = [true, true];
      const portFor = (lane: number): number => {
        const home = lane % 2;
        const chosen = up[home] ? home : 1 - home;
        return listeners[chosen]?.mllpPort ?? 0;
      };
      senders = sendersFor(lanes, portFor);
      const acked = () => totalStats(senders).acked;

      const faults = (async () => {
        // A listener dies with connections open and messages in flight.
        await until(() => acked() >= sent * 0.3, 60_000, 'stream under way');
        up[0] = false;
        await listeners[0]?.kill();
        await sleep(500);
        await listeners[0]?.start();
        up[0] = true;

        // Workers start behind a backlog, so each is busy when one of them dies.
        await until(() => acked() >= sent * 0.6, 60_000, 'backlog');
        await Promise.all(workers.map((w) => w.start()));
        // At least 10 of the 12 slots busy: each worker, the one to be killed too, holds jobs.
        await until(
          async () => ((await queue?.getActiveCount()) ?? 0) >= 10 && (await queue?.getWaitingCount()) !== 0,
          60_000,
          'workers busy',
        );
        await workers[1]?.kill();
        const killedAt = Date.now();
        // Jobs still active, unchanged, well after the kill are the dead worker's: the live ones
        // finish theirs in milliseconds.
        await sleep(500);
        const first = await queue?.getActive();
        await sleep(1_500);
        const second = new Set((await queue?.getActive())?.map((j) => `${j.id ?? ''}@${j.processedOn ?? 0}`));
        const stranded = (first ?? []).filter((j) => second.has(`${j.id ?? ''}@${j.processedOn ?? 0}`));
        const ids = stranded.map((j) => j.data.messageId);
        expect(ids.length).toBeGreaterThan(0);
        await until(
          async () =>
            (await count(
              db.pool,
              `SELECT count(*) AS n FROM inbound_messages
                WHERE id = ANY('{${ids.join(',')}}'::bigint[]) AND status = 'processed'`,
            )) === ids.length,
          TAKEOVER_MS + 10_000,
          "the killed worker's jobs taken over",
        );
        const takeoverMs = Date.now() - killedAt;
        console.log(
          `killed worker's ${String(ids.length)} in-flight jobs done ${String(takeoverMs)} ms after the kill`,
        );
        expect(takeoverMs).toBeLessThan(TAKEOVER_MS);
      })();

      await Promise.all([...senders.map((sender, i) => sender.deliver(lanes[i] ?? [])), faults]);
      await settled(db.pool, sent, 120_000, 'scale-out run');
      await referenceDone;

      const stats = totalStats(senders);
      console.log(
        `scale-out: ${String(sent)} messages, ${String(stats.transmissions)} frames, ${String(stats.connections)} connections`,
      );
      expect(stats.acked).toBe(sent);
      // The killed listener's senders reconnected and resent.
      expect(stats.connections).toBeGreaterThan(CONNECTIONS);
      expect(await count(db.pool, "SELECT count(*) AS n FROM inbound_messages WHERE status = 'failed'")).toBe(
        0,
      );

      const [actual, expected] = await Promise.all([snapshot(db.pool), snapshot(reference.pool)]);
      expect(expected.messages).toHaveLength(sent);
      expect(expected.followUps.length).toBeGreaterThan(40);
      expect(actual).toEqual(expected);
    },
  );

  it('serves one session from either API and counts sign-ins once across both', async () => {
    const [first, second] = apis;
    if (!first || !second) throw new Error('APIs not started');
    // The hash names its cost, so the APIs check it at this one; production cost is slow on CI.
    setPasswordHashCost(10);
    await createUser(db.pool, { username: 'scale-navigator', role: 'admin', password: PASSWORD });

    // Signed in on the first API, the browser carries on against the second.
    const jar = new CookieJar();
    const page = (await (await call(first, jar, 'GET', '/api/session')).json()) as SessionAnswer;
    const signedIn = await call(first, jar, 'POST', '/api/session', {
      csrf: page.csrfToken,
      body: { username: 'scale-navigator', password: PASSWORD },
    });
    expect(signedIn.status).toBe(200);
    const { csrfToken } = (await signedIn.json()) as SessionAnswer;
    const onSecond = await call(second, jar, 'GET', '/api/session');
    expect(((await onSecond.json()) as SessionAnswer).user).toMatchObject({
      kind: 'session',
      actor: expect.stringContaining('scale-navigator') as unknown,
    });
    expect((await call(second, jar, 'GET', '/api/follow-ups')).status).toBe(200);
    // A write on the second API with the first one's CSRF token, then the session is gone on both.
    expect((await call(second, jar, 'DELETE', '/api/session', { csrf: csrfToken })).status).toBe(200);
    expect((await call(first, jar, 'GET', '/api/follow-ups')).status).toBe(401);

    // One sign-in so far; the rest of the limit alternates between the APIs, then both refuse.
    for (let attempt = 2; attempt <= SIGN_IN_LIMIT; attempt += 1) {
      const api = attempt % 2 === 0 ? second : first;
      expect((await signInAttempt(api, `nobody-${String(attempt)}`, 'wrong password')).status).toBe(401);
    }
    const refusedFirst = await signInAttempt(first, 'nobody-x', 'wrong password');
    expect(refusedFirst.status).toBe(429);
    expect(((await refusedFirst.json()) as { error: string }).error).toBe('rate_limited');
    expect((await signInAttempt(second, 'nobody-y', 'wrong password')).status).toBe(429);
  });
});
