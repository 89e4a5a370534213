import { describe, expect, it } from 'vitest';

import { InvalidTimeZoneError } from './errors.js';
import { parseHl7Date, parseHl7Timestamp } from './hl7-time.js';

const NEW_YORK = 'America/New_York';

describe('parseHl7Timestamp', () => {
  it.each([
    ['year only', '2024', '2024-01-01T05:00:00.000Z'],
    ['year and month', '202403', '2024-03-01T05:00:00.000Z'],
    ['date only, winter', '20240101', '2024-01-01T05:00:00.000Z'],
    ['date only, summer', '20240701', '2024-07-01T04:00:00.000Z'],
    ['hour precision', '2024070114', '2024-07-01T18:00:00.000Z'],
    ['minute precision', '202403111230', '2024-03-11T16:30:00.000Z'],
    ['second precision', '20240311123045', '2024-03-11T16:30:45.000Z'],
    ['one fractional digit', '20240311123045.5', '2024-03-11T16:30:45.500Z'],
    ['four fractional digits', '20240311123045.1234', '2024-03-11T16:30:45.123Z'],
    ['negative offset', '20240311123045-0500', '2024-03-11T17:30:45.000Z'],
    ['zero offset', '20240311123045+0000', '2024-03-11T12:30:45.000Z'],
    ['half-hour offset on minute precision', '202403111230+0530', '2024-03-11T07:00:00.000Z'],
    ['offset on a date only', '20240311-0800', '2024-03-11T08:00:00.000Z'],
    ['fraction and offset', '20240311123045.25-0400', '2024-03-11T16:30:45.250Z'],
    ['TS precision component', '20240311^D', '2024-03-11T04:00:00.000Z'],
    ['surrounding spaces', ' 20240311 ', '2024-03-11T04:00:00.000Z'],
    ['spring-forward gap moves forward', '202403100230', '2024-03-10T07:30:00.000Z'],
    ['day before spring-forward is EST', '202403092330', '2024-03-10T04:30:00.000Z'],
    ['day after spring-forward is EDT', '202403110030', '2024-03-11T04:30:00.000Z'],
    ['repeated autumn hour takes standard time', '202411030130', '2024-11-03T06:30:00.000Z'],
    ['explicit offset disambiguates the repeated hour', '202411030130-0400', '2024-11-03T05:30:00.000Z'],
    ['leap day', '20240229', '2024-02-29T05:00:00.000Z'],
  ])('%s: %s', (_name, raw, expected) => {
    expect(parseHl7Timestamp(raw, NEW_YORK)?.toISOString()).toBe(expected);
  });

  it('reads a value without offset in the given zone', () => {
    expect(parseHl7Timestamp('202403111230', 'UTC')?.toISOString()).toBe('2024-03-11T12:30:00.000Z');
    expect(parseHl7Timestamp('202403111230', 'America/Los_Angeles')?.toISOString()).toBe(
      '2024-03-11T19:30:00.000Z',
    );
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['text', 'yesterday'],
    ['ISO format', '2024-03-11T12:30:00Z'],
    ['odd digit count', '2024031'],
    ['month 13', '20241301'],
    ['month 00', '20240001'],
    ['30 February', '20240230'],
    ['29 February in a common year', '20230229'],
    ['hour 24', '202401012400'],
    ['minute 60', '202401011260'],
    ['second 60', '20240101120060'],
    ['fraction without seconds', '202401011200.5'],
    ['five fractional digits', '20240101120000.12345'],
    ['offset beyond +14:00', '20240101120000+1500'],
    ['offset minutes 60', '20240101120000-0560'],
    ['short offset', '20240101120000-05'],
    ['trailing garbage', '20240101X'],
    ['year 0000', '00000101120000'],
  ])('returns null for %s', (_name, raw) => {
    expect(parseHl7Timestamp(raw, NEW_YORK)).toBeNull();
  });

  it('throws for an unknown default zone instead of hiding a config error', () => {
    expect(() => parseHl7Timestamp('20240101', 'Mars/Olympus_Mons')).toThrow(InvalidTimeZoneError);
  });
});

describe('parseHl7Date', () => {
  it.each([
    ['date', '19800115', '1980-01-15'],
    ['date with time', '198001152330', '1980-01-15'],
    ['full DTM with offset, not shifted to UTC', '19800115233000.5-1200', '1980-01-15'],
    ['TS precision component', '19800115^D', '1980-01-15'],
    ['leap day', '20000229', '2000-02-29'],
  ])('%s: %s', (_name, raw, expected) => {
    expect(parseHl7Date(raw)).toBe(expected);
  });

  it.each([
    ['empty', ''],
    ['year only', '1980'],
    ['year and month', '198001'],
    ['year and month with offset', '198001-0500'],
    ['impossible date', '19810229'],
    ['ISO format', '1980-01-15'],
    ['text', 'unknown'],
    ['year 0000, which the database cannot store', '00000101'],
  ])('returns null for %s', (_name, raw) => {
    expect(parseHl7Date(raw)).toBeNull();
  });
});
