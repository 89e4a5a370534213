import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import { createFollowUp } from './follow-up-repository.js';
import { MESSAGE_RAW, MESSAGE_RAW_JOIN } from './message-raw.js';
import { findMessageById } from './message-repository.js';
import { migrateDatabase } from './migrate.js';
import { withTransaction } from './pool.js';
import {
  dropExpiredRawPartitions,
  ensureRawMessagePartitions,
  listRawMessagePartitions,
  pruneRawMessages,
} from './retention-repository.js';
import { migrateToBefore } from './testing/migrate-before.js';
import { seedEncounter, storeTestMessage } from './testing/test-records.js';

const DAY_MS = 86_400_000;

interface PlanNode {
  'Relation Name'?: string;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}
const scansOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(scansOf)];
let sequence = 0;

function store(db: TestDatabase): Promise<string> {
  sequence += 1;
  return storeTestMessage(db.pool, `PART${String(sequence)}`);
}

/** Moves a message back in time, as if received `daysAgo` days ago, with the given status. */
async function age(db: TestDatabase, id: string, daysAgo: number, status = 'processed'): Promise<void> {
  await db.pool.query(
    `UPDATE inbound_messages SET received_at = now() - make_interval(days => $2), status = $3 WHERE id = $1`,
    [id, daysAgo, status],
  );
}

/** The table holding a message's bytes: a month's partition, the default one, or the kept table. */
async function whereIsBody(db: TestDatabase, id: string): Promise<string | null> {
  const result = await db.pool.query<{ place: string }>(
    `SELECT tableoid::regclass::text AS place FROM inbound_message_raw WHERE message_id = $1
     UNION ALL SELECT 'inbound_message_raw_kept' FROM inbound_message_raw_kept WHERE message_id = $1`,
    [id],
  );
  return result.rows[0]?.place ?? null;
}

const monthName = (at: Date): string =>
  `inbound_message_raw_${at.getUTCFullYear()}_${String(at.getUTCMonth() + 1).padStart(2, '0')}`;

async function withOpenFollowUp(db: TestDatabase, messageId: string): Promise<string> {
  const id = await withTransaction(db.pool, async (client) => {
    const { patientId, encounterId } = await seedEncounter(client, {
      mrn: `MRN${messageId}`,
      visitNumber: `V${messageId}`,
      messageIds: [messageId],
      occurredAt: new Date(Date.now() - 200 * DAY_MS),
    });
    await client.query(`UPDATE encounters SET updated_at = now() - interval '200 days' WHERE id = $1`, [
      encounterId,
    ]);
    return createFollowUp(client, {
      encounterId,
      patientId,
      kind: 'discharge',
      dueAt: new Date(),
      visitDueBy: null,
      priority: 'normal',
      inEdNow: false,
      team: 'default',
    });
  });
  if (id === null) throw new Error('follow-up not created');
  return id;
}

