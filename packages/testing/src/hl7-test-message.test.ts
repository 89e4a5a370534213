import { describe, expect, it } from 'vitest';
import { hl7Segment, hl7TestMessage } from './hl7-test-message.js';

describe('hl7Segment', () => {
  it('fills the fields not given with empties and ends at the highest field given', () => {
    expect(hl7Segment('PV1', { 1: '1', 4: 'U' })).toBe('PV1|1|||U');
    expect(hl7Segment('PV1', { 1: '1', 4: '' })).toBe('PV1|1|||');
    expect(hl7Segment('ZPV', {})).toBe('ZPV');
  });

  it('counts MSH fields from the field separator, MSH-1', () => {
    expect(hl7Segment('MSH', { 2: '^~\\&', 4: 'GH' })).toBe('MSH|^~\\&||GH');
  });
});

describe('hl7TestMessage', () => {
  it('makes an ordinary A03 from GENERAL_HOSP by default', () => {
    expect(hl7TestMessage({ controlId: 'C1' }).split('\r')).toEqual([
      'MSH|^~\\&|EPIC|GENERAL_HOSP|FOLLOWUP|PRACTICE|20261118143000||ADT^A03|C1|P|2.5.1',
      'EVN|A03|20261118142500',
      'PID|1||MRN42^^^GENERAL_HOSP^MR||DOE^JANE||19500101|F',
      'PV1|1|I|4W^1^A',
    ]);
  });

  it('takes the event, time, facility and MRN, and field overrides per segment', () => {
    const text = hl7TestMessage({
      controlId: 'C2',
      event: 'A40',
      at: '202611210900',
      facility: 'GH',
      mrn: 'NEW1',
      msh: { 9: 'ADT^A40^ADT_A39', 12: '2.3' },
      evn: { 2: '' },
      pid: { 5: 'ROE^ANN' },
      mrg: { 1: 'OLD1^^^GH^MR' },
      pv1: null,
      segments: ['DG1|1||I50.9^^I10'],
    });
    expect(text.split('\r')).toEqual([
      'MSH|^~\\&|EPIC|GH|FOLLOWUP|PRACTICE|202611210900||ADT^A40^ADT_A39|C2|P|2.3',
      'EVN|A40|',
      'PID|1||NEW1^^^GH^MR||ROE^ANN||19500101|F',
      'MRG|OLD1^^^GH^MR',
      'DG1|1||I50.9^^I10',
    ]);
  });

  it('leaves EVN and PID out when asked', () => {
    expect(hl7TestMessage({ controlId: 'C3', evn: null, pid: null, pv1: null })).not.toMatch(/\r/);
  });
});
