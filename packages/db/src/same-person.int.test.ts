import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import { upsertPatient, type PatientUpsert } from './encounter-repository.js';
import { findPatientByIdentifier, movePatientRecords } from './merge-repository.js';
import { migrateDatabase } from './migrate.js';
import { withTransaction } from './pool.js';
import { findSamePersonPatients, samePersonCte, samePersonOfManyCte } from './same-person.js';
import { testPatient } from './testing/test-records.js';

function patient(mrn: string, authority: string, others: PatientUpsert['identifiers'] = []): PatientUpsert {
  return testPatient(mrn, {
    assigningAuthority: authority,
    identifiers: [{ id: mrn, assigningAuthority: authority, type: 'MR' }, ...others],
  });
}

const hie = (id: string) => ({ id, assigningAuthority: 'HIE', type: 'PI' });

describe('same person', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'sameperson');
  });

  afterAll(async () => {
    await db.drop();
  });

  const store = (p: PatientUpsert) => withTransaction(db.pool, (client) => upsertPatient(client, p));

  it('keeps a shared identifier for every patient that sends it; the MR key still names one patient', async () => {
    const first = await store(patient('A1', 'GENERAL_HOSP', [hie('HIE123')]));
    const second = await store(patient('B1', 'OTHER_HOSP', [hie('HIE123')]));
    const holders = await db.pool.query<{ patient_id: string }>(
      `SELECT patient_id FROM patient_identifiers WHERE assigning_authority = 'HIE' AND identifier = 'HIE123'
        ORDER BY patient_id`,
    );
    expect(holders.rows.map((r) => r.patient_id)).toEqual([first, second]);
    // Identity: the MR identifier with its authority still resolves exactly one patient.
    expect(await store(patient('B1', 'OTHER_HOSP'))).toBe(second);
    const found = await withTransaction(db.pool, (client) =>
      findPatientByIdentifier(client, { id: 'B1', assigningAuthority: 'OTHER_HOSP' }),
    );
    expect(found?.id).toBe(second);
  });

  it('follows shared identifiers through a chain, and merges both ways', async () => {
    const x = await store(patient('X1', 'H1', [hie('H-X')]));
    const y = await store(
      patient('Y1', 'H2', [hie('H-X'), { id: 'E-9', assigningAuthority: 'ENT', type: 'PT' }]),
    );
    const z = await store(patient('Z1', 'H3', [{ id: 'E-9', assigningAuthority: 'ENT', type: 'PT' }]));
    const merged = await store(patient('M1', 'H3'));
    const survivor = await store(patient('M2', 'H3'));
    await withTransaction(db.pool, (client) => movePatientRecords(client, merged, survivor));
    // The prior patient's identifier moved to the survivor, which links it as well.
    await withTransaction(db.pool, (client) => movePatientRecords(client, survivor, z));
    const unrelated = await store(patient('U1', 'H1', [hie('H-U')]));
    // The same identifier under another authority is not shared.
    const otherAuthority = await store(patient('H-X', 'H9'));

    const sets = await findSamePersonPatients(db.pool, [x, merged, unrelated, otherAuthority]);
    const person = [x, y, z, merged, survivor].sort((a, b) => Number(a) - Number(b));
    expect(sets.get(x)).toEqual(person);
    expect(sets.get(merged)).toEqual(person);
    expect(sets.get(unrelated)).toEqual([unrelated]);
    expect(sets.get(otherAuthority)).toEqual([otherAuthority]);

    // The reports' set-based form finds the same records for every stored patient at once.
    const pairs = async (cte: string) =>
      (
        await db.pool.query<{ seed: string; patient_id: string }>(
          `WITH RECURSIVE ${cte} SELECT seed, patient_id FROM same_person ORDER BY seed, patient_id`,
        )
      ).rows;
    const seeds = 'SELECT id FROM patients';
    const bySeed = await pairs(samePersonCte(seeds));
    expect(bySeed.filter((r) => r.seed === x)).toHaveLength(person.length);
    expect(await pairs(samePersonOfManyCte(seeds))).toEqual(bySeed);
  });

  it('moves identifiers on a merge when the survivor already carries one of them', async () => {
    const prior = await store(patient('P1', 'H1', [hie('H-SHARED')]));
    const survivor = await store(patient('S1', 'H2', [hie('H-SHARED')]));
    const moved = await withTransaction(db.pool, (client) => movePatientRecords(client, prior, survivor));
    expect(moved.identifiers).toBe(2);
    const rows = await db.pool.query<{ patient_id: string; identifier: string }>(
      `SELECT patient_id, identifier FROM patient_identifiers WHERE patient_id IN ($1, $2) ORDER BY identifier`,
      [prior, survivor],
    );
    expect(rows.rows).toEqual([
      { patient_id: survivor, identifier: 'H-SHARED' },
      { patient_id: survivor, identifier: 'P1' },
      { patient_id: survivor, identifier: 'S1' },
    ]);
  });
});
