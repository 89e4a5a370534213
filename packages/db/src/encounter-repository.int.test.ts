import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import { lockEncounter, recordOrderedEncounterEvent, upsertPatientRecord } from './encounter-repository.js';
import { migrateDatabase } from './migrate.js';
import { withTransaction } from './pool.js';
import { storeTestMessage, testPatient } from './testing/test-records.js';

let sequence = 0;

/** A stored message to hang encounter events on. */
function storeMessage(db: TestDatabase): Promise<string> {
  sequence += 1;
  return storeTestMessage(db.pool, `ENC${String(sequence)}`, { messageType: 'ADT^A08' });
}

describe('encounter repository: one round trip per step', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'encounter_repo');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('returns the deceased flag as the upsert leaves it, and keeps demographics newest-first', async () => {
    const at = (iso: string) => new Date(iso);
    const first = await withTransaction(db.pool, (c) =>
      upsertPatientRecord(c, testPatient('P1', { asOf: at('2026-11-10T10:00:00Z') })),
    );
    expect(first.deceased).toBe(false);
    // An older event: its name does not replace the stored one, but its death is kept for good.
    const older = await withTransaction(db.pool, (c) =>
      upsertPatientRecord(
        c,
        testPatient('P1', { familyName: 'OLD', deceased: true, asOf: at('2026-11-09T10:00:00Z') }),
      ),
    );
    expect(older).toEqual({ id: first.id, deceased: true, deceasedAt: at('2026-11-09T10:00:00Z') });
    // A newer event without PID-30 replaces the name and cannot undo the death.
    const newer = await withTransaction(db.pool, (c) =>
      upsertPatientRecord(
        c,
        testPatient('P1', { familyName: 'NEW', phone: '555', asOf: at('2026-11-11T10:00:00Z') }),
      ),
    );
    expect(newer).toEqual({ id: first.id, deceased: true, deceasedAt: at('2026-11-09T10:00:00Z') });
    const row = await db.pool.query<{ family_name: string; phone: string; deceased: boolean; at: Date }>(
      'SELECT family_name, phone, deceased, demographics_at AS at FROM patients WHERE id = $1',
      [first.id],
    );
    expect(row.rows[0]).toEqual({
      family_name: 'NEW',
      phone: '555',
      deceased: true,
      at: at('2026-11-11T10:00:00Z'),
    });
    // A later message saying so again leaves the death at the earliest time it was said.
    const again = await withTransaction(db.pool, (c) =>
      upsertPatientRecord(c, testPatient('P1', { deceased: true, asOf: at('2026-11-12T10:00:00Z') })),
    );
    expect(again.deceasedAt).toEqual(at('2026-11-09T10:00:00Z'));
    const created = await withTransaction(db.pool, (c) =>
      upsertPatientRecord(c, testPatient('P2', { deceased: true })),
    );
    expect(created.deceased).toBe(true);
  });

  it('stores PID-18 with the encounter upsert and never replaces it with an empty one', async () => {
    const accountOf = async (encounterId: string) =>
      (
        await db.pool.query<{ account_number: string }>(
          'SELECT account_number FROM encounters WHERE id = $1',
          [encounterId],
        )
      ).rows[0]?.account_number;
    const { id: patientId } = await withTransaction(db.pool, (c) =>
      upsertPatientRecord(c, testPatient('P3')),
    );
    const key = { patientId, facility: 'GH', encounterKey: 'V3', visitNumber: 'V3' };
    const encounter = await withTransaction(db.pool, (c) =>
      lockEncounter(c, { ...key, accountNumber: 'ACC-1' }),
    );
    expect(await accountOf(encounter.id)).toBe('ACC-1');
    await withTransaction(db.pool, (c) => lockEncounter(c, { ...key, accountNumber: '' }));
    await withTransaction(db.pool, (c) => lockEncounter(c, key));
    expect(await accountOf(encounter.id)).toBe('ACC-1');
    await withTransaction(db.pool, (c) => lockEncounter(c, { ...key, accountNumber: 'ACC-2' }));
    expect(await accountOf(encounter.id)).toBe('ACC-2');

    // A key merged away: the number goes to the surviving encounter, not the merged-away row.
    const survivor = await withTransaction(db.pool, (c) =>
      lockEncounter(c, { ...key, encounterKey: 'V3-SURVIVOR', visitNumber: 'V3-SURVIVOR' }),
    );
    await db.pool.query('UPDATE encounters SET merged_into = $2 WHERE id = $1', [encounter.id, survivor.id]);
    const locked = await withTransaction(db.pool, (c) =>
      lockEncounter(c, { ...key, accountNumber: 'ACC-3' }),
    );
    expect(locked.id).toBe(survivor.id);
    expect(await accountOf(survivor.id)).toBe('ACC-3');
    expect(await accountOf(encounter.id)).toBe('ACC-2');
  });

  it('records an event and says whether it is the newest of its encounter', async () => {
    const { id: patientId } = await withTransaction(db.pool, (c) =>
      upsertPatientRecord(c, testPatient('P4')),
    );
    const encounter = await withTransaction(db.pool, (c) =>
      lockEncounter(c, { patientId, facility: 'GH', encounterKey: 'V4', visitNumber: 'V4' }),
    );
    const record = (messageId: string, occurredAt: string) =>
      withTransaction(db.pool, (c) =>
        recordOrderedEncounterEvent(c, {
          messageId,
          encounterId: encounter.id,
          eventType: 'A08',
          occurredAt: new Date(occurredAt),
          note: null,
        }),
      );
    const [m1, m2, m3, m4] = [
      await storeMessage(db),
      await storeMessage(db),
      await storeMessage(db),
      await storeMessage(db),
    ] as [string, string, string, string];
    expect(await record(m1, '2026-11-10T10:00:00Z')).toBe('newest');
    expect(await record(m2, '2026-11-10T12:00:00Z')).toBe('newest');
    expect(await record(m3, '2026-11-10T11:00:00Z')).toBe('older');
    // Same event time: arrival (message id) orders them, so a later message is the newest.
    expect(await record(m4, '2026-11-10T12:00:00Z')).toBe('newest');
    expect(await record(m2, '2026-11-10T12:00:00Z')).toBe('already_recorded');
    const count = await db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM encounter_events WHERE encounter_id = $1',
      [encounter.id],
    );
    expect(count.rows[0]?.n).toBe(4);
  });
});
