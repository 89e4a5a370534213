import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import { migrateDatabase } from './migrate.js';
import { migrateToBefore } from './testing/migrate-before.js';
import { findTokenPrincipal } from './token-repository.js';

const TOKEN_OWNERS = '20261124000000_token-owners';

const migrateToBeforeTokenOwners = migrateToBefore(TOKEN_OWNERS);

describe(`migration ${TOKEN_OWNERS}: tokens made before tokens had users`, () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(migrateToBeforeTokenOwners, 'tokenowners');
    await db.pool.query(`INSERT INTO teams (name) VALUES ('north'), ('south')`);
    await db.pool.query(
      `INSERT INTO users (username, role) VALUES ('navnorth', 'navigator'), ('boss', 'admin'),
              ('twoteams', 'navigator'), ('gone', 'ops')`,
    );
    await db.pool.query(`UPDATE users SET disabled_at = now() WHERE username = 'gone'`);
    await db.pool.query(
      `INSERT INTO team_memberships (user_id, team)
       SELECT id, 'north' FROM users WHERE username IN ('navnorth', 'twoteams')
       UNION ALL SELECT id, 'south' FROM users WHERE username = 'twoteams'`,
    );
    // Each token's text is `adt_<label>`: only its SHA-256 is stored, as createApiToken does.
    await db.pool.query(
      `INSERT INTO api_tokens (token_hash, name, role, team, user_id)
       SELECT sha256(convert_to('adt_' || label, 'UTF8')), label, role, team,
              (SELECT id FROM users WHERE username = owner)
         FROM (VALUES ('unowned', 'admin', NULL, NULL),
                      ('same', 'navigator', 'north', 'navnorth'),
                      ('escalates', 'navigator', 'north', 'boss'),
                      ('widens', 'navigator', 'north', 'twoteams'),
                      ('disabled', 'ops', NULL, 'gone')) AS t (label, role, team, owner)`,
    );
    await migrateDatabase(db.url);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('revokes tokens without a user, and those that would gain rights by acting as their user', async () => {
    for (const label of ['unowned', 'escalates', 'widens', 'disabled']) {
      expect(await findTokenPrincipal(db.pool, `adt_${label}`), label).toBeNull();
    }
    const revoked = await db.pool.query<{ name: string }>(
      'SELECT name FROM api_tokens WHERE revoked_at IS NOT NULL ORDER BY name',
    );
    expect(revoked.rows.map((r) => r.name)).toEqual(['disabled', 'escalates', 'unowned', 'widens']);
  });

  it('keeps a token tied to a user with the same role and team, now acting as that user', async () => {
    expect(await findTokenPrincipal(db.pool, 'adt_same')).toMatchObject({
      name: 'same',
      username: 'navnorth',
      role: 'navigator',
      teams: ['north'],
    });
  });
});
