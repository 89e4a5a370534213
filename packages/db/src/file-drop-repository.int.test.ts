import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import {
  failInterruptedFileDrops,
  findCompletedFileDrop,
  findFileDropById,
  finishFileDrop,
  insertFileDrop,
} from './file-drop-repository.js';
import { migrateDatabase } from './migrate.js';

describe('file drop repository', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'file-drop-repository');
  });

  afterAll(async () => {
    await db.drop();
  });

  const file = (fileName: string, checksum: Buffer) =>
    insertFileDrop(db.pool, { fileName, source: 'local', sizeBytes: 3, checksum });

  it('a second completion of the same bytes is recorded as a duplicate of the first', async () => {
    const checksum = Buffer.alloc(32, 7);
    const first = await file('a.hl7', checksum);
    const second = await file('b.hl7', checksum);
    expect(await finishFileDrop(db.pool, first, { status: 'done', reason: null, results: [] })).toBe('done');
    expect(await finishFileDrop(db.pool, second, { status: 'done', reason: null, results: [] })).toBe(
      'duplicate',
    );
    expect(await findFileDropById(db.pool, second)).toMatchObject({
      status: 'duplicate',
      duplicateOf: first,
    });
    expect((await findCompletedFileDrop(db.pool, checksum))?.id).toBe(first);
  });

  it('a failed file does not count as read: the same bytes can complete later', async () => {
    const checksum = Buffer.alloc(32, 8);
    const failed = await file('c.hl7', checksum);
    await finishFileDrop(db.pool, failed, { status: 'failed', reason: 'store unavailable', results: [] });
    expect(await findCompletedFileDrop(db.pool, checksum)).toBeNull();
    const retried = await file('c.hl7', checksum);
    expect(await finishFileDrop(db.pool, retried, { status: 'refused', reason: null, results: [] })).toBe(
      'refused',
    );
  });

  it('marks files still processing as failed', async () => {
    const left = await file('d.hl7', Buffer.alloc(32, 9));
    expect(await failInterruptedFileDrops(db.pool)).toBe(1);
    expect(await findFileDropById(db.pool, left)).toMatchObject({ status: 'failed' });
    expect(await findFileDropById(db.pool, 'x')).toBeNull();
  });
});
