import { describe, expect, it } from 'vitest';
import { parseAdtMessage } from './adt-message.js';
import { findAdtMessageProblem, MAX_IDENTIFIER_LENGTH } from './adt-requirements.js';

const MSH = (event: string): string => `MSH|^~\\&|A|H|C|D|2024||ADT^${event}|X1|P|2.5.1\rEVN|${event}|2024`;
const problemOf = (text: string) => findAdtMessageProblem(parseAdtMessage(text));

describe('findAdtMessageProblem', () => {
  it('accepts an ordinary event and a complete merge', () => {
    expect(problemOf(`${MSH('A03')}\rPID|1||P1^^^H^MR\rPV1|1|I`)).toBeNull();
    expect(problemOf(`${MSH('A40')}\rPID|1||P1^^^H^MR\rMRG|P0^^^H^MR`)).toBeNull();
  });

  it('refuses a patient merge or identifier change whose MRG-1 is empty or absent', () => {
    for (const event of ['A40', 'A34', 'A18', 'A39', 'A47']) {
      expect(problemOf(`${MSH(event)}\rPID|1||P1^^^H^MR\rMRG|^^^H^MR`)).toMatchObject({
        hl7ErrorCode: '101',
        location: { segment: 'MRG', field: 1 },
      });
      expect(problemOf(`${MSH(event)}\rPID|1||P1^^^H^MR`)?.text).toContain('MRG-1');
    }
  });

  it('refuses an A41 without MRG-3 or PID-18 and an A42 without MRG-5 or PV1-19', () => {
    expect(problemOf(`${MSH('A41')}\rPID|1||P1^^^H^MR\rMRG|P1`)?.location).toEqual({
      segment: 'MRG',
      field: 3,
    });
    expect(problemOf(`${MSH('A41')}\rPID|1||P1^^^H^MR\rMRG|P1||AC1`)?.location).toEqual({
      segment: 'PID',
      field: 18,
    });
    expect(problemOf(`${MSH('A42')}\rPID|1||P1^^^H^MR\rMRG|P1`)?.location).toEqual({
      segment: 'MRG',
      field: 5,
    });
    expect(problemOf(`${MSH('A42')}\rPID|1||P1^^^H^MR\rMRG|P1||||V0\rPV1|1|I`)?.location).toEqual({
      segment: 'PV1',
      field: 19,
    });
  });

  it('refuses identifiers too long to key a stored record, at the limit and not below', () => {
    const at = 'M'.repeat(MAX_IDENTIFIER_LENGTH);
    expect(problemOf(`${MSH('A01')}\rPID|1||${at}^^^H^MR`)).toBeNull();
    expect(problemOf(`${MSH('A01')}\rPID|1||${at}M^^^H^MR`)).toMatchObject({
      hl7ErrorCode: '102',
      location: { segment: 'PID', field: 3 },
    });
    const visit = `PV1|1|I${'|'.repeat(17)}${'V'.repeat(MAX_IDENTIFIER_LENGTH + 1)}`;
    expect(problemOf(`${MSH('A01')}\rPID|1||P1^^^H^MR\r${visit}`)?.location).toEqual({
      segment: 'PV1',
      field: 19,
    });
  });

  it('refuses a value that decodes to NUL, which the database cannot store', () => {
    expect(problemOf(`${MSH('A08')}\rPID|1||P1^^^H^MR||DOE\\X00\\^JANE`)).toMatchObject({
      hl7ErrorCode: '102',
    });
  });
});
