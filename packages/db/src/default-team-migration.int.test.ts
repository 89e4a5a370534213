import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import { migrateDatabase } from './migrate.js';
import { migrateToBefore } from './testing/migrate-before.js';
import { findDefaultTeam } from './team-repository.js';

const DEFAULT_TEAM_MIGRATION = '20261206000200_default-team';

const migrateToBeforeDefaultTeam = migrateToBefore(DEFAULT_TEAM_MIGRATION);

/** A database as an earlier version left it: `setup` runs before the migration. */
async function upgraded(label: string, setup: (db: TestDatabase) => Promise<void>): Promise<TestDatabase> {
  const db = await createTestDatabase(migrateToBeforeDefaultTeam, label);
  await setup(db);
  await migrateDatabase(db.url);
  return db;
}

describe(`migration ${DEFAULT_TEAM_MIGRATION}: which team existing installations mark default`, () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(databases.map((db) => db.drop()));
  });

  it('keeps routing to `default` where follow-ups were already routed, registering the team', async () => {
    const db = await upgraded('defteamrouted', async (old) => {
      await old.pool.query(
        `INSERT INTO teams (name, created_at) VALUES ('north', now() - interval '1 day');
         INSERT INTO patients (mrn, assigning_authority) VALUES ('M1', 'GH');
         INSERT INTO encounters (patient_id, facility, encounter_key)
           SELECT id, 'GH', 'V1' FROM patients;
         INSERT INTO follow_ups (encounter_id, patient_id, kind, due_at, team)
           SELECT e.id, e.patient_id, 'discharge', now(), 'default' FROM encounters e;`,
      );
    });
    databases.push(db);
    expect(await findDefaultTeam(db.pool)).toBe('default');
  });

  it('marks the oldest team where teams were added but nothing was routed yet', async () => {
    const db = await upgraded('defteamteams', async (old) => {
      await old.pool.query(
        `INSERT INTO teams (name, created_at) VALUES ('south', now()), ('north', now() - interval '1 hour')`,
      );
    });
    databases.push(db);
    expect(await findDefaultTeam(db.pool)).toBe('north');
  });

  it('marks nothing in an empty installation, so the first team added takes it', async () => {
    const db = await upgraded('defteamempty', () => Promise.resolve());
    databases.push(db);
    expect(await findDefaultTeam(db.pool)).toBeNull();
    await expect(
      db.pool.query(`INSERT INTO teams (name, is_default) VALUES ('a', true), ('b', true)`),
    ).rejects.toThrow(/teams_one_default/);
  });
});
