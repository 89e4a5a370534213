// Unit tests of the reports page's periods and wording.
import { describe, expect, it } from 'vitest';
import {
  bucketLabel,
  hoursText,
  meetsTarget,
  monthPeriod,
  percentText,
  periodText,
  presetPeriod,
  previousMonth,
  trendInterval,
} from '../public/assets/js/reports-format.js';

describe('presetPeriod', () => {
  it('takes the last full calendar month', () => {
    expect(presetPeriod('last-month', '2026-12-06')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(presetPeriod('last-month', '2027-01-01')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetPeriod('last-month', '2028-03-15')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
  it('takes the last full calendar quarter', () => {
    expect(presetPeriod('last-quarter', '2026-12-06')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(presetPeriod('last-quarter', '2027-01-10')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(presetPeriod('last-quarter', '2026-04-01')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  });
  it('takes the last 12 full months', () => {
    expect(presetPeriod('last-12-months', '2026-12-06')).toEqual({ from: '2025-12-01', to: '2026-11-30' });
    expect(presetPeriod('last-12-months', '2027-01-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });
});

describe('months', () => {
  it('gives the dates of a month and the month before', () => {
    expect(monthPeriod('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthPeriod('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(previousMonth('2027-01')).toBe('2026-12');
  });
});

describe('trendInterval', () => {
  it('draws up to a quarter by week and longer periods by month', () => {
    expect(trendInterval({ from: '2026-11-01', to: '2026-11-30' })).toBe('week');
    expect(trendInterval({ from: '2026-07-01', to: '2026-09-30' })).toBe('week');
    expect(trendInterval({ from: '2025-12-01', to: '2026-11-30' })).toBe('month');
  });
});

describe('wording', () => {
  it('words rates in whole percent and hours to one decimal', () => {
    expect(percentText(0.5)).toBe('50%');
    expect(percentText(2 / 3)).toBe('67%');
    expect(percentText(null)).toBe('no data');
    expect(hoursText(23.46)).toBe('23.5 h');
    expect(hoursText(null)).toBe('no data');
  });
  it('labels buckets and periods', () => {
    expect(bucketLabel({ from: '2026-11-02', to: '2026-11-08' }, 'week')).toBe('2 Nov');
    expect(bucketLabel({ from: '2026-11-01', to: '2026-11-30' }, 'month')).toBe('Nov 2026');
    expect(periodText({ from: '2026-11-01', to: '2026-11-30' })).toBe('1 Nov 2026 – 30 Nov 2026');
  });
  it('compares a figure with its target in the better direction', () => {
    expect(meetsTarget(0.8, { value: 0.8, better: 'higher' })).toBe(true);
    expect(meetsTarget(0.79, { value: 0.8, better: 'higher' })).toBe(false);
    expect(meetsTarget(0.2, { value: 0.15, better: 'lower' })).toBe(false);
    expect(meetsTarget(null, { value: 0.15, better: 'lower' })).toBeNull();
  });
});
