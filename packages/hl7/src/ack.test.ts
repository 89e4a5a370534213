import { describe, it, expect } from 'vitest';
import { ackCodeFromAck, buildAck, formatHl7Timestamp } from './ack.js';
import { readMessageHeader } from './message-header.js';

const NOW = new Date('2024-03-15T13:30:05.123Z');
const REQUEST = readMessageHeader(
  'MSH|^~\\&|EPIC^1.2^ISO|STMARY|ADTFU|CLINIC|20240315083000||ADT^A03^ADT_A03|MSG00042|T|2.5.1|||AL|NE',
);

/** Splits an ACK into segments of fields, checking that each segment ends with CR. */
function fieldsOf(ack: string): string[][] {
  expect(ack.endsWith('\r')).toBe(true);
  return ack
    .slice(0, -1)
    .split('\r')
    .map((segment) => segment.split('|'));
}

describe('formatHl7Timestamp', () => {
  it('formats in UTC with an explicit +0000 offset', () => {
    expect(formatHl7Timestamp(NOW)).toBe('20240315133005+0000');
    expect(formatHl7Timestamp(new Date('0999-01-02T03:04:05Z'))).toBe('09990102030405+0000');
  });
});

describe('buildAck', () => {
  it('builds an AA with sender and receiver swapped, field by field', () => {
    const ack = buildAck({ request: REQUEST, code: 'AA', ackControlId: 'ACK0001', now: NOW });
    const [msh, msa, ...rest] = fieldsOf(ack);
    expect(rest).toEqual([]);
    expect(msh).toEqual([
      'MSH',
      '^~\\&',
      'ADTFU', // MSH-3 = request MSH-5
      'CLINIC', // MSH-4 = request MSH-6
      'EPIC', // MSH-5 = request MSH-3
      'STMARY', // MSH-6 = request MSH-4
      '20240315133005+0000',
      '',
      'ACK^A03^ACK',
      'ACK0001',
      'T',
      '2.5.1',
    ]);
    expect(msa).toEqual(['MSA', 'AA', 'MSG00042']);
    expect(ack).not.toContain('\n');
  });

  it('echoes an over-long sending facility only up to the accepted length, and MSA-2 whole', () => {
    const request = readMessageHeader(
      `MSH|^~\\&|EPIC|${'F'.repeat(4_000)}|FU|CLINIC|2024||ADT^A01|C1|P|2.5.1`,
    );
    const [msh, msa] = fieldsOf(buildAck({ request, code: 'AR', ackControlId: 'A1', now: NOW }));
    expect(msh?.[5]).toBe('F'.repeat(199));
    expect(msa?.[2]).toBe('C1');
  });

  it('builds an AR with ERR when the request MSH was unreadable', () => {
    const ack = buildAck({
      request: null,
      code: 'AR',
      text: 'MSH-2 (encoding characters) must be 4 or 5 characters',
      error: { hl7ErrorCode: '102', severity: 'E', location: { segment: 'MSH', field: 2 } },
      ackControlId: 'ACK0002',
      now: NOW,
    });
    const [msh, msa, err] = fieldsOf(ack);
    expect(msh).toEqual([
      'MSH',
      '^~\\&',
      '',
      '',
      '',
      '',
      '20240315133005+0000',
      '',
      'ACK',
      'ACK0002',
      'P',
      '2.5.1',
    ]);
    expect(msa).toEqual(['MSA', 'AR', '', 'MSH-2 (encoding characters) must be 4 or 5 characters']);
    expect(err).toEqual([
      'ERR',
      '',
      'MSH^1^2',
      '102^Data type error^HL70357',
      'E',
      '',
      '',
      '',
      'MSH-2 (encoding characters) must be 4 or 5 characters',
    ]);
  });

  it('builds an AE with ERR pointing at PID-3 and escapes the text', () => {
    const ack = buildAck({
      request: REQUEST,
      code: 'AE',
      text: 'PID-3 (patient identifier list) is empty | fix & resend',
      error: { hl7ErrorCode: '101', severity: 'E', location: { segment: 'PID', field: 3 } },
      ackControlId: 'ACK0003',
      now: NOW,
    });
    const segments = ack.split('\r');
    expect(segments[1]).toBe(
      'MSA|AE|MSG00042|PID-3 (patient identifier list) is empty \\F\\ fix \\T\\ resend',
    );
    expect(segments[2]).toBe(
      'ERR||PID^1^3|101^Required field missing^HL70357|E||||PID-3 (patient identifier list) is empty \\F\\ fix \\T\\ resend',
    );
    expect(ackCodeFromAck(ack)).toEqual({
      code: 'AE',
      controlId: 'MSG00042',
      text: 'PID-3 (patient identifier list) is empty | fix & resend',
    });
  });

  it('writes ERR without location, and a warning severity, when asked', () => {
    const ack = buildAck({
      request: REQUEST,
      code: 'AR',
      error: { hl7ErrorCode: '207', severity: 'W' },
      ackControlId: 'A4',
      now: NOW,
    });
    expect(ack.split('\r')[2]).toBe('ERR|||207^Application internal error^HL70357|W');
    expect(ack.split('\r')[1]).toBe('MSA|AR|MSG00042');
  });

  it('keeps the request delimiters and falls back when trigger and version are absent', () => {
    const request = readMessageHeader('MSH#$*@%#APP#FAC#RCV#RFAC#2024##ADT#X9##2.3');
    const ack = buildAck({ request, code: 'CA', ackControlId: 'A5', now: NOW });
    expect(ack).toBe('MSH#$*@%#RCV#RFAC#APP#FAC#20240315133005+0000##ACK#A5#P#2.3\rMSA#CA#X9\r');
  });

  it('answers a v2.3 request with a two-component MSH-9 and fills ERR-1, which is all v2.3 has', () => {
    const request = readMessageHeader('MSH|^~\\&|MEDITECH|CCH|FU|PR|199901011200||ADT^A01|M77|P|2.3');
    const ack = buildAck({
      request,
      code: 'AE',
      text: 'PID-3 missing',
      error: { hl7ErrorCode: '101', severity: 'E', location: { segment: 'PID', field: 3 } },
      ackControlId: 'A7',
      now: NOW,
    });
    const [msh, , err] = fieldsOf(ack);
    expect(msh?.[8]).toBe('ACK^A01');
    expect(err?.[1]).toBe('PID^1^3^101&Required field missing&HL70357');
    expect(err?.[2]).toBe('PID^1^3');
    const v24 = buildAck({
      request: { ...request, versionId: '2.4' },
      code: 'AR',
      error: { hl7ErrorCode: '207', severity: 'E' },
      ackControlId: 'A8',
      now: NOW,
    });
    expect(fieldsOf(v24)[0]?.[8]).toBe('ACK^A01^ACK');
    expect(fieldsOf(v24)[2]?.[1]).toBe('^^^207&Application internal error&HL70357');
    // v2.5 and later leave the deprecated ERR-1 empty.
    expect(
      fieldsOf(
        buildAck({
          request: REQUEST,
          code: 'AR',
          error: { hl7ErrorCode: '207', severity: 'E' },
          ackControlId: 'A9',
        }),
      )[2]?.[1],
    ).toBe('');
  });

  it('answers v2.1 and v2.2 requests as v2.3 ones: two-component MSH-9 and ERR-1', () => {
    for (const version of ['2.1', '2.2']) {
      const request = readMessageHeader(`MSH|^~\\&|OLD|H|FU|PR|1994||ADT^A03|M${version}|P|${version}`);
      const ack = buildAck({
        request,
        code: 'AR',
        error: { hl7ErrorCode: '207', severity: 'E' },
        ackControlId: 'A1',
        now: NOW,
      });
      const [msh, , err] = fieldsOf(ack);
      expect(msh?.[8]).toBe('ACK^A03');
      expect(msh?.[11]).toBe(version);
      expect(err?.[1]).toBe('^^^207&Application internal error&HL70357');
    }
  });

  it('ends every segment with CR, the last one included, and nothing else', () => {
    const ack = buildAck({
      request: REQUEST,
      code: 'AE',
      text: 'PID-3 missing',
      error: { hl7ErrorCode: '101', severity: 'E', location: { segment: 'PID', field: 3 } },
      ackControlId: 'A2',
      now: NOW,
    });
    expect(ack).toMatch(/^MSH\|[^\r\n]*\rMSA\|AE\|MSG00042\|PID-3 missing\rERR\|[^\r\n]*\r$/);
  });

  it('repeats the request character set in MSH-18', () => {
    const request = readMessageHeader('MSH|^~\\&|A|F|R|RF|2026||ADT^A08|C9|P|2.5.1||||||8859/1');
    const msh = fieldsOf(buildAck({ request, code: 'AA', ackControlId: 'A10', now: NOW }))[0];
    expect(msh?.slice(12)).toEqual(['', '', '', '', '', '8859/1']);
    expect(
      fieldsOf(buildAck({ request: REQUEST, code: 'AA', ackControlId: 'A11', now: NOW }))[0],
    ).toHaveLength(12);
  });

  it('uses the current time by default', () => {
    const ack = buildAck({ request: REQUEST, code: 'AA', ackControlId: 'A6' });
    expect(ack.split('|')[6]).toMatch(/^\d{14}\+0000$/);
  });
});

describe('ackCodeFromAck', () => {
  it('reads MSA from an ACK with LF separators', () => {
    expect(ackCodeFromAck('MSH|^~\\&|A|B|C|D|2024||ACK|1|P|2.5\nMSA|AA|MSG1\n')).toEqual({
      code: 'AA',
      controlId: 'MSG1',
      text: '',
    });
  });

  it('throws when there is no MSA', () => {
    expect(() => ackCodeFromAck('MSH|^~\\&|A|B|C|D|2024||ACK|1|P|2.5')).toThrow(/no MSA segment/);
  });
});
