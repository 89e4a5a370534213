import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import { loadConfig, type AppConfig } from '@adt/config';
import {
  createApiToken,
  createUser,
  ensureTeam,
  migrateDatabase,
  resolveDefaultTeam,
  type Role,
} from '@adt/db';
import { createLogger, type Logger } from '@adt/logging';
import { startListener, type RunningListener } from '@adt/listener';
import { startFollowupWorker, type RunningWorker } from '@adt/followup-worker';
import { startApi, type RunningApi } from '@adt/api';
import { createAdtEventsQueue, createProducerConnection, createWebhookDeliveriesQueue } from '@adt/queue';
import { createTestDatabase, testQueuePrefix, testRedisUrl, type TestDatabase } from '@adt/testing';

/** The three services started in this process on free ports, against a database of their own. */
export interface TestStack {
  config: AppConfig;
  db: TestDatabase;
  listener: RunningListener;
  worker: RunningWorker | null;
  api: RunningApi;
  log: Logger;
  startWorker: () => Promise<void>;
  stopWorker: () => Promise<void>;
  token: (role: Role, team?: string | null) => Promise<string>;
  get: (path: string, token?: string, headers?: Record<string, string>) => Promise<Response>;
  stop: () => Promise<void>;
}

/**
 * Starts listener, worker and API with an isolated database and queue prefix.
 * @param label - names the database and queue prefix
 * @param env - extra configuration
 * @param options - `worker: false` leaves the worker out (a test runs its own worker processes);
 *   `logDestination` captures every service's log lines at debug level (the PHI log scan)
 */
export async function startTestStack(
  label: string,
  env: Record<string, string> = {},
  options: { worker?: boolean; logDestination?: Writable } = {},
): Promise<TestStack> {
  const db = await createTestDatabase(migrateDatabase, label);
  const config = loadConfig({
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: testQueuePrefix(label),
    MLLP_HOST: '127.0.0.1',
    HTTP_HOST: '127.0.0.1',
    MLLP_PORT: '0',
    LISTENER_HTTP_PORT: '0',
    WORKER_HTTP_PORT: '0',
    HTTP_PORT: '0',
    LOG_LEVEL: 'silent',
    SWEEP_INTERVAL_MS: '250',
    SWEEP_GRACE_MS: '500',
    ...env,
  });
  const log = options.logDestination
    ? createLogger({ service: `test-${label}`, level: 'debug', destination: options.logDestination })
    : createLogger({ service: `test-${label}`, level: 'silent' });
  const listener = await startListener(config, log);
  const api = await startApi(config, log);
  const stack: TestStack = {
    config,
    db,
    listener,
    worker: options.worker === false ? null : await startFollowupWorker(config, log),
    api,
    log,
    startWorker: async () => {
      stack.worker ??= await startFollowupWorker(config, log);
    },
    stopWorker: async () => {
      await stack.worker?.stop();
      stack.worker = null;
    },
    // A token acts as a user: each one gets a user of its own with the role and team.
    // A navigator without a team named joins the team unassigned follow-ups go to.
    token: async (role, named) => {
      const team =
        named !== undefined
          ? named
          : role === 'navigator'
            ? await resolveDefaultTeam(db.pool, config.practice.defaultTeam)
            : null;
      if (team !== null) await ensureTeam(db.pool, team);
      const user = await createUser(db.pool, {
        username: `${label}-${role}-${randomBytes(3).toString('hex')}`.toLowerCase(),
        role,
        teams: team === null ? [] : [team],
      });
      const created = await createApiToken(db.pool, { userId: user.id, name: `${label}-${role}` });
      if (!created) throw new Error('token not created');
      return created.token;
    },
    get: (path, token, headers = {}) =>
      fetch(`http://127.0.0.1:${api.port}${path}`, {
        headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      }),
    stop: async () => {
      await listener.stop();
      await stack.worker?.stop();
      await api.stop();
      await db.drop();
      const redis = createProducerConnection(config.redisUrl);
      const queue = createAdtEventsQueue({ connection: redis, prefix: config.queuePrefix });
      await queue.obliterate({ force: true });
      await queue.close();
      const webhooks = createWebhookDeliveriesQueue({ connection: redis, prefix: config.queuePrefix });
      await webhooks.obliterate({ force: true });
      await webhooks.close();
      redis.disconnect();
    },
  };
  return stack;
}

/**
 * Polls until `check` returns a value other than undefined, or fails after `timeoutMs`.
 * @param check - returns the awaited value when ready
 * @param timeoutMs - how long to wait
 */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
