import { describe, it, expect } from 'vitest';
import { buildBatchAck } from './batch-ack.js';
import { splitBatch, splitBatchPayload } from './batch.js';

const MSG1 = 'MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.5.1\rEVN|A01\rPID|1||100';
const MSG2 = 'MSH|^~\\&|A|B|C|D|2024||ADT^A03|2|P|2.5.1\rPID|1||200\rPV1|1|I';

describe('splitBatch', () => {
  it('returns a single message unchanged', () => {
    const text = `${MSG1}\r`;
    expect(splitBatch(text)).toEqual([text]);
  });

  it('splits an FHS/BHS batch into its messages, dropping the envelope', () => {
    const batch = ['FHS|^~\\&|A', 'BHS|^~\\&|A', MSG1, MSG2, 'BTS|2', 'FTS|1'].join('\n');
    expect(splitBatch(batch)).toEqual([MSG1, MSG2]);
  });

  it('handles several batches in one file and a BHS without FHS', () => {
    const batch = ['BHS|^~\\&', MSG1, 'BTS|1', 'BHS|^~\\&', MSG2, 'BTS|1'].join('\r\n');
    expect(splitBatch(batch)).toEqual([MSG1, MSG2]);
  });

  it('returns no message for an empty batch', () => {
    expect(splitBatch('FHS|^~\\&\rBHS|^~\\&\rBTS|0\rFTS|1')).toEqual([]);
  });

  it('splits messages concatenated without an envelope', () => {
    expect(splitBatch(`${MSG1}\n${MSG2}\n`)).toEqual([MSG1, MSG2]);
  });
});

describe('splitBatchPayload', () => {
  it('returns null for a single message, however it ends', () => {
    expect(splitBatchPayload(bytes(MSG1))).toBeNull();
    expect(splitBatchPayload(Buffer.from(`\uFEFF${MSG1}\r\n`, 'utf8'))).toBeNull();
    expect(splitBatchPayload(Buffer.alloc(0))).toBeNull();
  });

  it('splits a batch into the exact bytes of each message and reads the envelope', () => {
    const payload = Buffer.concat([
      Buffer.from('FHS|^~\\&|LAB|ST\\T\\MARY|FU|CLINIC|20261118||||F01|\r\n', 'latin1'),
      Buffer.from('BHS|^~\\&|LAB^1|STMARY|FU|CLINIC|20261118||||B77\r\n', 'latin1'),
      Buffer.from(`${MSG1.replace('100', 'M\xfcller')}\r\n`, 'latin1'),
      Buffer.from(`${MSG2}\nBTS|2\nFTS|1\n`, 'latin1'),
    ]);
    const batch = splitBatchPayload(payload);
    expect(batch?.messages.map((m) => m.toString('latin1'))).toEqual([
      MSG1.replace('100', 'M\xfcller'),
      MSG2,
    ]);
    expect(batch?.envelope).toEqual({
      fieldSeparator: '|',
      encodingCharacters: '^~\\&',
      fileHeader: {
        sendingApplication: 'LAB',
        sendingFacility: 'ST&MARY',
        receivingApplication: 'FU',
        receivingFacility: 'CLINIC',
        controlId: 'F01',
      },
      batchHeader: {
        sendingApplication: 'LAB',
        sendingFacility: 'STMARY',
        receivingApplication: 'FU',
        receivingFacility: 'CLINIC',
        controlId: 'B77',
      },
    });
  });

  it('treats concatenated messages as a batch without envelope, and an empty batch as no messages', () => {
    const concatenated = splitBatchPayload(bytes(MSG1, MSG2));
    expect(concatenated?.messages.map(String)).toEqual([MSG1, MSG2]);
    expect(concatenated?.envelope).toMatchObject({
      fileHeader: null,
      batchHeader: null,
      fieldSeparator: '|',
    });
    expect(splitBatchPayload(bytes('BHS|^~\\&', 'BTS|0'))?.messages).toEqual([]);
  });
});

