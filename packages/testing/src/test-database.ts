import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';

/** A migrated database of its own for one test file, dropped at the end. */
export interface TestDatabase {
  url: string;
  pool: pg.Pool;
  drop: () => Promise<void>;
}

/**
 * Set by the global setup for one vitest run (workers inherit it): names the run's template
 * databases, so each run migrates once and drops its own templates at the end.
 */
export const TEST_RUN_ID_VARIABLE = 'ADT_TEST_RUN_ID';

/** Prefix of every template database; the global setup drops a run's ones by it. */
export const TEMPLATE_PREFIX = 'adt_tpl_';

/** The server tests use: `DATABASE_URL` when set (CI, containers), else the local one. */
export function serverUrl(): string {
  return process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withAdmin<T>(use: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl(), 'postgres') });
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.end();
  }
}

const OBJECT_IN_USE = '55006';
const COPY_ATTEMPTS = 20;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Creates the run's template once (under an advisory lock, as test files start in parallel
 * processes) by migrating it, then copies it. A copy takes about a third of the time of a migration.
 */
async function createFromTemplate(
  admin: pg.Client,
  name: string,
  runId: string,
  migrate: (url: string) => Promise<unknown>,
): Promise<void> {
  // A template per migrate function: a caller passing another schema gets its own. Closures made by
  // one factory share their source text, so the function's name counts too (`migrateToBefore` names
  // each after the migration it stops before).
  const schema = createHash('sha256')
    .update(`${migrate.name}\n${migrate.toString()}`)
    .digest('hex')
    .slice(0, 8);
  const template = `${TEMPLATE_PREFIX}${runId}_${schema}`;
  await admin.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (found.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${template}`);
      try {
        // The migration's connections are closed when it resolves; a template must have none.
        await migrate(withDatabase(serverUrl(), template));
      } catch (error) {
        await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
        throw error;
      }
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [template]);
  }
  for (let attempt = 1; ; attempt += 1) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      return;
    } catch (error) {
      // "source database is being accessed by other users": a session on the template that is
      // still closing (the server already waits 5 s for it); brief, so try again.
      const code = (error as { code?: string }).code;
      if (code !== OBJECT_IN_USE || attempt >= COPY_ATTEMPTS) throw error;
      await sleep(100 * attempt);
    }
  }
}

/**
 * Creates a migrated database with a random name so test files run in parallel. Under the
 * `@adt/testing` global setup it is a copy of a template migrated once per run; without it, the
 * database is migrated itself.
 * @param migrate - applies the schema (`migrateDatabase` from `@adt/db`; passed in so this package
 *   does not depend on the one it helps test)
 * @param label - a short word that says which test owns it (shows in `\l`)
 */
export async function createTestDatabase(
  migrate: (url: string) => Promise<unknown>,
  label = 'test',
): Promise<TestDatabase> {
  const name = `adt_${label.replace(/[^a-z0-9]/gi, '').toLowerCase()}_${randomBytes(5).toString('hex')}`;
  const url = withDatabase(serverUrl(), name);
  const runId = process.env[TEST_RUN_ID_VARIABLE];
  if (runId !== undefined && /^[a-z0-9_]+$/.test(runId)) {
    await withAdmin((admin) => createFromTemplate(admin, name, runId, migrate));
  } else {
    await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
    await migrate(url);
  }
  const pool = new pg.Pool({ connectionString: url, max: 5, application_name: 'adt-test' });
  let dropping = false;
  // pool.end() resolves before its connections have closed; DROP … WITH (FORCE) then terminates
  // them and each emits "terminating connection due to administrator command". Expected then only.
  // An idle client's error is re-emitted by the pool (which throws without a listener), a checked-out
  // client's by the client itself: both are listened to.
  const unlessDropping = (error: Error) => {
    if (!dropping) throw error;
  };
  pool.on('error', unlessDropping);
  pool.on('connect', (client) => {
    client.on('error', unlessDropping);
  });
  return {
    url,
    pool,
    drop: async () => {
      dropping = true;
      await pool.end();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

// A run that was killed never dropped its templates; no run lasts this long.
const ABANDONED_TEMPLATE_AGE_MS = 24 * 60 * 60_000;

/**
 * A new run's id: when it started (so templates left by a killed run can be recognised) and a
 * random part (runs of several workspaces overlap).
 */
export function newTestRunId(now = Date.now()): string {
  return `${now.toString(36)}_${randomBytes(4).toString('hex')}`;
}

async function dropDatabasesWhere(keep: (name: string) => boolean): Promise<void> {
  await withAdmin(async (admin) => {
    const templates = await admin.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [TEMPLATE_PREFIX],
    );
    for (const { datname } of templates.rows) {
      if (!keep(datname)) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  });
}

/**
 * Drops the template databases of one run (the global setup's teardown).
 * @param runId - the run's {@link TEST_RUN_ID_VARIABLE}
 */
export async function dropTemplateDatabases(runId: string): Promise<void> {
  await dropDatabasesWhere((name) => !name.startsWith(`${TEMPLATE_PREFIX}${runId}_`));
}

/**
 * Drops templates of runs that started more than a day ago: runs that were killed before their
 * teardown.
 * @param now - the current time in ms
 */
export async function dropAbandonedTemplateDatabases(now = Date.now()): Promise<void> {
  await dropDatabasesWhere((name) => {
    const started = Number.parseInt(name.slice(TEMPLATE_PREFIX.length).split('_')[0] ?? '', 36);
    return Number.isNaN(started) || now - started < ABANDONED_TEMPLATE_AGE_MS;
  });
}

/** The Redis tests use: `REDIS_URL` when set, else the local one. */
export function testRedisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/**
 * A queue key prefix no other test file shares.
 * @param label - which test owns it
 */
export function testQueuePrefix(label = 'test'): string {
  return `adt-test-${label}-${randomBytes(4).toString('hex')}`;
}
