import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, type Queryable } from '@adt/db';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import { type ApiHarness, createUserToken, startApiHarness } from './testing/api-harness.js';
import { insertEncounter, insertFollowUp, insertPatient } from './testing/report-fixtures.js';

let mrn = 0;
/** `count` open follow-ups of the team `north`, each with its own patient and encounter. */
async function openFollowUps(db: Queryable, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    mrn += 1;
    const patientId = await insertPatient(db, `R${mrn}`);
    const encounterId = await insertEncounter(db, {
      patientId,
      facility: 'GEN',
      patientClass: 'I',
      admittedAt: new Date('2026-09-20T14:00:00Z'),
      dischargedAt: new Date('2026-09-25T14:00:00Z'),
    });
    await insertFollowUp(db, { encounterId, patientId, kind: 'discharge', team: 'north', dueAt: new Date() });
  }
}

// The replica is a second database on the same server holding different rows: what a report answers
// shows which database it read.
describe('reports on a read replica (DATABASE_READ_URL)', () => {
  let replica: TestDatabase;
  let h: ApiHarness;
  let admin: Record<string, string> = {};

  beforeAll(async () => {
    replica = await createTestDatabase(migrateDatabase, 'reportreplica');
    h = await startApiHarness('reportprimary', { DATABASE_READ_URL: replica.url });
    admin = {
      authorization: `Bearer ${await createUserToken(h.db.pool, { role: 'admin', team: null, name: 'admin' })}`,
    };
    for (const db of [h.db.pool, replica.pool]) await db.query(`INSERT INTO teams (name) VALUES ('north')`);
    await openFollowUps(h.db.pool, 1);
    await openFollowUps(replica.pool, 3);
  });

  afterAll(async () => {
    await h.close();
    await replica.drop();
  });

  it('answers the reports from the replica', async () => {
    const response = await h.app.inject({
      url: '/api/reports/workload?from=2026-10-01&to=2026-10-07',
      headers: admin,
    });
    expect(response.statusCode).toBe(200);
    const teams = response.json<{ teams: { team: string; open: number }[] }>().teams;
    expect(teams.find((t) => t.team === 'north')?.open).toBe(3);
  });

  it('keeps everything else on the primary: sign-in, the worklist, the audit of reports', async () => {
    const search = await h.app.inject({ url: '/api/follow-ups?team=north', headers: admin });
    expect(search.statusCode).toBe(200);
    expect(search.json<{ items: unknown[] }>().items).toHaveLength(1);
    const members = await h.app.inject({
      url: '/api/reports/measures/tcm_contact_2bd/members?from=2026-09-01&to=2026-09-30',
      headers: admin,
    });
    expect(members.statusCode).toBe(200);
    const audited = await h.db.pool.query(`SELECT 1 FROM audit_log WHERE resource = 'measure_members'`);
    expect(audited.rowCount).toBe(1);
  });

  it('closes the replica pool with the app', async () => {
    const connections = async () =>
      (
        await replica.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'adt-api-reports'`,
        )
      ).rows[0]?.n;
    expect(await connections()).toBeGreaterThan(0);
    await h.app.close();
    await expect.poll(connections).toBe(0);
  });
});