describe('raw HL7 partitioned by month', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'rawparts');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('creates a month and the ones ahead, once, whoever asks and however often', async () => {
    const at = new Date('2031-03-15T12:00:00Z');
    const created = await Promise.all([
      ensureRawMessagePartitions(db.pool, { at, monthsAhead: 2 }),
      ensureRawMessagePartitions(db.pool, { at, monthsAhead: 2 }),
    ]);
    const names = [
      'inbound_message_raw_2031_03',
      'inbound_message_raw_2031_04',
      'inbound_message_raw_2031_05',
    ];
    expect(created).toEqual([names, names]);
    const partitions = await listRawMessagePartitions(db.pool);
    expect(partitions.filter((p) => p.name.startsWith('inbound_message_raw_2031'))).toEqual([
      { name: names[0], from: new Date('2031-03-01T00:00:00Z'), to: new Date('2031-04-01T00:00:00Z') },
      { name: names[1], from: new Date('2031-04-01T00:00:00Z'), to: new Date('2031-05-01T00:00:00Z') },
      { name: names[2], from: new Date('2031-05-01T00:00:00Z'), to: new Date('2031-06-01T00:00:00Z') },
    ]);
    // The migration made this month and the next two: start-up has nothing left to do.
    const now = new Date();
    expect(partitions.map((p) => p.name)).toContain(monthName(now));
  });

  it('stores a message for a month that has no partition yet, and moves it in when the month is made', async () => {
    const thisMonth = monthName(new Date());
    await db.pool.query(`DROP TABLE ${thisMonth}`);

    const id = await store(db);
    expect(await whereIsBody(db, id)).toBe('inbound_message_raw_default');
    expect((await findMessageById(db.pool, id))?.raw?.toString()).toContain(`PART${sequence}`);

    await ensureRawMessagePartitions(db.pool);
    expect(await whereIsBody(db, id)).toBe(thisMonth);
    expect((await findMessageById(db.pool, id))?.raw?.toString()).toContain(`PART${sequence}`);
  });

  it("reads a message's bytes from its month's partition only", async () => {
    for (const monthsAgo of [1, 2, 3]) {
      await ensureRawMessagePartitions(db.pool, {
        at: new Date(Date.now() - monthsAgo * 31 * DAY_MS),
        monthsAhead: 0,
      });
    }
    const id = await store(db);
    const explained = await db.pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) SELECT ${MESSAGE_RAW} AS raw FROM inbound_messages m ${MESSAGE_RAW_JOIN} WHERE m.id = $1`,
      [id],
    );
    const root = explained.rows[0]?.['QUERY PLAN'][0].Plan;
    const partitionScans = root
      ? scansOf(root).filter((n) => /^inbound_message_raw_(\d|default)/.test(n['Relation Name'] ?? ''))
      : [];
    expect(partitionScans.length).toBeGreaterThan(4);
    expect(partitionScans.filter((n) => (n['Actual Loops'] ?? 0) > 0)).toHaveLength(1);
  });

  it('drops the months older than the retention period, keeping the bodies the policy holds', async () => {
    const now = new Date();
    await ensureRawMessagePartitions(db.pool, { at: new Date(now.getTime() - 200 * DAY_MS), monthsAhead: 0 });
    await ensureRawMessagePartitions(db.pool, { at: new Date(now.getTime() - 40 * DAY_MS), monthsAhead: 0 });
    const oldMonth = monthName(new Date(now.getTime() - 200 * DAY_MS));
    const recentMonth = monthName(new Date(now.getTime() - 40 * DAY_MS));

    const finished = await store(db);
    const waiting = await store(db);
    const openFollowUp = await store(db);
    const recent = await store(db);
    await age(db, finished, 200);
    await age(db, waiting, 200, 'received');
    await age(db, openFollowUp, 200);
    await age(db, recent, 40);
    const followUpId = await withOpenFollowUp(db, openFollowUp);
    expect(await whereIsBody(db, finished)).toBe(oldMonth);
    expect(await whereIsBody(db, recent)).toBe(recentMonth);

    const dropped = await dropExpiredRawPartitions(db.pool, 90);
    expect(dropped).toEqual([{ name: oldMonth, pruned: 1, kept: 2 }]);
    const names = (await listRawMessagePartitions(db.pool)).map((p) => p.name);
    expect(names).not.toContain(oldMonth);
    expect(names).toContain(recentMonth);

    expect((await findMessageById(db.pool, finished))?.raw).toBeNull();
    for (const id of [waiting, openFollowUp]) {
      expect(await whereIsBody(db, id)).toBe('inbound_message_raw_kept');
      expect((await findMessageById(db.pool, id))?.raw).not.toBeNull();
    }
    expect((await findMessageById(db.pool, recent))?.raw).not.toBeNull();
    // The message rows stay: the record of what was received and answered.
    expect((await findMessageById(db.pool, finished))?.status).toBe('processed');
    expect(await dropExpiredRawPartitions(db.pool, 90)).toEqual([]);

    // The kept bodies go once the policy lets them: processed, follow-up closed.
    expect(await pruneRawMessages(db.pool, { retentionDays: 90, batchSize: 100 })).toBe(0);
    await db.pool.query(`UPDATE inbound_messages SET status = 'processed' WHERE id = $1`, [waiting]);
    await db.pool.query(`UPDATE follow_ups SET status = 'done' WHERE id = $1`, [followUpId]);
    expect(await pruneRawMessages(db.pool, { retentionDays: 90, batchSize: 100 })).toBe(2);
    expect((await findMessageById(db.pool, waiting))?.raw).toBeNull();
    expect((await findMessageById(db.pool, openFollowUp))?.raw).toBeNull();
  });
});

const PARTITIONED_RAW = '20261207100000_partitioned-raw-messages';

describe(`migration ${PARTITIONED_RAW}: raw HL7 stored before partitioning`, () => {
  let db: TestDatabase;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase(migrateToBefore(PARTITIONED_RAW), 'rawpartsmigration');
    const inserted = await db.pool.query<{ id: string; control_id: string }>(
      `INSERT INTO inbound_messages (content_hash, raw, control_id, status, received_at, pruned_at)
       VALUES ('\\x01', 'MSH|OLD', 'OLD', 'processed', now() - interval '400 days', NULL),
              ('\\x02', 'MSH|RECENT', 'RECENT', 'received', now() - interval '1 day', NULL),
              ('\\x03', NULL, 'PRUNED', 'processed', now() - interval '300 days', now()),
              ('\\x04', NULL, 'DUPLICATE', 'duplicate', now(), NULL)
       RETURNING id, control_id`,
    );
    for (const row of inserted.rows) ids[row.control_id] = row.id;
    await migrateDatabase(db.url);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('moves every stored body into the partition of its month, and keeps every message row', async () => {
    expect((await findMessageById(db.pool, ids.OLD ?? ''))?.raw?.toString()).toBe('MSH|OLD');
    expect((await findMessageById(db.pool, ids.RECENT ?? ''))?.raw?.toString()).toBe('MSH|RECENT');
    expect((await findMessageById(db.pool, ids.PRUNED ?? ''))?.raw).toBeNull();
    expect((await findMessageById(db.pool, ids.DUPLICATE ?? ''))?.status).toBe('duplicate');
    expect(await whereIsBody(db, ids.OLD ?? '')).toBe(monthName(new Date(Date.now() - 400 * DAY_MS)));
    expect(await whereIsBody(db, ids.RECENT ?? '')).toBe(monthName(new Date(Date.now() - DAY_MS)));
    const columns = await db.pool.query(
      `SELECT 1 FROM information_schema.columns WHERE table_name = 'inbound_messages' AND column_name = 'raw'`,
    );
    expect(columns.rowCount).toBe(0);
    // Every month from the oldest body to two months ahead has its partition.
    const months = (await listRawMessagePartitions(db.pool)).length;
    expect(months).toBeGreaterThanOrEqual(15);
  });
});
