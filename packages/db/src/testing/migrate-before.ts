import { readdirSync } from 'node:fs';
import { runner } from 'node-pg-migrate';
import { MIGRATIONS_DIR } from '../migrate.js';

/**
 * A migrate function for `createTestDatabase` that stops before one migration, so a test can
 * seed what an earlier version left and then check that migration on it.
 * @param migration - the migration's file name without `.sql`
 */
export function migrateToBefore(migration: string): (databaseUrl: string) => Promise<void> {
  const migrate = async (databaseUrl: string): Promise<void> => {
    const before = readdirSync(MIGRATIONS_DIR).filter((file) => file < migration).length;
    await runner({
      databaseUrl,
      dir: MIGRATIONS_DIR,
      direction: 'up',
      count: before,
      migrationsTable: 'schema_migrations',
      singleTransaction: true,
      checkOrder: true,
      log: () => undefined,
    });
  };
  // Names the schema it makes: test databases are copied from one template per migrate function.
  return Object.defineProperty(migrate, 'name', { value: `migrateToBefore ${migration}` });
}
