import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import { listMessages } from './message-repository.js';
import { migrateDatabase } from './migrate.js';
import { withTransaction } from './pool.js';
import { seedEncounter, storeTestMessage } from './testing/test-records.js';

let sequence = 0;
function store(db: TestDatabase, facility = 'GH'): Promise<string> {
  sequence += 1;
  return storeTestMessage(db.pool, `SEARCH${String(sequence)}`, { sendingFacility: facility });
}

/** Applies the messages to one encounter of the patient with this MRN. */
async function applyTo(db: TestDatabase, mrn: string, messageIds: string[]): Promise<void> {
  await withTransaction(db.pool, (client) =>
    seedEncounter(client, { mrn, visitNumber: `V-${mrn}`, messageIds }),
  );
}

describe('message search (GET /api/messages)', () => {
  let db: TestDatabase;
  const ids: Record<string, string[]> = {};
  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'msgsearch');
    ids.mine = [await store(db), await store(db, 'OTHER'), await store(db)];
    ids.theirs = [await store(db)];
    ids.none = [await store(db)];
    await applyTo(db, 'MRN-MINE', ids.mine);
    await applyTo(db, 'MRN-THEIRS', ids.theirs);
  });
  afterAll(async () => {
    await db.drop();
  });

  const found = async (query: Parameters<typeof listMessages>[1]) =>
    (await listMessages(db.pool, query)).map((m) => m.id);

  it("finds a patient's messages by MRN, newest first, with the other filters and the page", async () => {
    const mine = [...(ids.mine ?? [])].reverse();
    expect(await found({ mrn: 'MRN-MINE', limit: 10 })).toEqual(mine);
    expect(await found({ mrn: 'MRN-MINE', facility: 'OTHER', limit: 10 })).toEqual([ids.mine?.[1]]);
    expect(await found({ mrn: 'MRN-MINE', limit: 1, beforeId: mine[0] })).toEqual([mine[1]]);
    expect(await found({ mrn: 'NOBODY', limit: 10 })).toEqual([]);
  });

  it('finds the messages received in a period', async () => {
    const [first] = ids.mine ?? [];
    await db.pool.query(
      `UPDATE inbound_messages SET received_at = now() - interval '400 days' WHERE id = $1`,
      [first],
    );
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000);
    expect(await found({ from: day(401), to: day(399), limit: 10 })).toEqual([first]);
    expect(await found({ from: day(1), limit: 10 })).not.toContain(first);
  });
});
