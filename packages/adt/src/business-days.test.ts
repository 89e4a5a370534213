import { describe, expect, it } from 'vitest';

import type { BusinessCalendar } from './business-days.js';
import {
  addBusinessDays,
  addCalendarDays,
  endOfLocalDay,
  isBusinessDay,
  localDate,
} from './business-days.js';
import { InvalidLocalDateError, InvalidTimeZoneError } from './errors.js';
import { dischargeCallDueAt, edVisitCallDueAt, visitDueBy } from './follow-up-clock.js';

const NEW_YORK = 'America/New_York';
const calendar: BusinessCalendar = {
  zone: NEW_YORK,
  holidays: new Set(['2024-07-04', '2024-11-28', '2024-12-25', '2025-01-01']),
};

describe('localDate', () => {
  it.each([
    ['last millisecond of a local day', '2024-03-13T03:59:59.999Z', '2024-03-12'],
    ['first millisecond of the next', '2024-03-13T04:00:00.000Z', '2024-03-13'],
    ['late evening EST is still the same local day', '2024-01-05T04:30:00.000Z', '2024-01-04'],
  ])('%s', (_name, iso, expected) => {
    expect(localDate(new Date(iso), NEW_YORK)).toBe(expected);
  });

  it('depends on the zone', () => {
    expect(localDate(new Date('2024-03-13T02:00:00Z'), 'UTC')).toBe('2024-03-13');
    expect(localDate(new Date('2024-03-13T02:00:00Z'), NEW_YORK)).toBe('2024-03-12');
  });

  it('rejects an unknown zone and an invalid Date', () => {
    expect(() => localDate(new Date(), 'Nowhere/Else')).toThrow(InvalidTimeZoneError);
    expect(() => localDate(new Date(Number.NaN), NEW_YORK)).toThrow(InvalidLocalDateError);
  });
});

describe('isBusinessDay', () => {
  it.each([
    ['Friday', '2024-03-08', true],
    ['Saturday', '2024-03-09', false],
    ['Sunday (DST starts)', '2024-03-10', false],
    ['Monday', '2024-03-11', true],
    ['holiday on a Thursday', '2024-07-04', false],
    ['day after a holiday', '2024-07-05', true],
  ])('%s %s → %s', (_name, date, expected) => {
    expect(isBusinessDay(date, calendar)).toBe(expected);
  });

  it.each(['2024-02-30', '20240308', '2024-3-8', ''])('rejects the malformed date %j', (date) => {
    expect(() => isBusinessDay(date, calendar)).toThrow(InvalidLocalDateError);
  });
});

describe('addBusinessDays', () => {
  it.each([
    ['0 returns the date itself, even on a weekend', '2024-03-09', 0, '2024-03-09'],
    ['Monday + 1', '2024-03-11', 1, '2024-03-12'],
    ['Friday + 1 skips the weekend', '2024-03-08', 1, '2024-03-11'],
    ['Friday + 2 across the spring DST change', '2024-03-08', 2, '2024-03-12'],
    ['Saturday + 1', '2024-03-09', 1, '2024-03-11'],
    ['Sunday + 2', '2024-03-10', 2, '2024-03-12'],
    ['Wednesday + 2 over a Thursday holiday', '2024-07-03', 2, '2024-07-08'],
    ['Wednesday + 1 over Thanksgiving', '2024-11-27', 1, '2024-11-29'],
    ['Christmas Eve + 1', '2024-12-24', 1, '2024-12-26'],
    ['across the year and New Year', '2024-12-31', 1, '2025-01-02'],
    ['Friday + 2 across the autumn DST change', '2024-11-01', 2, '2024-11-05'],
    ['Friday + 5', '2024-03-08', 5, '2024-03-15'],
  ])('%s', (_name, date, n, expected) => {
    expect(addBusinessDays(date, n, calendar)).toBe(expected);
  });

  it('ignores holidays not on the calendar', () => {
    expect(addBusinessDays('2024-07-03', 1, { zone: NEW_YORK, holidays: new Set() })).toBe('2024-07-04');
  });

  it.each([-1, 1.5, Number.NaN])('rejects n = %d', (n) => {
    expect(() => addBusinessDays('2024-03-08', n, calendar)).toThrow(RangeError);
  });
});

describe('addCalendarDays', () => {
  it.each([
    ['into a leap day', '2024-02-28', 1, '2024-02-29'],
    ['14 days across the spring DST change', '2024-03-08', 14, '2024-03-22'],
    ['across a year', '2024-12-25', 7, '2025-01-01'],
    ['backwards', '2024-03-01', -1, '2024-02-29'],
    ['zero', '2024-03-01', 0, '2024-03-01'],
  ])('%s', (_name, date, n, expected) => {
    expect(addCalendarDays(date, n)).toBe(expected);
  });

  it('rejects a fractional day count', () => {
    expect(() => addCalendarDays('2024-03-01', 0.5)).toThrow(RangeError);
  });
});

describe('endOfLocalDay', () => {
  it.each([
    ['a winter day (EST)', '2024-03-08', '2024-03-09T04:59:59.999Z'],
    ['the 23-hour spring-forward day', '2024-03-10', '2024-03-11T03:59:59.999Z'],
    ['a summer day (EDT)', '2024-03-12', '2024-03-13T03:59:59.999Z'],
    ['the 25-hour fall-back day', '2024-11-03', '2024-11-04T04:59:59.999Z'],
  ])('%s', (_name, date, expected) => {
    expect(endOfLocalDay(date, NEW_YORK).toISOString()).toBe(expected);
  });

  it('uses the given zone', () => {
    expect(endOfLocalDay('2024-03-31', 'Europe/London').toISOString()).toBe('2024-03-31T22:59:59.999Z');
    expect(endOfLocalDay('2024-03-31', 'UTC').toISOString()).toBe('2024-03-31T23:59:59.999Z');
  });

  it('rejects an unknown zone', () => {
    expect(() => endOfLocalDay('2024-03-31', 'EST5EDT-ish')).toThrow(InvalidTimeZoneError);
  });
});

describe('follow-up clocks (America/New_York)', () => {
  it('discharge Friday → call due Tuesday 23:59:59.999 local, across the DST change', () => {
    expect(dischargeCallDueAt('2024-03-08', calendar).toISOString()).toBe('2024-03-13T03:59:59.999Z');
  });

  it('discharge Friday before the autumn change → Tuesday 23:59:59.999 EST', () => {
    expect(dischargeCallDueAt('2024-11-01', calendar).toISOString()).toBe('2024-11-06T04:59:59.999Z');
  });

  it('discharge the day before Thanksgiving → Monday', () => {
    expect(dischargeCallDueAt('2024-11-27', calendar).toISOString()).toBe('2024-12-03T04:59:59.999Z');
  });

  it('ED visit Friday → call due Monday 23:59:59.999 local', () => {
    expect(edVisitCallDueAt('2024-03-08', calendar).toISOString()).toBe('2024-03-12T03:59:59.999Z');
  });

  it('visit due by day 7 for high priority and day 14 otherwise', () => {
    expect(visitDueBy('2024-03-08', 'high', NEW_YORK).toISOString()).toBe('2024-03-16T03:59:59.999Z');
    expect(visitDueBy('2024-03-08', 'normal', NEW_YORK).toISOString()).toBe('2024-03-23T03:59:59.999Z');
  });
});
