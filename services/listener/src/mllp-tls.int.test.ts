/**
 * TLS and mutual TLS on the MLLP port, with certificates made at test time by openssl: a client
 * with a CA-signed certificate gets AA, one without a certificate and a plain-TCP client are
 * refused, and a renewed server certificate is picked up without a restart.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '@adt/db';
import { ackCodeFromAck, encodeMllpFrame, MllpDecoder } from '@adt/hl7';
import { createLogger } from '@adt/logging';
import { createTestDatabase, hl7TestMessage, type TestDatabase } from '@adt/testing';
import { listenerTestConfig } from './testing/listener-test-config.js';
import { makeTestPki } from './testing/test-pki.js';
import { startListener, type RunningListener } from './listener.js';

const log = createLogger({ service: 'mllp-tls-test', level: 'silent' });
const FIRST_FRAME_MS = 1_000;

/** Milliseconds from `from` (the socket's connect or secureConnect) until the server closes it. */
function closedAfter(socket: net.Socket, from: 'connect' | 'secureConnect'): Promise<number> {
  return new Promise((resolve) => {
    let started = Date.now();
    socket.once(from, () => {
      started = Date.now();
    });
    socket.on('error', () => undefined);
    socket.once('close', () => {
      resolve(Date.now() - started);
    });
  });
}

const adt = (controlId: string): string => hl7TestMessage({ controlId });

interface TlsExchange {
  /** The ACK code, or null when the connection was refused or closed without one. */
  ack: string | null;
  serverCn: string | null;
}

describe('MLLP over TLS with client certificates', () => {
  let dir: string;
  let db: TestDatabase;
  let listener: RunningListener;
  const file = (name: string) => path.join(dir, name);

  function sendOverTls(controlId: string, withClientCert: boolean): Promise<TlsExchange> {
    return new Promise((resolve) => {
      const decoder = new MllpDecoder({ maxFrameBytes: 1 << 16 });
      let serverCn: string | null = null;
      const socket = tls.connect({
        host: '127.0.0.1',
        port: listener.mllpPort,
        ca: readFileSync(file('ca.pem')),
        ...(withClientCert
          ? {
              cert: readFileSync(file('client.pem')),
              key: readFileSync(file('client.key')),
            }
          : {}),
      });
      const done = (ack: string | null) => {
        socket.destroy();
        resolve({ ack, serverCn });
      };
      socket.once('secureConnect', () => {
        const subject = socket.getPeerCertificate().subject as { CN?: string } | undefined;
        serverCn = subject?.CN ?? null;
        socket.write(encodeMllpFrame(adt(controlId)));
      });
      socket.on('data', (chunk: Buffer) => {
        for (const event of decoder.push(chunk)) {
          if (event.kind === 'frame') done(ackCodeFromAck(event.payload.toString('utf8')).code);
        }
      });
      // `on`, not `once`: whatever a refused connection emits, this client never throws out of the test.
      socket.on('error', () => {
        done(null);
      });
      socket.once('close', () => {
        done(null);
      });
    });
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'adt-mllp-tls-'));
    const issue = makeTestPki(dir);
    issue('server', 'mllp-server-1', 'serverAuth');
    issue('renewed', 'mllp-server-2', 'serverAuth');
    issue('client', 'general-hosp-interface', 'clientAuth');
    db = await createTestDatabase(migrateDatabase, 'mllp_tls');
    listener = await startListener(
      listenerTestConfig(db, 'mllp-tls', {
        MLLP_TLS_CERT_FILE: file('server.pem'),
        MLLP_TLS_KEY_FILE: file('server.key'),
        MLLP_TLS_CA_FILE: file('ca.pem'),
        MLLP_TLS_REQUIRE_CLIENT_CERT: 'true',
        MLLP_FIRST_FRAME_TIMEOUT_MS: String(FIRST_FRAME_MS),
      }),
      log,
      { tlsWatchIntervalMs: 100 },
    );
  });

  afterAll(async () => {
    await listener.stop();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('acknowledges a message from a client with a CA-signed certificate', async () => {
    expect(await sendOverTls('TLS0001', true)).toEqual({ ack: 'AA', serverCn: 'mllp-server-1' });
    const stored = await db.pool.query('SELECT 1 FROM inbound_messages WHERE control_id = $1', ['TLS0001']);
    expect(stored.rowCount).toBe(1);
  });

  it('refuses a client without a certificate', async () => {
    expect((await sendOverTls('TLS0002', false)).ack).toBeNull();
    const stored = await db.pool.query('SELECT 1 FROM inbound_messages WHERE control_id = $1', ['TLS0002']);
    expect(stored.rowCount).toBe(0);
  });

  it('closes a plain-TCP MLLP client on the TLS port without answering', async () => {
    const answer = await new Promise<string>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port: listener.mllpPort }, () => {
        socket.write(encodeMllpFrame(adt('TLS0003')));
      });
      socket.on('data', () => {
        resolve('answered');
      });
      socket.on('error', () => undefined);
      socket.on('close', () => {
        resolve('closed');
      });
    });
    expect(answer).toBe('closed');
  });

  it('closes a peer that never completes the handshake, and one that sends no frame after it, by the first-frame deadline', async () => {
    const silentTcp = net.connect({ host: '127.0.0.1', port: listener.mllpPort });
    const silentTls = tls.connect({
      host: '127.0.0.1',
      port: listener.mllpPort,
      ca: readFileSync(file('ca.pem')),
      cert: readFileSync(file('client.pem')),
      key: readFileSync(file('client.key')),
    });
    const [tcpMs, tlsMs] = await Promise.all([
      closedAfter(silentTcp, 'connect'),
      closedAfter(silentTls, 'secureConnect'),
    ]);
    for (const ms of [tcpMs, tlsMs]) {
      expect(ms).toBeGreaterThanOrEqual(FIRST_FRAME_MS - 100);
      expect(ms).toBeLessThan(FIRST_FRAME_MS * 4);
    }
  });

  it('picks up a renewed certificate without a restart, from the watched files and on demand', async () => {
    copyFileSync(file('renewed.key'), file('server.key'));
    copyFileSync(file('renewed.pem'), file('server.pem'));
    let exchange: TlsExchange = { ack: null, serverCn: null };
    for (let i = 0; i < 40 && exchange.serverCn !== 'mllp-server-2'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      exchange = await sendOverTls(`TLS1${i.toString().padStart(3, '0')}`, true);
    }
    expect(exchange).toEqual({ ack: 'AA', serverCn: 'mllp-server-2' });
    expect(listener.reloadTls()).toBe(true);
    // A broken file is refused and the working certificate stays.
    writeFileSync(file('server.pem'), 'not a certificate');
    expect(listener.reloadTls()).toBe(false);
    expect(await sendOverTls('TLS2001', true)).toEqual({ ack: 'AA', serverCn: 'mllp-server-2' });
  });
});
