import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '@adt/db';
import { ackCodeFromAck, encodeMllpFrame } from '@adt/hl7';
import { createLogger } from '@adt/logging';
import { createTestDatabase, hl7TestMessage, MllpPeer, type TestDatabase } from '@adt/testing';
import { listenerTestConfig } from './testing/listener-test-config.js';
import { startListener, type RunningListener } from './listener.js';

const log = createLogger({ service: 'listener-protocol-test', level: 'silent' });

interface AdtOptions {
  event?: string;
  msh9?: string;
  facility?: string;
  visit?: string;
  mrn?: string;
  /** MSH-15 and MSH-16. */
  ackTypes?: readonly [string, string];
  charset?: string;
  name?: string;
}

function adt(controlId: string, o: AdtOptions = {}): string {
  const event = o.event ?? 'A01';
  const msh: Record<number, string> = { 5: 'FU', 9: o.msh9 ?? `ADT^${event}^ADT_A01` };
  if (o.ackTypes) [msh[15], msh[16]] = o.ackTypes;
  if (o.charset !== undefined) msh[18] = o.charset;
  return hl7TestMessage({
    controlId,
    event,
    facility: o.facility ?? 'GH',
    msh,
    pid: { 3: `${o.mrn ?? 'MRN1'}^^^GH^MR`, 5: o.name ?? 'DOE^JANE' },
    pv1: { 19: o.visit ?? 'V1' },
  });
}

