import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import { storeInboundMessages } from './inbound-message-batch.js';
import { withMeasureWorkMem } from './measure-work-mem.js';
import { storeInboundMessage, storeRejectedMessage } from './message-repository.js';
import { migrateDatabase } from './migrate.js';
import { createPool } from './pool.js';
import { settleSupersession } from './readmission-supersession.js';
import { migrateToBefore } from './testing/migrate-before.js';
import {
  dropExpiredRawPartitions,
  ensureRawMessagePartitions,
  pruneRawMessages,
} from './retention-repository.js';

/**
 * What a connection keeps from one transaction to the next. Through PgBouncer in transaction mode
 * the next transaction may run on another server connection, so the product must leave none of it.
 */
async function sessionState(db: pg.Pool | pg.PoolClient): Promise<Record<string, unknown>> {
  const result = await db.query<Record<string, unknown>>(
    `SELECT (SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid())
              AS advisory_locks,
            (SELECT count(*)::int FROM pg_prepared_statements) AS prepared_statements,
            (SELECT coalesce(array_agg(name ORDER BY name), '{}') FROM pg_settings WHERE source = 'session')
              AS session_settings,
            (SELECT count(*)::int FROM pg_listening_channels()) AS listening_channels,
            (SELECT count(*)::int FROM pg_cursors) AS open_cursors,
            (SELECT count(*)::int FROM pg_class WHERE relpersistence = 't') AS temporary_tables`,
  );
  return result.rows[0] ?? {};
}

const CLEAN = {
  advisory_locks: 0,
  prepared_statements: 0,
  session_settings: [],
  listening_channels: 0,
  open_cursors: 0,
  temporary_tables: 0,
};

let sequence = 0;
function message(): Parameters<typeof storeInboundMessage>[1] {
  sequence += 1;
  const raw = Buffer.from(`MSH|^~\\&|EPIC|GH|||||ADT^A03|SESSION${sequence}|P|2.5.1`);
  return {
    raw,
    contentHash: createHash('sha256').update(raw).digest(),
    peerAddress: null,
    sendingApplication: 'EPIC',
    sendingFacility: 'GH',
    controlId: `SESSION${sequence}`,
    messageType: 'ADT^A03',
    versionId: '2.5.1',
    ackCode: 'AA',
  };
}

describe('no session state (PgBouncer in transaction mode)', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'sessionstate');
    // One connection: every statement below runs on the backend inspected afterwards.
    pool = createPool({ connectionString: db.url, max: 1 });
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('leaves no lock, prepared statement, setting, listener, cursor or temporary table behind', async () => {
    const backend = async () =>
      (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
    const pid = await backend();

    await storeInboundMessage(pool, message());
    await storeInboundMessages(pool, [message(), message()]);
    await storeRejectedMessage(pool, { ...message(), reason: 'test' });
    await ensureRawMessagePartitions(pool);
    await dropExpiredRawPartitions(pool, 1, new Date(Date.now() + 400 * 86_400_000));
    await pruneRawMessages(pool, { retentionDays: 1, batchSize: 10 });
    await settleSupersession(pool, { zone: 'UTC', days: 30 });
    const workMem = await withMeasureWorkMem(pool, async (client) => {
      const shown = await client.query<{ work_mem: string }>('SHOW work_mem');
      return shown.rows[0]?.work_mem;
    });
    expect(workMem).toBe('32MB');

    expect(await backend()).toBe(pid);
    expect(await sessionState(pool)).toEqual(CLEAN);
  });

  it('would see state left behind (the check is not blind)', async () => {
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(42)');
      await client.query(`SET work_mem = '8MB'`);
      await client.query({ name: 'named', text: 'SELECT 1' });
      expect(await sessionState(client)).toMatchObject({
        advisory_locks: 1,
        prepared_statements: 1,
        session_settings: ['work_mem'],
      });
    } finally {
      // Not back to the pool with that state: a fresh connection replaces it.
      client.release(true);
    }
  });
});

describe('migration 20261207100100_database-jit-off', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(migrateToBefore('20261207100100_database-jit-off'), 'jitoff');
    await migrateDatabase(db.url);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('turns JIT off for connections that bring no start-up option, as through PgBouncer', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      expect((await client.query<{ jit: string }>('SHOW jit')).rows[0]?.jit).toBe('off');
    } finally {
      await client.end();
    }
  });
});
