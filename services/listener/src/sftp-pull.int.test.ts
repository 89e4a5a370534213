import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '@adt/db';
import { createLogger } from '@adt/logging';
import { createTestDatabase, hl7TestMessage, type TestDatabase } from '@adt/testing';
import { startListener, type RunningListener } from './listener.js';
import { listenerTestConfig } from './testing/listener-test-config.js';
import { startSftpTestServer, type SftpTestServer } from './testing/sftp-test-server.js';

const log = createLogger({ service: 'sftp-pull-test', level: 'silent' });
const USER = { username: 'practice', password: 's3cret pass' };

describe('file drop pulled from an SFTP server', () => {
  let db: TestDatabase;
  let remote: string;
  let dir: string;
  let server: SftpTestServer;
  let listener: RunningListener;

  const url = (port: number) =>
    `sftp://${USER.username}:${encodeURIComponent(USER.password)}@127.0.0.1:${port}/outbox`;

  beforeAll(async () => {
    remote = await mkdtemp(path.join(os.tmpdir(), 'adt-sftp-remote-'));
    dir = await mkdtemp(path.join(os.tmpdir(), 'adt-sftp-drop-'));
    server = await startSftpTestServer(remote, USER);
    db = await createTestDatabase(migrateDatabase, 'sftp-pull');
    listener = await startListener(
      listenerTestConfig(db, 'sftp-pull', {
        FILE_DROP_DIR: dir,
        FILE_DROP_POLL_INTERVAL_MS: '3600000',
        FILE_DROP_STABLE_MS: '60000',
        FILE_DROP_SFTP_URL: url(server.port),
        FILE_DROP_SFTP_HOST_KEY: server.hostKeySha256,
        FILE_DROP_SFTP_INTERVAL_MS: '3600000',
      }),
      log,
    );
    // The first pull runs at start: let it finish on the empty server.
    expect(await listener.pullSftpFiles()).toBe(0);
  });

  afterAll(async () => {
    await listener.stop();
    await server.stop();
    await db.drop();
    await rm(remote, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  });

  /** Puts a file on the server, written a while ago so it is complete. */
  async function offer(name: string, content: string, ageMs = 120_000): Promise<void> {
    const file = path.join(remote, name);
    await writeFile(file, content);
    const at = new Date(Date.now() - ageMs);
    await utimes(file, at, at);
  }

  async function reports(folder: 'done' | 'failed') {
    const names = (await readdir(path.join(dir, folder))).filter((n) => n.endsWith('.report.json')).sort();
    return Promise.all(
      names.map(
        async (n) => JSON.parse(await readFile(path.join(dir, folder, n), 'utf8')) as Record<string, unknown>,
      ),
    );
  }

  it('pulls complete files into the drop directory, removes them from the server, and they are read with source sftp', async () => {
    await offer('adt-1.hl7', hl7TestMessage({ controlId: 'SF1' }));
    await offer('adt-2.hl7.filepart', hl7TestMessage({ controlId: 'SF2' }));
    await offer('adt-3.hl7', hl7TestMessage({ controlId: 'SF3' }), 0);
    expect(await listener.pullSftpFiles()).toBe(1);
    expect((await readdir(remote)).sort()).toEqual(['adt-2.hl7.filepart', 'adt-3.hl7']);
    expect(await readFile(path.join(dir, 'adt-1.hl7'), 'utf8')).toBe(hl7TestMessage({ controlId: 'SF1' }));

    // The remote modification time is kept: the file is complete, so it is read at once.
    expect(await listener.readDroppedFiles()).toBe(1);
    expect(await reports('done')).toMatchObject([
      {
        fileName: 'adt-1.hl7',
        source: 'sftp',
        status: 'done',
        messages: [{ controlId: 'SF1', ackCode: 'AA' }],
      },
    ]);
    await rm(path.join(remote, 'adt-2.hl7.filepart'));
    await rm(path.join(remote, 'adt-3.hl7'));
  });

  it('a file the server does not let it remove is pulled again and recorded as a duplicate', async () => {
    server.refuseRemove = true;
    try {
      await offer('adt-4.hl7', hl7TestMessage({ controlId: 'SF4' }));
      expect(await listener.pullSftpFiles()).toBe(1);
      expect(await listener.readDroppedFiles()).toBe(1);
      expect(await listener.pullSftpFiles()).toBe(1);
      expect(await listener.readDroppedFiles()).toBe(1);
    } finally {
      server.refuseRemove = false;
    }
    const statuses = (await reports('done')).filter((r) => r.fileName === 'adt-4.hl7').map((r) => r.status);
    expect(statuses.sort()).toEqual(['done', 'duplicate']);
    const stored = await db.pool.query("SELECT 1 FROM inbound_messages WHERE control_id = 'SF4'");
    expect(stored.rowCount).toBe(1);
  });

  it('refuses a server whose host key is not the configured one', async () => {
    const other = await startSftpTestServer(remote, USER);
    const impostor = await startListener(
      listenerTestConfig(db, 'sftp-pull-impostor', {
        MLLP_PORT: '0',
        FILE_DROP_DIR: dir,
        FILE_DROP_POLL_INTERVAL_MS: '3600000',
        FILE_DROP_SFTP_URL: url(other.port),
        FILE_DROP_SFTP_HOST_KEY: server.hostKeySha256,
        FILE_DROP_SFTP_INTERVAL_MS: '3600000',
      }),
      log,
    );
    try {
      await offer('adt-5.hl7', hl7TestMessage({ controlId: 'SF5' }));
      await expect(impostor.pullSftpFiles()).rejects.toThrow();
      expect(await readdir(remote)).toContain('adt-5.hl7');
    } finally {
      await impostor.stop();
      await other.stop();
      await rm(path.join(remote, 'adt-5.hl7'));
    }
  });
});
