import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type AppConfig } from '@adt/config';
import {
  addTeam,
  createApiToken,
  createFollowUp,
  createUser,
  ensureTeam,
  lockEncounter,
  migrateDatabase,
  upsertPatient,
  withTransaction,
  type Queryable,
  type Role,
} from '@adt/db';
import { createLogger, type CreateLoggerOptions } from '@adt/logging';
import { createMetricsRegistry } from '@adt/observability';
import { createAdtEventsQueue, createProducerConnection } from '@adt/queue';
import { createTestDatabase, testQueuePrefix, testRedisUrl, type TestDatabase } from '@adt/testing';
import { buildApp } from '../app.js';
import type { RateLimitSettings } from '../rate-limits.js';

/** The API built on a database and queue of its own, for one test file. */
export interface ApiHarness {
  app: FastifyInstance;
  db: TestDatabase;
  config: AppConfig;
  close: () => Promise<void>;
}

/** A browser's sign-in: the Cookie header to send and the CSRF token for writes. */
export interface BrowserSession {
  cookie: string;
  csrfToken: string;
}

/**
 * Limits high enough never to trip: test files sign in many times from one address (inject's
 * 127.0.0.1). The rate-limit test passes the production limits instead.
 */
const TEST_RATE_LIMITS: RateLimitSettings = { signInPerMinute: 100_000, apiPerMinute: 1_000_000 };

/** Every test user signs in with this password. */
export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * Builds the app against a fresh database (no listening socket: requests go through `inject`).
 * @param label - names the database and queue prefix
 * @param env - extra configuration
 * @param options - rate limits (none to speak of unless given), and where log lines go (none unless given)
 */
export async function startApiHarness(
  label: string,
  env: Record<string, string> = {},
  options: { rateLimits?: RateLimitSettings; logDestination?: CreateLoggerOptions['destination'] } = {},
): Promise<ApiHarness> {
  const db = await createTestDatabase(migrateDatabase, label);
  const config = loadConfig({
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: testQueuePrefix(label),
    ...env,
  });
  const redis = createProducerConnection(config.redis);
  const queue = createAdtEventsQueue({ connection: redis, prefix: config.queuePrefix });
  const app = await buildApp(
    { config, pool: db.pool, queue, redis },
    {
      log: createLogger(
        options.logDestination
          ? { service: `${label}-test`, destination: options.logDestination }
          : { service: `${label}-test`, level: 'silent' },
      ),
      registry: createMetricsRegistry(`${label}-test`),
      rateLimits: options.rateLimits ?? TEST_RATE_LIMITS,
    },
  );
  return {
    app,
    db,
    config,
    close: async () => {
      await app.close();
      await queue.obliterate({ force: true });
      await queue.close();
      redis.disconnect();
      await db.drop();
    },
  };
}

/**
 * The Cookie header a browser would send back after this response (name=value pairs it set).
 * @param response - a response that may set cookies
 * @param previous - the Cookie header sent before
 */
export function cookiesAfter(response: LightMyRequestResponse, previous = ''): string {
  const jar = new Map(
    previous
      .split('; ')
      .filter(Boolean)
      .map((pair) => {
        const at = pair.indexOf('=');
        return [pair.slice(0, at), pair.slice(at + 1)] as const;
      }),
  );
  for (const set of response.cookies as { name: string; value: string }[]) {
    if (set.value === '') jar.delete(set.name);
    else jar.set(set.name, set.value);
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/**
 * Signs in as a browser does: read a CSRF token, then post the credentials with it.
 * @param app - the app
 * @param username - who
 * @param password - their password
 */
export async function signIn(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
): Promise<BrowserSession> {
  const first = await app.inject({ url: '/api/session' });
  const cookie = cookiesAfter(first);
  const response = await app.inject({
    method: 'POST',
    url: '/api/session',
    headers: { cookie, 'x-csrf-token': first.json<{ csrfToken: string }>().csrfToken },
    payload: { username, password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  return {
    cookie: cookiesAfter(response, cookie),
    csrfToken: response.json<{ csrfToken: string }>().csrfToken,
  };
}

/** A user to add: username, role, and optionally teams and display name. */
export interface TestUser {
  username: string;
  role: Role;
  teams?: string[];
  displayName?: string;
}

/**
 * Adds the teams and a user with {@link TEST_PASSWORD}.
 * @param harness - the harness
 * @param user - username, role and teams
 */
export async function addUser(harness: ApiHarness, user: TestUser): Promise<string> {
  for (const team of user.teams ?? []) {
    await addTeam(harness.db.pool, { name: team }).catch(() => undefined);
  }
  const created = await createUser(harness.db.pool, { ...user, password: TEST_PASSWORD });
  return created.id;
}

/** Adds each user in turn, as {@link addUser} does. */
export async function addUsers(harness: ApiHarness, users: readonly TestUser[]): Promise<void> {
  for (const user of users) await addUser(harness, user);
}

/**
 * A bearer token for a new user of its own (a token always acts as a user): the user has the role,
 * the team when one is given, and no password.
 * @param token - the user's role and team, and the token's label (also the start of the username)
 * @returns the token text
 */
export async function createUserToken(
  db: Queryable,
  token: { role: Role; team: string | null; name: string },
): Promise<string> {
  if (token.team !== null) await ensureTeam(db, token.team);
  const username = `${token.name.toLowerCase().replace(/[^a-z0-9._@-]/g, '-')}-${randomBytes(3).toString('hex')}`;
  const user = await createUser(db, {
    username,
    role: token.role,
    teams: token.team === null ? [] : [token.team],
  });
  const created = await createApiToken(db, { userId: user.id, name: token.name });
  if (!created) throw new Error('token not created');
  return created.token;
}

/**
 * Stores a patient, an encounter and a discharge follow-up for it, as the worker would.
 * @param follow - MRN, team, due time, priority, and the patient's name and phone
 */
export async function seedFollowUp(
  db: TestDatabase,
  follow: {
    mrn: string;
    team: string;
    dueAt: Date;
    priority?: 'high' | 'normal';
    familyName?: string;
    givenName?: string;
    phone?: string;
  },
): Promise<string> {
  return withTransaction(db.pool, async (client) => {
    const patientId = await upsertPatient(client, {
      mrn: follow.mrn,
      assigningAuthority: 'GENERAL_HOSP',
      familyName: follow.familyName ?? 'DOE',
      givenName: follow.givenName ?? 'JANE',
      middleName: '',
      birthDate: '1950-01-01',
      sex: 'F',
      phone: follow.phone ?? '5550100',
      deceased: false,
      identifiers: [],
    });
    const encounter = await lockEncounter(client, {
      patientId,
      facility: 'GENERAL_HOSP',
      encounterKey: `V-${follow.mrn}`,
      visitNumber: `V-${follow.mrn}`,
    });
    const id = await createFollowUp(client, {
      encounterId: encounter.id,
      patientId,
      kind: 'discharge',
      dueAt: follow.dueAt,
      visitDueBy: null,
      priority: follow.priority ?? 'normal',
      inEdNow: false,
      team: follow.team,
    });
    if (!id) throw new Error('follow-up not created');
    return id;
  });
}
