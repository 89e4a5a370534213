import { describe, it, expect } from 'vitest';
import { splitBatch } from './batch.js';

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
