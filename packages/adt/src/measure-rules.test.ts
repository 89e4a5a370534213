import { describe, expect, it } from 'vitest';
import { isReadmissionProvisional, nearestRankPercentile, rateOf } from './measure-rules.js';

describe('nearestRankPercentile', () => {
  it('takes the lower middle value as the median of an even count', () => {
    expect(nearestRankPercentile([4, 1, 3, 2], 50)).toBe(2);
  });
  it('takes the middle value of an odd count', () => {
    expect(nearestRankPercentile([5, 1, 3], 50)).toBe(3);
  });
  it('takes the nearest rank for the 90th percentile', () => {
    const values = Array.from({ length: 11 }, (_, i) => i + 1);
    // ceil(0.9 × 11) = 10
    expect(nearestRankPercentile(values, 90)).toBe(10);
    expect(nearestRankPercentile([7], 90)).toBe(7);
  });
  it('answers null for no values and refuses percentiles out of range', () => {
    expect(nearestRankPercentile([], 50)).toBeNull();
    expect(() => nearestRankPercentile([1], 0)).toThrow(RangeError);
  });
});

describe('rateOf', () => {
  it('divides the members in the numerator by all members', () => {
    expect(rateOf([1, 2, 3, 4], (n) => n > 3)).toEqual({ numerator: 1, denominator: 4, rate: 0.25 });
  });
  it('has no rate for an empty denominator', () => {
    expect(rateOf([], () => true)).toEqual({ numerator: 0, denominator: 0, rate: null });
  });
});

describe('isReadmissionProvisional', () => {
  it('is provisional until 30 days have passed after the period', () => {
    expect(isReadmissionProvisional('2026-11-30', '2026-12-29')).toBe(true);
    expect(isReadmissionProvisional('2026-11-30', '2026-12-30')).toBe(false);
  });
});
