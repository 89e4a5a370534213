import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import { storeInboundMessages } from './inbound-message-batch.js';
import { migrateDatabase } from './migrate.js';
import { storeInboundMessage, type NewInboundMessage } from './message-repository.js';
import { testInboundMessage } from './testing/test-records.js';

const message = (controlId: string, content = controlId): NewInboundMessage =>
  testInboundMessage(controlId, {
    raw: Buffer.from(`MSH|${content}`),
    contentHash: Buffer.from(`hash-${content}`),
    peerAddress: '10.0.0.9',
  });

describe('storeInboundMessages (group commit)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'batch');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('stores a batch in one statement with ids in batch order and each row intact', async () => {
    const batch = ['B1', 'B2', 'B3', 'B4'].map((id) => message(id));
    const results = await storeInboundMessages(db.pool, batch);
    expect(results.map((r) => r.outcome)).toEqual(['stored', 'stored', 'stored', 'stored']);
    const ids = results.map((r) => BigInt(r.id));
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
    const rows = await db.pool.query<{ id: string; control_id: string; raw: Buffer; status: string }>(
      `SELECT m.id, m.control_id, r.raw, m.status
         FROM inbound_messages m JOIN inbound_message_raw r ON r.message_id = m.id AND r.received_at = m.received_at
        WHERE m.id = ANY($1::bigint[]) ORDER BY m.id`,
      [results.map((r) => r.id)],
    );
    expect(rows.rows.map((r) => [r.control_id, r.raw.toString(), r.status])).toEqual([
      ['B1', 'MSH|B1', 'received'],
      ['B2', 'MSH|B2', 'received'],
      ['B3', 'MSH|B3', 'received'],
      ['B4', 'MSH|B4', 'received'],
    ]);
  });

  it('records a resend inside a batch as a duplicate of the stored original, the others as stored', async () => {
    const original = await storeInboundMessage(db.pool, message('D1'));
    const results = await storeInboundMessages(db.pool, [message('D0'), message('D1'), message('D2')]);
    expect(results[0]).toMatchObject({ outcome: 'stored' });
    expect(results[1]).toMatchObject({
      outcome: 'duplicate',
      originalId: original.id,
      originalStatus: 'received',
    });
    expect(results[2]).toMatchObject({ outcome: 'stored' });
  });

  it('flags a control id reused with different content, as a single store does', async () => {
    await storeInboundMessage(db.pool, message('R1', 'first'));
    const [reused, fresh] = await storeInboundMessages(db.pool, [message('R1', 'second'), message('R2')]);
    expect(reused).toMatchObject({ outcome: 'stored', controlIdReused: true });
    expect(fresh).toMatchObject({ outcome: 'stored', controlIdReused: false });
  });

  it('keeps the correlation id given with each message', async () => {
    const correlationId = '6f1d2c1e-8a56-4c59-9a3f-0d7b1c2e3f40';
    const [stored] = await storeInboundMessages(db.pool, [
      { ...message('K1'), correlationId },
      message('K2'),
    ]);
    const row = await db.pool.query<{ correlation_id: string }>(
      'SELECT correlation_id FROM inbound_messages WHERE id = $1',
      [stored?.id],
    );
    expect(row.rows[0]?.correlation_id).toBe(correlationId);
  });
});
