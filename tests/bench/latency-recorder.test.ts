import { describe, expect, it } from 'vitest';
import { LatencyRecorder, percentileOfSorted } from './latency-recorder.js';

describe('percentileOfSorted', () => {
  it('takes the nearest rank, never interpolating between observations', () => {
    const values = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentileOfSorted(values, 50)).toBe(50);
    expect(percentileOfSorted(values, 95)).toBe(95);
    expect(percentileOfSorted(values, 99)).toBe(99);
    expect(percentileOfSorted(values, 100)).toBe(100);
    expect(percentileOfSorted([1, 2, 3, 4], 50)).toBe(2);
    expect(percentileOfSorted([10, 20, 30], 99)).toBe(30);
  });

  it('has no percentile of nothing and refuses p outside (0, 100]', () => {
    expect(percentileOfSorted([], 50)).toBeNull();
    expect(() => percentileOfSorted([1], 0)).toThrow(RangeError);
    expect(() => percentileOfSorted([1], 101)).toThrow(RangeError);
  });
});

describe('LatencyRecorder', () => {
  it('summarises values recorded in any order, past its initial capacity', () => {
    const recorder = new LatencyRecorder();
    // 5,000 values 1..5000 in a scrambled order: the summary must sort numerically.
    for (let i = 0; i < 5000; i += 1) recorder.record(((i * 7919) % 5000) + 1);
    expect(recorder.summary()).toEqual({ count: 5000, p50: 2500, p95: 4750, p99: 4950, max: 5000 });
  });

  it('sorts numerically, not as text', () => {
    const recorder = new LatencyRecorder();
    for (const v of [9, 10, 100, 2]) recorder.record(v);
    expect(recorder.summary().max).toBe(100);
    expect(recorder.summary().p50).toBe(9);
  });

  it('merges recorders and rounds to microseconds', () => {
    const a = new LatencyRecorder();
    const b = new LatencyRecorder();
    a.record(0.123456);
    b.record(2);
    b.record(3);
    a.merge(b);
    expect(a.count).toBe(3);
    expect(a.summary()).toEqual({ count: 3, p50: 2, p95: 3, p99: 3, max: 3 });
    const single = new LatencyRecorder();
    single.record(0.123456);
    expect(single.summary().p50).toBe(0.123);
  });

  it('reports nulls when nothing was recorded', () => {
    expect(new LatencyRecorder().summary()).toEqual({ count: 0, p50: null, p95: null, p99: null, max: null });
  });
});