describe('splitBatchPayload trailer counts', () => {
  const MSG = 'MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.5.1\rPID|1||P1';

  it('accepts BTS-1 and FTS-1 that match what arrived, and empty counts', () => {
    const ok = splitBatchPayload(bytes('FHS|^~\\&', 'BHS|^~\\&', MSG, MSG, 'BTS|2', 'FTS|1'));
    expect(ok?.countMismatch).toBeNull();
    expect(splitBatchPayload(bytes('BHS|^~\\&', MSG, 'BTS', 'FTS|'))?.countMismatch).toBeNull();
  });

  it('reports a BTS-1 that disagrees with the messages of its batch', () => {
    const lost = splitBatchPayload(bytes('FHS|^~\\&', 'BHS|^~\\&', MSG, 'BTS|3', 'FTS|1'));
    expect(lost?.countMismatch).toEqual({ segment: 'BTS', declared: '3', received: 1 });
    const second = splitBatchPayload(bytes('BHS|^~\\&', MSG, 'BTS|1', 'BHS|^~\\&', MSG, MSG, 'BTS|1'));
    expect(second?.countMismatch).toEqual({ segment: 'BTS', declared: '1', received: 2 });
    expect(splitBatchPayload(bytes('BHS|^~\\&', MSG, 'BTS|one'))?.countMismatch).toMatchObject({
      declared: 'one',
    });
  });

  it('reports an FTS-1 that disagrees with the batches of the file', () => {
    const payload = splitBatchPayload(bytes('FHS|^~\\&', 'BHS|^~\\&', MSG, 'BTS|1', 'FTS|2'));
    expect(payload?.countMismatch).toEqual({ segment: 'FTS', declared: '2', received: 1 });
  });

  it('returns an envelope without messages for a batch that holds no MSH', () => {
    const empty = splitBatchPayload(bytes('BHS|^~\\&|LAB|H|||||||B1', 'BTS|0'));
    expect(empty?.messages).toEqual([]);
    expect(empty?.envelope.batchHeader?.controlId).toBe('B1');
  });
});

describe('buildBatchAck', () => {
  const NOW = new Date('2026-11-18T19:00:00Z');

  it('answers an FHS/BHS batch with swapped parties, control ID references and counts', () => {
    const envelope = splitBatchPayload(
      bytes(
        'FHS|^~\\&|LAB|STMARY|FU|CLINIC|2026||||F01',
        'BHS|^~\\&|LAB|STMARY|FU|CLINIC|2026||||B77',
        MSG1,
        'BTS|1',
        'FTS|1',
      ),
    )?.envelope;
    if (!envelope) throw new Error('expected a batch');
    const ack = buildBatchAck({
      envelope,
      acks: ['MSH|a\rMSA|AA|1\r', 'MSH|b\rMSA|AE|2\r'],
      controlId: 'R1',
      now: NOW,
    });
    // Every segment ends with CR, the last one included, and none is doubled.
    expect(ack.endsWith('FTS|1\r')).toBe(true);
    expect(ack.slice(0, -1).split('\r')).toEqual([
      'FHS|^~\\&|FU|CLINIC|LAB|STMARY|20261118190000+0000||||R1|F01',
      'BHS|^~\\&|FU|CLINIC|LAB|STMARY|20261118190000+0000||||R1|B77',
      'MSH|a',
      'MSA|AA|1',
      'MSH|b',
      'MSA|AE|2',
      'BTS|2',
      'FTS|1',
    ]);
  });

  it('answers concatenated messages with a bare BHS/BTS batch', () => {
    const envelope = splitBatchPayload(bytes(MSG1, MSG2))?.envelope;
    if (!envelope) throw new Error('expected a batch');
    expect(buildBatchAck({ envelope, acks: [], controlId: 'R2', now: NOW })).toBe(
      'BHS|^~\\&|||||20261118190000+0000||||R2\rBTS|0\r',
    );
  });
});

function bytes(...segments: string[]): Buffer {
  return Buffer.from(segments.join('\r'), 'latin1');
}
