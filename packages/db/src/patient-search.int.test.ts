/**
 * The patient search (`GET /api/follow-ups?q=`) against a few thousand patients: what it finds,
 * and that each way of finding a patient reads an index, never the whole patients table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import { searchFollowUps } from './follow-up-queries.js';
import { migrateDatabase } from './migrate.js';
import { patientSearchTerms } from './patient-search.js';
import type { Queryable } from './pool.js';

const PATIENTS = 4000;

describe('patient search', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'patientsearch');
    await db.pool.query(`INSERT INTO teams (name) VALUES ('north'), ('south') ON CONFLICT DO NOTHING`);
    // Patient i: family FAM<i>, given GIV<i>, MRN M<i>, phone (555) 2<i 6 digits>; odd ones are south's.
    await db.pool.query(
      `INSERT INTO patients (mrn, assigning_authority, family_name, given_name, phone)
       SELECT 'M' || i, 'GENERAL_HOSP', 'FAM' || i, 'GIV' || i, '(555) 2' || lpad(i::text, 6, '0')
         FROM generate_series(1, $1) AS i`,
      [PATIENTS],
    );
    await db.pool.query(
      `INSERT INTO patients (mrn, assigning_authority, family_name, given_name, middle_name, phone)
       VALUES ('A-77', 'GENERAL_HOSP', 'O''Brien', 'Mary', 'Kate', '+1 (617) 555-0134'),
              ('A-78', 'GENERAL_HOSP', 'Obrien_x', 'Mary', '', '')`,
    );
    await db.pool.query(
      `INSERT INTO encounters (patient_id, facility, encounter_key) SELECT id, 'GENERAL_HOSP', 'V' || id FROM patients`,
    );
    await db.pool.query(
      `INSERT INTO follow_ups (encounter_id, patient_id, kind, due_at, team)
       SELECT e.id, e.patient_id, 'discharge', now(), CASE WHEN e.patient_id % 2 = 0 THEN 'north' ELSE 'south' END
         FROM encounters e`,
    );
    await db.pool.query('ANALYZE');
  });

  afterAll(async () => {
    await db.drop();
  });

  const find = async (q: string, teams?: string[]) =>
    (await searchFollowUps(db.pool, { patient: patientSearchTerms(q), teams, limit: 50 })).map(
      (f) => f.patient.mrn,
    );

  it('finds a patient by name prefix in any case and order, "family, given", MRN or phone digits', async () => {
    expect(await find("o'bri")).toEqual(['A-77']);
    expect(await find('MARY KATE')).toEqual(['A-77']);
    expect(await find("O'BRIEN mary k")).toEqual(['A-77']);
    expect(await find("o'brien, ma")).toEqual(['A-77']);
    expect(await find('fam1234')).toEqual(['M1234']);
    expect(await find('m1234')).toEqual(['M1234']);
    expect((await find('M123')).sort()).toEqual([
      'M123',
      'M1230',
      'M1231',
      'M1232',
      'M1233',
      'M1234',
      'M1235',
      'M1236',
      'M1237',
      'M1238',
      'M1239',
    ]);
    expect(await find('617-555-0134')).toEqual(['A-77']);
    expect(await find('555 0134')).toEqual(['A-77']);
    expect(await find('2001234')).toEqual(['M1234']);
  });

  it('reads typed wildcards as text and keeps to the teams asked for', async () => {
    expect(await find('obrien_')).toEqual(['A-78']);
    expect(await find('%%')).toEqual([]);
    expect(await find('M1234', ['south'])).toEqual([]);
    expect(await find('M1234', ['north', 'south'])).toEqual(['M1234']);
  });

  /** The plan of the search for `q`, as the API runs it. */
  async function planOf(client: Queryable, q: string): Promise<unknown> {
    const recorded: { text: string; params: unknown[] }[] = [];
    const recorder = {
      query: (text: string, params: unknown[]) => {
        recorded.push({ text, params });
        return Promise.resolve({ rows: [] });
      },
    } as unknown as Queryable;
    await searchFollowUps(recorder, { patient: patientSearchTerms(q), teams: ['north'], limit: 101 });
    const [statement] = recorded;
    if (!statement) throw new Error('no query');
    const plan = await client.query<{ 'QUERY PLAN': unknown }>(
      `EXPLAIN (FORMAT JSON) ${statement.text}`,
      statement.params,
    );
    return plan.rows[0]?.['QUERY PLAN'];
  }

  const SEARCHES = ['fam12', 'giv12 fam12', 'fam12, giv', 'M12', '555 2001234'];

  it('reads the patients through the search indexes, not the whole table', async () => {
    for (const q of SEARCHES) {
      const plan = await planOf(db.pool, q);
      expect(seqScannedRelations(plan), q).not.toContain('patients');
      expect(JSON.stringify(plan), q).toMatch(/patients_search_/);
    }
  });

  it('would read the whole patients table without those indexes (the check above can fail)', async () => {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        'DROP INDEX patients_search_family, patients_search_given, patients_search_mrn, patients_search_phone',
      );
      for (const q of SEARCHES) expect(seqScannedRelations(await planOf(client, q)), q).toContain('patients');
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});

/** The tables a plan reads from start to end. */
function seqScannedRelations(plan: unknown): string[] {
  const found: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (record['Node Type'] === 'Seq Scan' && typeof record['Relation Name'] === 'string') {
      found.push(record['Relation Name']);
    }
    Object.values(record).forEach(visit);
  };
  visit(plan);
  return found;
}
