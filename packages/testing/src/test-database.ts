import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A migrated database of its own for one test file, dropped at the end. */
export interface TestDatabase {
  url: string;
  pool: pg.Pool;
  drop: () => Promise<void>;
}

/** The server tests use: `DATABASE_URL` when set (CI, containers), else the local one. */
export function serverUrl(): string {
  return process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Creates and migrates a database with a random name so test files run in parallel.
 * @param migrate - applies the schema (`migrateDatabase` from `@adt/db`; passed in so this package
 *   does not depend on the one it helps test)
 * @param label - a short word that says which test owns it (shows in `\l`)
 */
export async function createTestDatabase(
  migrate: (url: string) => Promise<unknown>,
  label = 'test',
): Promise<TestDatabase> {
  const name = `adt_${label.replace(/[^a-z0-9]/gi, '').toLowerCase()}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl(), 'postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl(), name);
  await migrate(url);
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
      const client = new pg.Client({ connectionString: withDatabase(serverUrl(), 'postgres') });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
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
