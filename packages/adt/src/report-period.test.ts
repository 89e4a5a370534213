import { describe, expect, it } from 'vitest';
import { previousPeriod } from './report-period.js';

describe('previousPeriod', () => {
  it('compares a calendar month with the month before, whatever their lengths', () => {
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(previousPeriod({ from: '2026-09-01', to: '2026-09-30' })).toEqual({
      from: '2026-08-01',
      to: '2026-08-31',
    });
  });

  it('compares a quarter with the quarter before, across a year end', () => {
    expect(previousPeriod({ from: '2027-01-01', to: '2027-03-31' })).toEqual({
      from: '2026-10-01',
      to: '2026-12-31',
    });
  });

  it('compares a leap February with January', () => {
    expect(previousPeriod({ from: '2028-02-01', to: '2028-02-29' })).toEqual({
      from: '2028-01-01',
      to: '2028-01-31',
    });
  });

  it('compares other periods with the same number of days just before', () => {
    expect(previousPeriod({ from: '2026-09-07', to: '2026-09-13' })).toEqual({
      from: '2026-08-31',
      to: '2026-09-06',
    });
    // Starts on the 1st but does not end at a month end: days, not months.
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-30' })).toEqual({
      from: '2026-01-30',
      to: '2026-02-28',
    });
    expect(previousPeriod({ from: '2026-09-15', to: '2026-09-15' })).toEqual({
      from: '2026-09-14',
      to: '2026-09-14',
    });
  });
});
