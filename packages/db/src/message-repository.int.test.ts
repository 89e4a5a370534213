import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import { migrateDatabase } from './migrate.js';
import {
  findUnprocessedMessageIds,
  resetMessagesForReplay,
  storeInboundMessage,
  type NewInboundMessage,
} from './message-repository.js';
import { recordAudit } from './audit-repository.js';
import { testInboundMessage } from './testing/test-records.js';

const base: NewInboundMessage = testInboundMessage('C1', {
  raw: Buffer.from('MSH|...'),
  contentHash: Buffer.from('h1'),
  peerAddress: '10.0.0.1',
  messageType: 'ADT^A01',
});

describe('message repository', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'db');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('migrations are idempotent', async () => {
    expect(await migrateDatabase(db.url)).toEqual([]);
  });

  it('stores a message once and records resends as duplicates of the original', async () => {
    const first = await storeInboundMessage(db.pool, base);
    const again = await storeInboundMessage(db.pool, base);
    expect(first.outcome).toBe('stored');
    expect(again).toMatchObject({ outcome: 'duplicate', originalId: first.id, originalStatus: 'received' });
  });

  it('stores concurrent identical messages exactly once', async () => {
    const message = { ...base, controlId: 'C-RACE' };
    const results = await Promise.all(Array.from({ length: 8 }, () => storeInboundMessage(db.pool, message)));
    expect(results.filter((r) => r.outcome === 'stored')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'duplicate')).toHaveLength(7);
  });

  it('lists unprocessed messages for the sweep only after the grace period', async () => {
    const stored = await storeInboundMessage(db.pool, { ...base, controlId: 'C-SWEEP' });
    expect(await findUnprocessedMessageIds(db.pool, 60_000, 100)).not.toContain(stored.id);
    expect(await findUnprocessedMessageIds(db.pool, 0, 100)).toContain(stored.id);
  });

  it('replays failed messages only', async () => {
    const stored = await storeInboundMessage(db.pool, { ...base, controlId: 'C-FAIL' });
    await db.pool.query("UPDATE inbound_messages SET status = 'processed' WHERE id = $1", [stored.id]);
    expect(await resetMessagesForReplay(db.pool, [stored.id])).toEqual([]);
    await db.pool.query("UPDATE inbound_messages SET status = 'failed' WHERE id = $1", [stored.id]);
    expect(await resetMessagesForReplay(db.pool, [stored.id])).toEqual([stored.id]);
  });

  it('keeps the audit log append-only', async () => {
    await recordAudit(db.pool, {
      actor: 'admin:x#1',
      action: 'read',
      resource: 'follow_up',
      resourceId: '1',
    });
    await expect(db.pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });
});
