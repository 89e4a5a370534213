import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '@adt/db';
import { ackCodeFromAck, encodeMllpFrame, MllpClient } from '@adt/hl7';
import { createLogger } from '@adt/logging';
import { createTestDatabase, hl7TestMessage, type Hl7TestMessage, type TestDatabase } from '@adt/testing';
import { listenerTestConfig } from './testing/listener-test-config.js';
import { startListener, type RunningListener } from './listener.js';

const log = createLogger({ service: 'listener-test', level: 'silent' });

const adt = (controlId: string, m: Omit<Hl7TestMessage, 'controlId'> = {}): string =>
  hl7TestMessage({ controlId, ...m });

function listenerConfig(db: TestDatabase, overrides: Record<string, string> = {}) {
  return listenerTestConfig(db, 'listener', overrides);
}

describe('listener over a real MLLP socket', () => {
  let db: TestDatabase;
  let listener: RunningListener;
  let client: MllpClient;

  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'listener');
    listener = await startListener(listenerConfig(db, { MLLP_MAX_FRAME_BYTES: '65536' }), log);
    client = await MllpClient.connect('127.0.0.1', listener.mllpPort);
  });

  afterAll(async () => {
    await client.close();
    await listener.stop();
    await db.drop();
  });

  async function send(text: string) {
    return ackCodeFromAck(await client.send(text));
  }

  async function statusOf(controlId: string) {
    const result = await db.pool.query<{ status: string; ack_code: string; status_reason: string | null }>(
      'SELECT status, ack_code, status_reason FROM inbound_messages WHERE control_id = $1 ORDER BY id',
      [controlId],
    );
    return result.rows;
  }

  it('ACKs AA with the request control id after storing the message', async () => {
    const ack = await send(adt('L0001'));
    expect(ack).toMatchObject({ code: 'AA', controlId: 'L0001' });
    expect(await statusOf('L0001')).toEqual([{ status: 'received', ack_code: 'AA', status_reason: null }]);
  });

  it('answers a retransmission AA and records it as a duplicate', async () => {
    expect((await send(adt('L0002'))).code).toBe('AA');
    expect((await send(`${adt('L0002')}\r`)).code).toBe('AA');
    expect((await statusOf('L0002')).map((r) => r.status)).toEqual(['received', 'duplicate']);
  });

  it('treats the same control id with different content as a new message and flags it', async () => {
    await send(adt('L0003'));
    await send(adt('L0003', { mrn: 'MRN43', pid: { 5: 'ROE^JOHN' } }));
    const rows = await db.pool.query<{ status: string; control_id_reused: boolean }>(
      'SELECT status, control_id_reused FROM inbound_messages WHERE control_id = $1 ORDER BY id',
      ['L0003'],
    );
    expect(rows.rows).toEqual([
      { status: 'received', control_id_reused: false },
      { status: 'received', control_id_reused: true },
    ]);
  });

  it('rejects a non-ADT message with AR and an ERR segment, and stores it as rejected', async () => {
    const answer = await client.send(adt('L0004', { msh: { 9: 'ORU^R01' } }));
    const ack = ackCodeFromAck(answer);
    expect(ack.code).toBe('AR');
    expect(ack.text).toContain('Unsupported message type ORU');
    expect(answer).toMatch(/\rERR\|[^\r]*\|200\^/);
    expect(await statusOf('L0004')).toMatchObject([{ status: 'rejected', ack_code: 'AR' }]);
  });

  it('answers AE for an ADT message without PID-3, stored as rejected with the reason', async () => {
    const ack = await send(adt('L0005', { pid: { 3: '' } }));
    expect(ack.code).toBe('AE');
    const rows = await statusOf('L0005');
    expect(rows[0]?.status).toBe('rejected');
    expect(rows[0]?.status_reason).toContain('PID-3');
  });

  it('answers AR for an unreadable MSH and stores the bytes as rejected', async () => {
    const before = await db.pool.query(
      "SELECT count(*)::int AS n FROM inbound_messages WHERE status = 'rejected'",
    );
    const ack = await send('HELLO|this is not hl7');
    expect(ack.code).toBe('AR');
    const after = await db.pool.query(
      "SELECT count(*)::int AS n FROM inbound_messages WHERE status = 'rejected'",
    );
    expect((after.rows[0] as { n: number }).n).toBe((before.rows[0] as { n: number }).n + 1);
  });

  it('uses commit-acknowledgement codes in enhanced mode (MSH-15)', async () => {
    const ack = await send(adt('L0006', { msh: { 15: 'AL', 16: 'NE' } }));
    expect(ack.code).toBe('CA');
  });

  it('answers pipelined messages in order on one connection', async () => {
    const socket = net.connect({ host: '127.0.0.1', port: listener.mllpPort });
    await new Promise((resolve) => socket.once('connect', resolve));
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    const ids = Array.from({ length: 20 }, (_, i) => `P${String(i).padStart(4, '0')}`);
    socket.write(Buffer.concat(ids.map((id) => encodeMllpFrame(adt(id)))));
    const text = await new Promise<string>((resolve) => {
      const poll = setInterval(() => {
        const all = Buffer.concat(received).toString('utf8');
        if ((all.match(/MSA\|/g) ?? []).length >= ids.length) {
          clearInterval(poll);
          resolve(all);
        }
      }, 20);
    });
    socket.destroy();
    const acked = [...text.matchAll(/MSA\|AA\|(P\d{4})/g)].map((m) => m[1]);
    expect(acked).toEqual(ids);
  });

  it('refuses an oversize frame with AR and keeps serving the connection', async () => {
    const big = adt('L0007', { pid: { 5: 'X'.repeat(70_000) } });
    const refused = await send(big);
    expect(refused.code).toBe('AR');
    expect(refused.text).toContain('larger than 65536 bytes');
    expect((await send(adt('L0008'))).code).toBe('AA');
  });

  it('closes the connection of a non-MLLP peer', async () => {
    const socket = net.connect({ host: '127.0.0.1', port: listener.mllpPort });
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((resolve) => socket.once('close', resolve));
    expect(socket.destroyed).toBe(true);
  });
});

describe('listener while Postgres is unreachable', () => {
  it('answers AR with an ERR segment so the sender retries', async () => {
    const db = await createTestDatabase(migrateDatabase, 'listenerdown');
    const config = listenerConfig(db, { MIGRATE_ON_START: 'false' });
    // Point the listener at a port where no Postgres listens.
    const unreachable = new URL(db.url);
    unreachable.port = '1';
    const listener = await startListener({ ...config, databaseUrl: unreachable.toString() }, log);
    const client = await MllpClient.connect('127.0.0.1', listener.mllpPort);
    try {
      const answer = await client.send(adt('D0001'));
      const ack = ackCodeFromAck(answer);
      expect(ack.code).toBe('AR');
      expect(ack.text).toContain('cannot reach its database');
      expect(answer).toMatch(/\rERR\|/);
    } finally {
      await client.close();
      await listener.stop();
      await db.drop();
    }
  });
});
