/**
 * HL7 conformance on the receive path, over a real MLLP socket with the worker running: a message
 * answered AA/CA ends `processed`; anything processing could not apply is answered AE/AR with an
 * ERR segment and stored as `rejected` with the reason. No frame leaves no trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ackCodeFromAck, MLLP_END, MLLP_START } from '@adt/hl7';
import { hl7TestMessage, MllpPeer } from '@adt/testing';
import { startTestStack, waitFor, type TestStack } from './stack.js';

interface MessageRow {
  id: string;
  status: string;
  status_reason: string | null;
  ack_code: string | null;
  control_id: string;
  sending_facility: string;
  message_type: string;
  raw: Buffer;
}

interface AdtOptions {
  event?: string;
  version?: string;
  facility?: string;
  mrn?: string;
  visit?: string;
  msh15?: string;
  msh16?: string;
  pid17?: string;
  pv1Location?: string;
  mrg?: string;
}

/** An ADT message with control ID `id`; every option names the field it fills. */
function adt(id: string, o: AdtOptions = {}): string {
  const msh: Record<number, string> = { 4: o.facility ?? 'GH', 5: 'FU', 12: o.version ?? '2.5.1' };
  if (o.msh15 !== undefined || o.msh16 !== undefined) {
    msh[15] = o.msh15 ?? '';
    msh[16] = o.msh16 ?? '';
  }
  return hl7TestMessage({
    controlId: id,
    event: o.event ?? 'A03',
    at: '20261118130000',
    msh,
    pid: { 3: `${o.mrn ?? `MRN-${id}`}^^^GH^MR`, ...(o.pid17 === undefined ? {} : { 17: o.pid17 }) },
    pv1: { 3: o.pv1Location ?? '4W^101^A', 19: o.visit ?? `V-${id}`, 45: '20261118120000' },
    ...(o.mrg === undefined ? {} : { segments: [o.mrg] }),
  });
}

