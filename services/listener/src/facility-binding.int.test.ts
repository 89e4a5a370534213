/**
 * Per-facility interface settings on the receive path, over real mutual-TLS MLLP sockets with
 * certificates made at test time: a certificate bound to one facility may not send as another
 * (`AR` with an ERR segment, stored rejected with the reason), a facility without a binding keeps
 * the behaviour from before bindings, a facility's own processing ids replace the installation's,
 * and test-feed messages are stored as sandbox messages.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, saveFacilitySettings } from '@adt/db';
import { ackCodeFromAck, encodeMllpFrame, MllpDecoder } from '@adt/hl7';
import { createLogger } from '@adt/logging';
import { createTestDatabase, hl7TestMessage, type TestDatabase } from '@adt/testing';
import { listenerTestConfig } from './testing/listener-test-config.js';
import { makeTestPki } from './testing/test-pki.js';
import { startListener, type RunningListener } from './listener.js';

const log = createLogger({ service: 'facility-binding-test', level: 'silent' });

describe('facility settings on the MLLP port', () => {
  let dir: string;
  let db: TestDatabase;
  let listener: RunningListener;
  const file = (name: string) => path.join(dir, name);

  /** Sends one message over mutual TLS with the named client certificate; resolves with the ACK text. */
  function send(client: string, message: string): Promise<string | null> {
    return new Promise((resolve) => {
      const decoder = new MllpDecoder({ maxFrameBytes: 1 << 16 });
      const socket = tls.connect({
        host: '127.0.0.1',
        port: listener.mllpPort,
        ca: readFileSync(file('ca.pem')),
        cert: readFileSync(file(`${client}.pem`)),
        key: readFileSync(file(`${client}.key`)),
      });
      const done = (ack: string | null) => {
        socket.destroy();
        resolve(ack);
      };
      socket.once('secureConnect', () => {
        socket.write(encodeMllpFrame(message));
      });
      socket.on('data', (chunk: Buffer) => {
        for (const event of decoder.push(chunk)) {
          if (event.kind === 'frame') done(event.payload.toString('utf8'));
        }
      });
      socket.on('error', () => {
        done(null);
      });
      socket.once('close', () => {
        done(null);
      });
    });
  }

  const stored = async (controlId: string) =>
    (
      await db.pool.query<{
        status: string;
        status_reason: string | null;
        ack_code: string;
        sandbox: boolean;
      }>('SELECT status, status_reason, ack_code, sandbox FROM inbound_messages WHERE control_id = $1', [
        controlId,
      ])
    ).rows;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'adt-facility-binding-'));
    const issue = makeTestPki(dir);
    issue('server', 'mllp-server', 'serverAuth');
    issue('hosp-a', 'hosp-a-interface', 'clientAuth');
    issue('hosp-b', 'hosp-b-interface', 'clientAuth');
    issue('lab', 'lab-engine', 'clientAuth');
    db = await createTestDatabase(migrateDatabase, 'facility_binding');
    await saveFacilitySettings(db.pool, 'HOSP_A', { certificateSubject: 'hosp-a-interface' });
    // Bound by fingerprint, as `openssl x509 -fingerprint -sha256` prints it.
    const fingerprint = new X509Certificate(readFileSync(file('hosp-b.pem'))).fingerprint256;
    await saveFacilitySettings(db.pool, 'HOSP_B', {
      certificateFingerprint: fingerprint.replaceAll(':', '').toLowerCase(),
      processingIds: ['P', 'T'],
    });
    await saveFacilitySettings(db.pool, 'HOSP_TEST', { mode: 'test' });
    listener = await startListener(
      listenerTestConfig(db, 'facility-binding', {
        MLLP_TLS_CERT_FILE: file('server.pem'),
        MLLP_TLS_KEY_FILE: file('server.key'),
        MLLP_TLS_CA_FILE: file('ca.pem'),
        MLLP_TLS_REQUIRE_CLIENT_CERT: 'true',
      }),
      log,
    );
  });

  afterAll(async () => {
    await listener.stop();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts a bound facility from its own certificate, by subject and by fingerprint', async () => {
    const a = await send('hosp-a', hl7TestMessage({ controlId: 'BIND-A1', facility: 'HOSP_A' }));
    const b = await send('hosp-b', hl7TestMessage({ controlId: 'BIND-B1', facility: 'HOSP_B' }));
    expect(a && ackCodeFromAck(a).code).toBe('AA');
    expect(b && ackCodeFromAck(b).code).toBe('AA');
    expect(await stored('BIND-A1')).toMatchObject([{ status: 'received', sandbox: false }]);
  });

  it('answers AR with an ERR segment to a certificate bound to A sending as facility B, and stores the message rejected with the reason', async () => {
    const ack = await send('hosp-a', hl7TestMessage({ controlId: 'BIND-AB', facility: 'HOSP_B' }));
    expect(ack).not.toBeNull();
    const segments = (ack ?? '').split('\r');
    expect(ackCodeFromAck(ack ?? '').code).toBe('AR');
    expect(segments.find((s) => s.startsWith('MSA|'))).toContain(
      'not the one bound to sending facility HOSP_B',
    );
    expect(segments.find((s) => s.startsWith('ERR|'))).toMatch(/MSH\^1\^4.*\|207\^/);
    expect(await stored('BIND-AB')).toEqual([
      {
        status: 'rejected',
        status_reason:
          "This connection's TLS client certificate is not the one bound to sending facility HOSP_B (MSH-4)",
        ack_code: 'AR',
        sandbox: false,
      },
    ]);
  });

  it('refuses a bound certificate sending as a facility without a binding', async () => {
    const ack = await send('hosp-a', hl7TestMessage({ controlId: 'BIND-AG', facility: 'GENERAL_HOSP' }));
    expect(ackCodeFromAck(ack ?? '').code).toBe('AR');
    expect(await stored('BIND-AG')).toMatchObject([
      { status: 'rejected', status_reason: expect.stringContaining('is bound to HOSP_A') as string },
    ]);
  });

  it('keeps the behaviour before bindings for an unbound certificate and facility, and refuses it for a bound one', async () => {
    const general = await send('lab', hl7TestMessage({ controlId: 'BIND-LG', facility: 'GENERAL_HOSP' }));
    const asA = await send('lab', hl7TestMessage({ controlId: 'BIND-LA', facility: 'HOSP_A' }));
    expect(ackCodeFromAck(general ?? '').code).toBe('AA');
    expect(ackCodeFromAck(asA ?? '').code).toBe('AR');
  });

  it("applies a facility's own processing ids and stores test-feed messages as sandbox messages", async () => {
    // HOSP_B accepts T although MLLP_PROCESSING_IDS is P; GENERAL_HOSP does not.
    const training = await send(
      'hosp-b',
      hl7TestMessage({ controlId: 'BIND-BT', facility: 'HOSP_B', msh: { 11: 'T' } }),
    );
    const refused = await send(
      'lab',
      hl7TestMessage({ controlId: 'BIND-GT', facility: 'GENERAL_HOSP', msh: { 11: 'T' } }),
    );
    const testFacility = await send('lab', hl7TestMessage({ controlId: 'BIND-TF', facility: 'HOSP_TEST' }));
    expect(ackCodeFromAck(training ?? '').code).toBe('AA');
    expect(ackCodeFromAck(refused ?? '').code).toBe('AR');
    expect(ackCodeFromAck(testFacility ?? '').code).toBe('AA');
    expect(await stored('BIND-BT')).toMatchObject([{ status: 'received', sandbox: true }]);
    expect(await stored('BIND-TF')).toMatchObject([{ status: 'received', sandbox: true }]);
  });

  it('picks up a new binding on refresh', async () => {
    await saveFacilitySettings(db.pool, 'GENERAL_HOSP', { certificateSubject: 'lab-engine' });
    await listener.refreshFacilitySettings();
    const lab = await send('lab', hl7TestMessage({ controlId: 'BIND-R1', facility: 'GENERAL_HOSP' }));
    const other = await send('hosp-b', hl7TestMessage({ controlId: 'BIND-R2', facility: 'GENERAL_HOSP' }));
    expect(ackCodeFromAck(lab ?? '').code).toBe('AA');
    expect(ackCodeFromAck(other ?? '').code).toBe('AR');
  });
});
