import { describe, expect, it } from 'vitest';
import { reportBuckets } from './report-buckets.js';

describe('reportBuckets', () => {
  it('splits a month into ISO weeks, Monday to Sunday, clipped to the period', () => {
    // 1 September 2026 is a Tuesday; 30 September a Wednesday.
    expect(reportBuckets({ from: '2026-09-01', to: '2026-09-30' }, 'week')).toEqual([
      { from: '2026-09-01', to: '2026-09-06' },
      { from: '2026-09-07', to: '2026-09-13' },
      { from: '2026-09-14', to: '2026-09-20' },
      { from: '2026-09-21', to: '2026-09-27' },
      { from: '2026-09-28', to: '2026-09-30' },
    ]);
  });

  it('keeps a week across a year end whole', () => {
    // Monday 28 December 2026 to Sunday 3 January 2027.
    expect(reportBuckets({ from: '2026-12-28', to: '2027-01-10' }, 'week')).toEqual([
      { from: '2026-12-28', to: '2027-01-03' },
      { from: '2027-01-04', to: '2027-01-10' },
    ]);
  });

  it('gives a one-day period one bucket', () => {
    expect(reportBuckets({ from: '2026-09-06', to: '2026-09-06' }, 'week')).toEqual([
      { from: '2026-09-06', to: '2026-09-06' },
    ]);
    expect(reportBuckets({ from: '2026-09-06', to: '2026-09-06' }, 'month')).toEqual([
      { from: '2026-09-06', to: '2026-09-06' },
    ]);
  });

  it('splits into calendar months, clipped, through February of a leap year', () => {
    expect(reportBuckets({ from: '2027-12-15', to: '2028-03-10' }, 'month')).toEqual([
      { from: '2027-12-15', to: '2027-12-31' },
      { from: '2028-01-01', to: '2028-01-31' },
      { from: '2028-02-01', to: '2028-02-29' },
      { from: '2028-03-01', to: '2028-03-10' },
    ]);
  });

  it('covers every date of a long period exactly once', () => {
    const buckets = reportBuckets({ from: '2026-01-01', to: '2026-12-31' }, 'week');
    expect(buckets).toHaveLength(53);
    for (const [i, bucket] of buckets.entries()) {
      const previous = buckets[i - 1];
      if (previous)
        expect(
          new Date(`${bucket.from}T00:00:00Z`).getTime() - new Date(`${previous.to}T00:00:00Z`).getTime(),
        ).toBe(86_400_000);
    }
    expect(buckets.at(-1)?.to).toBe('2026-12-31');
  });
});
