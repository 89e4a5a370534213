import { describe, expect, it } from 'vitest';
import { normalizeMessageText, readMessageHeader } from '@adt/hl7';
import { inspectInboundMessage } from './inbound-check.js';

const policy = { processingIds: new Set(['P']) };

function check(lines: string[]) {
  const text = normalizeMessageText(lines.join('\r'));
  return inspectInboundMessage(readMessageHeader(text), text, policy).refusal;
}

const PID = 'PID|1||MRN1^^^HOSP^MR||DOE^JANE';

describe('inspectInboundMessage', () => {
  it('accepts an ADT message of a supported version with a patient identifier', () => {
    expect(check(['MSH|^~\\&|A|F|R|RF|20261118||ADT^A08|C1|P|2.4', 'PID|1|X1|^^^H^MR~M2^^^H^MR'])).toBeNull();
    expect(check(['MSH|^~\\&|A|F|R|RF|20261118||ADT^A03|C1|P|2.5.1', PID])).toBeNull();
    expect(check(['MSH|^~\\&|A|F|R|RF|20261118||ADT^A01|C1|P|2.3', PID])).toBeNull();
    expect(check(['MSH|^~\\&#|A|F|R|RF|20261118||ADT^A01^ADT_A01|C1|P|2.8', PID])).toBeNull();
  });

  it('refuses other message types with AR 200', () => {
    const refusal = check(['MSH|^~\\&|A|F|R|RF|20261118||ORU^R01|C1|P|2.5.1', PID]);
    expect(refusal?.ackCode).toBe('AR');
    expect(refusal?.error.hl7ErrorCode).toBe('200');
    expect(refusal?.text).toContain('Unsupported message type ORU');
  });

  it('refuses unsupported versions with AR 203', () => {
    for (const version of ['2.0', '2.9', '3.0', 'X']) {
      const refusal = check([`MSH|^~\\&|A|F|R|RF|20261118||ADT^A01|C1|P|${version}`, PID]);
      expect(refusal?.ackCode).toBe('AR');
      expect(refusal?.error.hl7ErrorCode).toBe('203');
    }
  });

  it('accepts HL7 2.1 and 2.2 ADT, whose PID and PV1 read the same way', () => {
    expect(check(['MSH|^~\\&|A|F|R|RF|19940101||ADT^A03|C1|P|2.1', PID, 'PV1|1|I'])).toBeNull();
    expect(check(['MSH|^~\\&|A|F|R|RF|19940101||ADT^A01|C1|P|2.2', PID, 'PV1|1|I'])).toBeNull();
  });

  it('refuses header identifiers that cannot be stored with AR 102 naming the field', () => {
    const longId = check([`MSH|^~\\&|A|F|R|RF|20261118||ADT^A01|${'9'.repeat(4000)}|P|2.5.1`, PID]);
    expect(longId).toMatchObject({
      ackCode: 'AR',
      error: { hl7ErrorCode: '102', location: { segment: 'MSH', field: 10 } },
    });
    expect(longId?.text).toContain('MSH-10 (message control ID) is 4000 characters long');
    const longFacility = check([`MSH|^~\\&|A|${'F'.repeat(200)}|R|RF|20261118||ADT^A01|C1|P|2.5.1`, PID]);
    expect(longFacility?.error.location).toEqual({ segment: 'MSH', field: 4 });
    expect(check([`MSH|^~\\&|A|${'F'.repeat(199)}|R|RF|20261118||ADT^A01|C1|P|2.5.1`, PID])).toBeNull();
    const nul = check(['MSH|^~\\&|A|F|R|RF|20261118||ADT^A01|C\\X00\\1|P|2.5.1', PID]);
    expect(nul?.error.location).toEqual({ segment: 'MSH', field: 10 });
  });

  it('refuses control characters in the body with AR 102 naming the segment', () => {
    const refusal = check(['MSH|^~\\&|A|F|R|RF|20261118||ADT^A01|C1|P|2.5.1', PID, 'PV1|1|I|4W\u0000']);
    expect(refusal).toMatchObject({
      ackCode: 'AR',
      error: { hl7ErrorCode: '102', location: { segment: 'PV1' } },
    });
    expect(refusal?.text).toContain('0x00');
  });

  it('accepts a segment name as a field value', () => {
    const msh = 'MSH|^~\\&|A|F|R|RF|20261118||ADT^A01|C1|P|2.5.1';
    expect(check([msh, `${PID}${'|'.repeat(12)}MSH|`, 'PV1|1|I|MSH|'])).toBeNull();
  });

  it('answers AE 101 for a merge whose MRG-1 is empty, with the rule the worker applies', () => {
    const msh = 'MSH|^~\\&|A|F|R|RF|20261118||ADT^A40^ADT_A39|C1|P|2.5.1';
    const refusal = check([msh, 'EVN|A40', PID, 'MRG|']);
    expect(refusal).toMatchObject({
      ackCode: 'AE',
      error: { hl7ErrorCode: '101', location: { segment: 'MRG', field: 1 } },
    });
    expect(check([msh, 'EVN|A40', PID, 'MRG|OLD1^^^HOSP^MR'])).toBeNull();
  });

  it('refuses a processing id mismatch with AR', () => {
    const refusal = check(['MSH|^~\\&|A|F|R|RF|20261118||ADT^A01|C1|T|2.5.1', PID]);
    expect(refusal?.ackCode).toBe('AR');
    expect(refusal?.text).toContain('MSH-11');
  });

  it('refuses a processing id mismatch with error code 202 (unsupported processing id)', () => {
    expect(check(['MSH|^~\\&|A|F|R|RF|20261118||ADT^A01|C1|D|2.5.1', PID])?.error.hl7ErrorCode).toBe('202');
  });

  it('answers AE when neither MSH-9.2 nor EVN-1 names the event, and accepts the event from EVN-1', () => {
    const missing = check(['MSH|^~\\&|A|F|R|RF|20261118||ADT|C1|P|2.3', 'EVN||20261118', PID]);
    expect(missing?.ackCode).toBe('AE');
    expect(missing?.text).toContain('trigger event is missing');
    expect(check(['MSH|^~\\&|A|F|R|RF|20261118||ADT|C1|P|2.3', 'EVN|A04|20261118', PID])).toBeNull();
  });

  it('answers AE 101 when PID-3 is missing or null', () => {
    for (const pid of ['PID|1||||DOE^JANE', 'PID|1||""||DOE^JANE', 'PID|1||^^^HOSP^MR~""||DOE^JANE']) {
      const refusal = check(['MSH|^~\\&|A|F|R|RF|20261118||ADT^A01|C1|P|2.5.1', pid]);
      expect(refusal?.ackCode).toBe('AE');
      expect(refusal?.error).toMatchObject({ hl7ErrorCode: '101', location: { segment: 'PID', field: 3 } });
    }
    expect(check(['MSH|^~\\&|A|F|R|RF|20261118||ADT^A01|C1|P|2.5.1', 'EVN|A01'])?.ackCode).toBe('AE');
  });
});

describe('inspectInboundMessage: sending facility allow-list', () => {
  const msh = (facility: string) => `MSH|^~\\&|EPIC|${facility}|R|RF|20261118||ADT^A03|C1|P|2.5.1`;
  const only = { processingIds: new Set(['P']), allowedFacilities: new Set(['GENERAL_HOSP']) };
  const checkWith = (lines: string[], withPolicy: typeof only) => {
    const text = normalizeMessageText(lines.join('\r'));
    return inspectInboundMessage(readMessageHeader(text), text, withPolicy).refusal;
  };

  it('accepts a listed facility and any facility when the list is empty', () => {
    expect(checkWith([msh('GENERAL_HOSP'), PID], only)).toBeNull();
    expect(checkWith([msh('ELSEWHERE'), PID], { ...only, allowedFacilities: new Set<string>() })).toBeNull();
  });

  it('refuses an unlisted facility with AR pointing at MSH-4', () => {
    const refusal = checkWith([msh('ELSEWHERE'), PID], only);
    expect(refusal?.ackCode).toBe('AR');
    expect(refusal?.text).toMatch(/^Sending facility not allowed/);
    expect(refusal?.error.location).toEqual({ segment: 'MSH', field: 4 });
  });
});
