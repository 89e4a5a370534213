import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';

/** The forward-only SQL migrations shipped with this package (same path from src/ and dist/). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/**
 * Applies every pending migration. Safe to call from several processes at once: node-pg-migrate
 * holds an advisory lock while it runs.
 * @param databaseUrl - the database to migrate
 * @returns the names of the migrations applied by this call
 */
export async function migrateDatabase(databaseUrl: string): Promise<string[]> {
  const applied = await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'schema_migrations',
    singleTransaction: true,
    checkOrder: true,
    // The three services start together and each migrates: the later ones wait for the first.
    advisoryLockMode: 'wait',
    // node-pg-migrate prints progress with console by default; the services log with pino instead.
    log: () => undefined,
  });
  return applied.map((m) => m.name);
}