describe('listener protocol: batches, character sets, A11, enhanced mode, noise', () => {
  let db: TestDatabase;
  let listener: RunningListener;
  let peer: MllpPeer;

  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'listenerproto');
    const config = listenerTestConfig(db, 'listenerproto', {});
    listener = await startListener(config, log, { applicationAckPollMs: 25, applicationAckTimeoutMs: 3_000 });
    peer = await MllpPeer.connect(listener.mllpPort);
  });

  afterAll(async () => {
    peer.close();
    await listener.stop();
    await db.drop();
  });

  async function rows(controlId: string) {
    const result = await db.pool.query<{
      id: string;
      status: string;
      ack_code: string;
      status_reason: string | null;
      message_type: string;
      raw: Buffer | null;
    }>(
      `SELECT m.id, m.status, m.ack_code, m.status_reason, m.message_type, r.raw
         FROM inbound_messages m
         LEFT JOIN inbound_message_raw r ON r.message_id = m.id AND r.received_at = m.received_at
        WHERE m.control_id = $1 ORDER BY m.id`,
      [controlId],
    );
    return result.rows;
  }

  async function setStatus(controlId: string, status: string, reason: string | null = null) {
    await db.pool.query(
      `UPDATE inbound_messages SET status = $2, status_reason = $3 WHERE control_id = $1 AND status = 'received'`,
      [controlId, status, reason],
    );
  }

  it('answers an FHS/BHS batch with a batch of ACKs, storing each message exactly as sent alone', async () => {
    const first = adt('B1', { mrn: 'MRN-B1' });
    const second = adt('B2', { mrn: 'MRN-B2', event: 'A08', name: 'M\u00dcLLER^J\u00d6RG' });
    const broken = 'MSH|^~\\&|EPIC|GH|FU|PRACTICE|20261118||ORU^R01|B3|P|2.5.1\rPID|1||X^^^GH^MR';
    const batch = Buffer.concat([
      Buffer.from(
        'FHS|^~\\&|EPIC|GH|FU|PRACTICE|20261118||||F1\r\nBHS|^~\\&|EPIC|GH|FU|PRACTICE|20261118||||BB1\r\n',
      ),
      Buffer.from(`${first}\r\n`),
      Buffer.from(`${second}\r\n`, 'latin1'),
      Buffer.from(`${broken}\r\nBTS|3\r\nFTS|1\r\n`),
    ]);
    const answer = (await peer.send(batch)).split('\r');
    expect(answer[0]).toMatch(/^FHS\|\^~\\&\|FU\|PRACTICE\|EPIC\|GH\|\d{14}\+0000\|\|\|\|BAT\w+\|F1$/);
    expect(answer[1]).toMatch(/^BHS\|.*\|BB1$/);
    expect(answer.filter((s) => s.startsWith('MSA'))).toEqual([
      'MSA|AA|B1',
      'MSA|AA|B2',
      expect.stringMatching(/^MSA\|AR\|B3\|Unsupported message type ORU/),
    ]);
    // Every segment ends with CR, the last one included: splitting leaves an empty tail.
    expect(answer.slice(-3)).toEqual(['BTS|3', 'FTS|1', '']);
    expect((await rows('B2'))[0]?.raw).toEqual(Buffer.from(second, 'latin1'));
    expect((await rows('B3'))[0]?.status).toBe('rejected');
    // The first message sent again on its own is recognised as the same message.
    expect(ackCodeFromAck(await peer.send(first)).code).toBe('AA');
    expect((await rows('B1')).map((r) => r.status)).toEqual(['received', 'duplicate']);
  });

  it('reads a declared 8859/1 message as Latin-1 and answers in Latin-1, naming the set in MSH-18', async () => {
    const message = adt('L1', { charset: '8859/1', name: 'PE\u00d1A^JOS\u00c9' });
    const answer = await peer.send(Buffer.from(message, 'latin1'), 'latin1');
    expect(answer.split('\r')[0]?.split('|')[17]).toBe('8859/1');
    expect(ackCodeFromAck(answer)).toMatchObject({ code: 'AA', controlId: 'L1' });
    expect((await rows('L1'))[0]?.raw).toEqual(Buffer.from(message, 'latin1'));
  });

  it('takes the event from EVN-1 when MSH-9 is only ADT, and names it in the ACK and the stored type', async () => {
    const answer = await peer.send(adt('E1', { msh9: 'ADT', event: 'A04', visit: 'V-E1' }));
    expect(answer.split('\r')[0]?.split('|')[8]).toBe('ACK^A04^ACK');
    expect((await rows('E1'))[0]?.message_type).toBe('ADT^A04');
  });

  describe('A11 (cancel admit/visit)', () => {
    it('answers AE "no such visit" for an unknown visit, stores it as rejected and changes nothing', async () => {
      const answer = await peer.send(adt('X1', { event: 'A11', visit: 'V-NONE' }));
      const ack = ackCodeFromAck(answer);
      expect(ack.code).toBe('AE');
      expect(ack.text).toMatch(/^No such visit/);
      expect(answer).toMatch(/\rERR\|\|PV1\^1\^19\|204\^Unknown key identifier/);
      expect(await rows('X1')).toMatchObject([{ status: 'rejected', ack_code: 'AE' }]);
      expect((await db.pool.query('SELECT 1 FROM encounters')).rowCount).toBe(0);
    });

    it('also checks an A11 whose event is only in EVN-1', async () => {
      expect(
        ackCodeFromAck(await peer.send(adt('X2', { event: 'A11', msh9: 'ADT', visit: 'V-NONE' }))).code,
      ).toBe('AE');
    });

    it('accepts an A11 for a visit whose admission is stored but not yet processed, at the same facility only', async () => {
      expect(ackCodeFromAck(await peer.send(adt('X3', { visit: 'V-PEND', mrn: 'MRN-P' }))).code).toBe('AA');
      expect(
        ackCodeFromAck(await peer.send(adt('X4', { event: 'A11', visit: 'V-PEND', mrn: 'MRN-P' }))).code,
      ).toBe('AA');
      const elsewhere = adt('X5', { event: 'A11', visit: 'V-PEND', mrn: 'MRN-P', facility: 'OTHER_HOSP' });
      expect(ackCodeFromAck(await peer.send(elsewhere)).code).toBe('AE');
      // A visit number that merely occurs in another field of a waiting message does not count.
      expect(ackCodeFromAck(await peer.send(adt('X6', { event: 'A11', visit: 'MRN-P' }))).code).toBe('AE');
    });

    it('accepts an A11 for a visit the worker already built', async () => {
      const patient = await db.pool.query<{ id: string }>(
        "INSERT INTO patients (mrn, assigning_authority) VALUES ('MRN-K', 'GH') RETURNING id",
      );
      await db.pool.query(
        "INSERT INTO encounters (patient_id, facility, encounter_key, visit_number) VALUES ($1, 'GH', 'V-KNOWN', 'V-KNOWN')",
        [patient.rows[0]?.id],
      );
      await db.pool.query(
        "INSERT INTO patient_identifiers (patient_id, assigning_authority, identifier, identifier_type) VALUES ($1, 'GH', 'MRN-K', 'MR')",
        [patient.rows[0]?.id],
      );
      expect(
        ackCodeFromAck(await peer.send(adt('X7', { event: 'A11', visit: 'V-KNOWN', mrn: 'MRN-K' }))).code,
      ).toBe('AA');
      // Without PV1-19, a known encounter of the same patient at the facility is enough.
      const noVisit = adt('X8', { event: 'A11', mrn: 'MRN-K' }).replace(/\rPV1\|.*$/, '\rPV1|1|I|4W^1^A');
      expect(ackCodeFromAck(await peer.send(noVisit)).code).toBe('AA');
      const unknownPatient = adt('X9', { event: 'A11', mrn: 'MRN-NOBODY' }).replace(
        /\rPV1\|.*$/,
        '\rPV1|1|I',
      );
      const refused = ackCodeFromAck(await peer.send(unknownPatient));
      expect(refused.code).toBe('AE');
      expect(refused.text).toContain('no PV1-19');
    });
  });

  describe('enhanced acknowledgment mode', () => {
    it('sends CA on commit, then the application AA on the same connection once processed', async () => {
      const commit = ackCodeFromAck(await peer.send(adt('N1', { ackTypes: ['AL', 'AL'], visit: 'V-N1' })));
      expect(commit).toMatchObject({ code: 'CA', controlId: 'N1' });
      expect(await peer.silentFor(150)).toBe(true);
      await setStatus('N1', 'processed');
      const application = (await peer.next()).toString('utf8');
      expect(ackCodeFromAck(application)).toMatchObject({ code: 'AA', controlId: 'N1' });
      expect(application.split('\r')[0]?.split('|')[8]).toBe('ACK^A01^ACK');
    });

    it('with MSH-16 = ER sends nothing on success and AE with the reason on failure', async () => {
      expect(ackCodeFromAck(await peer.send(adt('N2', { ackTypes: ['AL', 'ER'], visit: 'V-N2' }))).code).toBe(
        'CA',
      );
      await setStatus('N2', 'processed');
      expect(await peer.silentFor(200)).toBe(true);
      expect(ackCodeFromAck(await peer.send(adt('N3', { ackTypes: ['AL', 'ER'], visit: 'V-N3' }))).code).toBe(
        'CA',
      );
      await setStatus('N3', 'failed', 'PID-3 (patient identifier) is empty');
      const application = ackCodeFromAck((await peer.next()).toString('utf8'));
      expect(application).toMatchObject({ code: 'AE', controlId: 'N3' });
      expect(application.text).toContain('PID-3 (patient identifier) is empty');
    });

    it('sends no commit ACK under MSH-15 = NE, and answers a refused message with an application AR', async () => {
      peer.write(encodeMllpFrame(adt('N4', { ackTypes: ['NE', 'NE'], visit: 'V-N4' })));
      const refused = adt('N5', { ackTypes: ['NE', 'AL'] }).replace('ADT^A01^ADT_A01', 'SIU^S12');
      const answer = ackCodeFromAck(await peer.send(refused));
      expect(answer).toMatchObject({ code: 'AR', controlId: 'N5' });
      expect((await rows('N4'))[0]?.status).toBe('received');
    });

    it('answers a retransmission of a processed message with CA and an immediate application AA', async () => {
      const message = adt('N6', { ackTypes: ['AL', 'AL'], visit: 'V-N6' });
      expect(ackCodeFromAck(await peer.send(message)).code).toBe('CA');
      await setStatus('N6', 'processed');
      expect(ackCodeFromAck((await peer.next()).toString('utf8')).code).toBe('AA');
      expect(ackCodeFromAck(await peer.send(message)).code).toBe('CA');
      expect(ackCodeFromAck((await peer.next()).toString('utf8'))).toMatchObject({
        code: 'AA',
        controlId: 'N6',
      });
    });

    it('drops the application ACK when the connection is gone, and counts it', async () => {
      const other = await MllpPeer.connect(listener.mllpPort);
      expect(
        ackCodeFromAck(await other.send(adt('N7', { ackTypes: ['AL', 'AL'], visit: 'V-N7' }))).code,
      ).toBe('CA');
      other.close();
      await setStatus('N7', 'processed');
      const metric = async () => {
        const text = await (await fetch(`http://127.0.0.1:${listener.httpPort}/metrics`)).text();
        return /adt_application_acks_dropped_total\{[^}]*reason="connection_closed"[^}]*\} (\d+)/.exec(
          text,
        )?.[1];
      };
      const deadline = Date.now() + 2_000;
      while ((await metric()) !== '1' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      expect(await metric()).toBe('1');
    });
  });

  describe('noise on the connection', () => {
    it('ignores bytes between frames from a peer that already spoke MLLP', async () => {
      expect(ackCodeFromAck(await peer.send(adt('G1', { visit: 'V-G1' }))).code).toBe('AA');
      peer.write('\u0000junk\u0007');
      expect(ackCodeFromAck(await peer.send(adt('G2', { visit: 'V-G2' }))).code).toBe('AA');
      expect(peer.closed).toBe(false);
    });

    it('drops an unfinished frame the sender abandoned and answers the frame it sent again', async () => {
      const message = adt('G3', { visit: 'V-G3' });
      peer.write(Buffer.concat([Buffer.from([0x0b]), Buffer.from(message.slice(0, 40))]));
      const ack = ackCodeFromAck(await peer.send(message));
      expect(ack).toMatchObject({ code: 'AA', controlId: 'G3' });
      expect(await peer.silentFor(100)).toBe(true);
      expect(await rows('G3')).toHaveLength(1);
    });

    it('closes a connection whose first bytes are not MLLP (a TLS ClientHello)', async () => {
      const probe = await MllpPeer.connect(listener.mllpPort);
      probe.write(Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03]));
      await expect(probe.next()).rejects.toThrow('connection closed');
    });
  });
});