describe('HL7 conformance over MLLP, with processing', () => {
  let stack: TestStack;
  let peer: MllpPeer;

  beforeAll(async () => {
    stack = await startTestStack('conformance');
    peer = await MllpPeer.connect(stack.listener.mllpPort);
  });

  afterAll(async () => {
    peer.close();
    await stack.stop();
  });

  async function rows(where: string, value: string): Promise<MessageRow[]> {
    const result = await stack.db.pool.query<MessageRow>(
      `SELECT id, status, status_reason, ack_code, control_id, sending_facility, message_type, r.raw
         FROM inbound_messages m
         LEFT JOIN inbound_message_raw r ON r.message_id = m.id AND r.received_at = m.received_at
        WHERE ${where} = $1 ORDER BY id`,
      [value],
    );
    return result.rows;
  }

  /** Waits until the worker is done with the message, then returns its final row. */
  async function settled(controlId: string): Promise<MessageRow> {
    return waitFor(async () => {
      const [row] = await rows('control_id', controlId);
      return row && row.status !== 'received' ? row : undefined;
    }, 10_000);
  }

  /** Sends a message that must be accepted and processed. */
  async function expectProcessed(controlId: string, message: string | Buffer, code = 'AA'): Promise<void> {
    expect(ackCodeFromAck(await peer.send(message))).toMatchObject({ code, controlId });
    expect(await settled(controlId)).toMatchObject({ status: 'processed', ack_code: code });
  }

  /** Sends a message that must be refused with an ERR segment and stored as rejected. */
  async function expectRejected(
    controlId: string,
    message: string | Buffer,
    code: 'AE' | 'AR',
    err: RegExp,
  ): Promise<MessageRow> {
    const answer = await peer.send(message);
    const ack = ackCodeFromAck(answer);
    expect(ack.code).toBe(code);
    expect(answer).toMatch(err);
    const [row, ...more] = await rows('control_id', controlId);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ status: 'rejected', ack_code: code, status_reason: ack.text });
    expect(row?.raw).toEqual(Buffer.isBuffer(message) ? message : Buffer.from(message));
    if (row === undefined) throw new Error('no row');
    return row;
  }

  it('reads a segment name in a field as a value: PV1-3 and PID-17 holding MSH, EVN or PID', async () => {
    await expectProcessed('SEG1', adt('SEG1', { pv1Location: 'MSH', pid17: 'MSH' }));
    await expectProcessed('SEG2', adt('SEG2', { pv1Location: 'EVN^PID^MRG', pid17: 'PID' }));
    const [encounter] = (
      await stack.db.pool.query<{ assigned_location: string }>(
        "SELECT assigned_location FROM encounters WHERE visit_number = 'V-SEG1'",
      )
    ).rows;
    expect(encounter?.assigned_location).toBe('MSH');
  });

  it('refuses a NUL or another control byte in the body with AR and ERR, storing the exact bytes', async () => {
    for (const [id, byte] of [
      ['NUL1', '\u0000'],
      ['ESC1', '\u001b'],
      ['DEL1', '\u007f'],
    ] as const) {
      const message = adt(id).replace('DOE^JANE', `DOE${byte}^JANE`);
      const row = await expectRejected(
        id,
        message,
        'AR',
        /\rERR\|\|PID\^1\|102\^Data type error\^HL70357\|E/,
      );
      expect(row.status_reason).toContain(
        `control character 0x${byte.charCodeAt(0).toString(16).padStart(2, '0')}`,
      );
    }
  });

  it('refuses a value escaped to NUL (\\X00\\) with AE, since the store cannot hold it', async () => {
    await expectRejected('NUL2', adt('NUL2').replace('DOE^JANE', 'DOE\\X00\\^JANE'), 'AE', /\rERR\|/);
  });

  it('refuses an A40 whose MRG-1 is empty with AE naming MRG-1, and processes a complete one', async () => {
    await expectRejected(
      'MRG1',
      adt('MRG1', { event: 'A40', mrg: 'MRG|' }),
      'AE',
      /\rERR\|\|MRG\^1\^1\|101\^Required field missing/,
    );
    await expectRejected('MRG2', adt('MRG2', { event: 'A40' }), 'AE', /\rERR\|\|MRG\^1\^1\|101/);
    await expectRejected('MRG3', adt('MRG3', { event: 'A34', mrg: 'MRG|^^^GH^MR' }), 'AE', /MRG\^1\^1/);
    await expectRejected('MRG4', adt('MRG4', { event: 'A42', mrg: 'MRG|P1^^^GH^MR' }), 'AE', /MRG\^1\^5/);
    await expectProcessed('MRG5', adt('MRG5', { event: 'A40', mrg: 'MRG|MRN-OLD5^^^GH^MR' }));
    // A second patient group whose MRG-1 is empty refuses the whole message, its first group too.
    await expectRejected(
      'MRG6',
      adt('MRG6', { event: 'A40', mrg: 'MRG|MRN-OLD6^^^GH^MR\rPID|2||MRN-B6^^^GH^MR\rMRG|' }),
      'AE',
      /\rERR\|\|MRG\^1\^1\|101/,
    );
  });

  it('answers MSH-15/MSH-16 holding only spaces in original mode: AA, not CA', async () => {
    await expectProcessed('SPC1', adt('SPC1', { msh15: '  ', msh16: ' ' }), 'AA');
    await expectProcessed('SPC2', adt('SPC2', { msh15: 'AL', msh16: 'NE' }), 'CA');
  });

  it('processes dates the store cannot hold (year 0000) as absent rather than failing', async () => {
    const message = adt('Y0').replace('19500101', '00000101').replaceAll('20261118130000', '0000');
    await expectProcessed('Y0', message);
  });

  it('accepts and processes HL7 2.1 and 2.2 ADT', async () => {
    await expectProcessed('V21', adt('V21', { version: '2.1' }));
    await expectProcessed('V22', adt('V22', { version: '2.2' }));
    const created = await stack.db.pool.query(
      "SELECT 1 FROM follow_ups f JOIN encounters e ON e.id = f.encounter_id WHERE e.visit_number IN ('V-V21', 'V-V22')",
    );
    expect(created.rowCount).toBe(2);
  });

  it('ends every ACK segment with CR, the last one too, right before the end block', async () => {
    /** The payload, after checking the frame is `0x0B payload 0x1C 0x0D` and the payload ends with CR. */
    const framed = (frame: { raw: Buffer }): string => {
      expect(frame.raw[0]).toBe(MLLP_START);
      expect([...frame.raw.subarray(-3)]).toEqual([0x0d, MLLP_END, 0x0d]);
      return frame.raw.subarray(1, -2).toString('latin1');
    };
    expect(framed(await peer.sendForFrame(adt('CR1')))).toMatch(/^MSH\|[^\r]*\rMSA\|AA\|CR1\r$/);
    expect(framed(await peer.sendForFrame(adt('CR2', { event: 'A40' })))).toMatch(
      /^MSH\|[^\r]*\rMSA\|AE\|CR2\|[^\r]*\rERR\|[^\r]*\r$/,
    );
    const batch = await peer.sendForFrame(`BHS|^~\\&|EPIC|GH||||||||BCR\r${adt('CR3')}\rBTS|1`);
    expect(framed(batch)).toMatch(/^BHS\|[^\r]*\rMSH\|[^\r]*\rMSA\|AA\|CR3\rBTS\|1\r$/);
    await settled('CR3');
  });

  it('refuses header fields too long to store with AR naming the field, storing them cut to fit', async () => {
    const longId = `L${'9'.repeat(3999)}`;
    const answer = await peer.send(adt(longId));
    expect(ackCodeFromAck(answer)).toMatchObject({ code: 'AR', controlId: longId });
    expect(answer).toMatch(/\rERR\|\|MSH\^1\^10\|102\^/);
    const [row] = await rows('control_id', longId.slice(0, 199));
    expect(row).toMatchObject({ status: 'rejected', ack_code: 'AR' });
    expect(row?.status_reason).toContain('MSH-10 (message control ID) is 4000 characters long');

    const facility = 'F'.repeat(4000);
    const byFacility = ackCodeFromAck(await peer.send(adt('LONGF', { facility })));
    expect(byFacility.code).toBe('AR');
    expect(byFacility.text).toContain('MSH-4 (sending facility)');
    expect(await rows('control_id', 'LONGF')).toMatchObject([
      { status: 'rejected', sending_facility: facility.slice(0, 199) },
    ]);

    await expectRejected('LONGM', adt('LONGM', { mrn: 'M'.repeat(3000) }), 'AE', /\rERR\|\|PID\^1\^3\|102/);
  });

  describe('batches', () => {
    it('answers a batch with no MSH inside AR (ERR 100) and stores it as rejected', async () => {
      const batch =
        'FHS|^~\\&|EPIC|GH|FU|PRACTICE|20261118||||FEMPTY\rBHS|^~\\&|EPIC|GH|FU|PRACTICE|20261118||||BEMPTY\rBTS|0\rFTS|1';
      const answer = await peer.send(batch);
      expect(answer).toMatch(/^FHS\|[^\r]*\|FEMPTY\rBHS\|[^\r]*\|BEMPTY\rMSH\|/);
      expect(answer).toMatch(
        /\rMSA\|AR\|BEMPTY\|The batch holds no message[^\r]*\rERR\|\|BHS\^1\|100\^Segment sequence error/,
      );
      expect(answer).toMatch(/\rBTS\|1\rFTS\|1\r$/);
      expect(await rows('control_id', 'BEMPTY')).toMatchObject([
        { status: 'rejected', ack_code: 'AR', message_type: 'BHS', raw: Buffer.from(batch) },
      ]);
    });

    it('refuses every message of a batch whose BTS-1 disagrees, and processes the batch resent whole', async () => {
      const messages = [adt('BC1'), adt('BC2')];
      const short = `BHS|^~\\&|EPIC|GH||||||||BCNT\r${messages.join('\r')}\rBTS|3`;
      const answer = await peer.send(short);
      const msa = answer.split('\r').filter((segment) => segment.startsWith('MSA'));
      expect(msa).toEqual([
        expect.stringMatching(/^MSA\|AR\|BC1\|BTS-1 declares 3 messages in its batch but 2 arrived/),
        expect.stringMatching(/^MSA\|AR\|BC2\|BTS-1 declares 3/),
      ]);
      expect(answer).toMatch(/\rERR\|\|BTS\^1\^1\|100\^/);
      expect(await rows('control_id', 'BC1')).toMatchObject([{ status: 'rejected', ack_code: 'AR' }]);

      const whole = `BHS|^~\\&|EPIC|GH||||||||BCNT2\r${messages.join('\r')}\rBTS|2`;
      const resent = (await peer.send(whole)).split('\r').filter((segment) => segment.startsWith('MSA'));
      expect(resent).toEqual(['MSA|AA|BC1', 'MSA|AA|BC2']);
      const processed = await waitFor(async () => {
        const all = [...(await rows('control_id', 'BC1')), ...(await rows('control_id', 'BC2'))];
        return all.every((r) => r.status !== 'received') ? all : undefined;
      }, 10_000);
      expect(processed.map((r) => r.status)).toEqual(['rejected', 'processed', 'rejected', 'processed']);
    });

    it('refuses a file whose FTS-1 disagrees with its batches', async () => {
      const file = `FHS|^~\\&|EPIC|GH||||||||FCNT\rBHS|^~\\&|EPIC|GH||||||||BF1\r${adt('FC1')}\rBTS|1\rFTS|2`;
      const answer = await peer.send(file);
      expect(answer).toMatch(/\rMSA\|AR\|FC1\|FTS-1 declares 2 batches in the file but 1 arrived/);
      expect(await rows('control_id', 'FC1')).toMatchObject([{ status: 'rejected' }]);
    });
  });
});
