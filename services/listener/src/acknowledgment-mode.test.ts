import { describe, expect, it } from 'vitest';
import { readMessageHeader } from '@adt/hl7';
import {
  acknowledgmentModeOf,
  applicationAckCode,
  commitAckCode,
  conditionMet,
} from './acknowledgment-mode.js';

const mode = (acceptAckType: string, applicationAckType: string) =>
  acknowledgmentModeOf({ acceptAckType, applicationAckType });

describe('acknowledgmentModeOf', () => {
  it('is original mode when MSH-15 and MSH-16 are empty or the MSH is unreadable', () => {
    expect(mode('', '')).toEqual({ enhanced: false, accept: 'AL', application: 'NE' });
    expect(acknowledgmentModeOf(null)).toEqual({ enhanced: false, accept: 'AL', application: 'NE' });
  });

  it('is original mode when MSH-15 and MSH-16 hold only spaces (AA, not CA)', () => {
    const header = readMessageHeader('MSH|^~\\&|A|F|R|RF|2026||ADT^A01|C1|P|2.5.1|||  |   ');
    expect(acknowledgmentModeOf(header)).toEqual({ enhanced: false, accept: 'AL', application: 'NE' });
    expect(commitAckCode(acknowledgmentModeOf(header), 'accept')).toBe('AA');
  });

  it('is enhanced when either field is valued; empty MSH-15 means AL, empty MSH-16 NE', () => {
    expect(mode('NE', 'AL')).toEqual({ enhanced: true, accept: 'NE', application: 'AL' });
    expect(mode('', 'ER')).toEqual({ enhanced: true, accept: 'AL', application: 'ER' });
    expect(mode('SU', '')).toEqual({ enhanced: true, accept: 'SU', application: 'NE' });
  });

  it('reads lower case, and unknown values as AL', () => {
    expect(mode('er', 'xx')).toEqual({ enhanced: true, accept: 'ER', application: 'AL' });
  });
});

describe('conditionMet', () => {
  it('follows table 0155', () => {
    expect([conditionMet('AL', true), conditionMet('AL', false)]).toEqual([true, true]);
    expect([conditionMet('NE', true), conditionMet('NE', false)]).toEqual([false, false]);
    expect([conditionMet('ER', true), conditionMet('ER', false)]).toEqual([false, true]);
    expect([conditionMet('SU', true), conditionMet('SU', false)]).toEqual([true, false]);
  });
});

describe('ack codes', () => {
  it('uses AA/AE/AR in original mode and CA/CE/CR for enhanced commit ACKs', () => {
    const original = mode('', '');
    const enhanced = mode('AL', 'AL');
    expect(commitAckCode(original, 'accept')).toBe('AA');
    expect(commitAckCode(original, 'error')).toBe('AE');
    expect(commitAckCode(original, 'reject')).toBe('AR');
    expect(commitAckCode(enhanced, 'accept')).toBe('CA');
    expect(commitAckCode(enhanced, 'error')).toBe('CE');
    expect(commitAckCode(enhanced, 'reject')).toBe('CR');
    expect([applicationAckCode('accept'), applicationAckCode('error'), applicationAckCode('reject')]).toEqual(
      ['AA', 'AE', 'AR'],
    );
  });
});
