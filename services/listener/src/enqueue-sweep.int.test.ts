import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '@adt/db';
import { createLogger } from '@adt/logging';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import { startEnqueueSweep } from './enqueue-sweep.js';

describe('enqueue sweep', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'sweep');
    // 1,200 stored, unprocessed messages older than the grace period, and one fresh one.
    await db.pool.query(
      `INSERT INTO inbound_messages (content_hash, control_id, status, received_at)
       SELECT decode(md5(g::text), 'hex'), 'S' || g, 'received', now() - interval '1 minute'
         FROM generate_series(1, 1200) g`,
    );
    await db.pool.query(
      `INSERT INTO inbound_messages (content_hash, control_id, status) VALUES ('\\x00', 'FRESH', 'received')`,
    );
  });

  afterAll(async () => {
    await db.drop();
  });

  /** A sweep run only by hand, over the test database. */
  function startSweep(
    enqueue: (ids: string[]) => Promise<number>,
    onSwept: (count: number) => void = () => undefined,
  ) {
    return startEnqueueSweep({
      pool: db.pool,
      enqueue,
      intervalMs: 3_600_000,
      graceMs: 10_000,
      log: createLogger({ service: 'sweep-test', level: 'silent' }),
      onSwept,
    });
  }

  it('walks a backlog one bounded page per run, each message once, then starts over', async () => {
    const batches: string[][] = [];
    const sweep = startSweep((ids) => {
      batches.push(ids);
      return Promise.resolve(ids.length);
    });
    const counts = [await sweep.runOnce(), await sweep.runOnce(), await sweep.runOnce()];
    expect(counts).toEqual([500, 500, 200]);
    const all = batches.flat();
    expect(new Set(all).size).toBe(1200);
    // The fresh message is left to the listener's own enqueue.
    const fresh = await db.pool.query<{ id: string }>(
      "SELECT id FROM inbound_messages WHERE control_id = 'FRESH'",
    );
    expect(all).not.toContain(fresh.rows[0]?.id);
    // After the end of the backlog the next run starts from the beginning again.
    expect(await sweep.runOnce()).toBe(500);
    expect(batches[3]).toEqual(batches[0]);
    await sweep.stop();
  });

  it('counts only the messages the queue was missing', async () => {
    const swept: number[] = [];
    const record = (count: number) => swept.push(count);
    // Every message but three still has its job waiting.
    const sweep = startSweep(() => Promise.resolve(3), record);
    expect(await sweep.runOnce()).toBe(3);
    const none = startSweep(() => Promise.resolve(0), record);
    expect(await none.runOnce()).toBe(0);
    expect(swept).toEqual([3]);
    await Promise.all([sweep.stop(), none.stop()]);
  });
});
