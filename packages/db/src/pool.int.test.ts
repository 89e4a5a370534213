import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import { migrateDatabase } from './migrate.js';
import { createPool } from './pool.js';

describe('createPool', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'pool');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('turns JIT compilation off on its connections, whatever the server default', async () => {
    // Postgres enables JIT by default; a growing table once pushed a short lookup over its cost
    // threshold and every call then compiled for ~80 ms.
    const pool = createPool({ connectionString: db.url, max: 1 });
    try {
      const jit = await pool.query<{ jit: string }>('SHOW jit');
      expect(jit.rows[0]?.jit).toBe('off');
    } finally {
      await pool.end();
    }
  });
});
