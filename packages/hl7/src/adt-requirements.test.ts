import { describe, expect, it } from 'vitest';
import { hl7TestMessage } from '@adt/testing';
import { parseAdtMessage } from './adt-message.js';
import { Hl7ParseError } from './message-header.js';
import { findAdtMessageProblem, MAX_IDENTIFIER_LENGTH } from './adt-requirements.js';

const MSH = (event: string): string =>
  hl7TestMessage({
    controlId: 'X1',
    event,
    at: '2024',
    msh: { 3: 'A', 4: 'H', 5: 'C', 6: 'D' },
    pid: null,
    pv1: null,
  });
const problemOf = (text: string) => findAdtMessageProblem(parseAdtMessage(text));

describe('findAdtMessageProblem', () => {
  it('accepts an ordinary event and a complete merge', () => {
    expect(problemOf(`${MSH('A03')}\rPID|1||P1^^^H^MR\rPV1|1|I`)).toBeNull();
    expect(problemOf(`${MSH('A40')}\rPID|1||P1^^^H^MR\rMRG|P0^^^H^MR`)).toBeNull();
  });

  it('leaves merge fields to the parse, which refuses a group without its prior or survivor', () => {
    const fieldOf = (text: string): string | undefined => {
      try {
        parseAdtMessage(text);
      } catch (error) {
        if (error instanceof Hl7ParseError) return error.field;
        throw error;
      }
      return undefined;
    };
    for (const event of ['A40', 'A34', 'A18', 'A39', 'A47']) {
      expect(fieldOf(`${MSH(event)}\rPID|1||P1^^^H^MR\rMRG|^^^H^MR`)).toBe('MRG-1');
      expect(fieldOf(`${MSH(event)}\rPID|1||P1^^^H^MR`)).toBe('MRG-1');
    }
    expect(fieldOf(`${MSH('A41')}\rPID|1||P1^^^H^MR\rMRG|P1`)).toBe('MRG-3');
    expect(fieldOf(`${MSH('A41')}\rPID|1||P1^^^H^MR\rMRG|P1||AC1`)).toBe('PID-18');
    expect(fieldOf(`${MSH('A42')}\rPID|1||P1^^^H^MR\rMRG|P1`)).toBe('MRG-5');
    expect(fieldOf(`${MSH('A42')}\rPID|1||P1^^^H^MR\rMRG|P1||||V0\rPV1|1|I`)).toBe('PV1-19');
  });

  it('refuses an identifier too long in a later merge group', () => {
    const long = 'M'.repeat(MAX_IDENTIFIER_LENGTH + 1);
    expect(
      problemOf(`${MSH('A40')}\rPID|1||P1^^^H^MR\rMRG|P0^^^H^MR\rPID|2||P2^^^H^MR\rMRG|${long}^^^H^MR`),
    ).toMatchObject({ hl7ErrorCode: '102', location: { segment: 'MRG', field: 1 } });
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
