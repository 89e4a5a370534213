import { describe, expect, it } from 'vitest';
import type { RssSample } from './process-memory.js';
import { rssGrowthOf } from './soak.js';

const sample = (progress: number, mb: number | null): RssSample => ({
  atMs: progress * 1000,
  progress,
  rssMb: { worker: mb },
});

describe('rssGrowthOf', () => {
  it('compares the median of the last 10% with the median after warm-up (10–20%)', () => {
    const samples = [
      sample(0, 50), // start-up: ignored
      sample(0.05, 300), // warm-up spike: ignored
      sample(0.1, 100),
      sample(0.15, 104),
      sample(0.19, 102),
      sample(0.5, 400), // mid-run GC peak: only in the peak
      sample(0.9, 110),
      sample(0.95, 111),
      sample(0.99, 200), // one sample on a GC sawtooth: the median ignores it
    ];
    expect(rssGrowthOf(samples, 'worker')).toEqual({ warmMb: 102, endMb: 111, peakMb: 400, growthPct: 8.8 });
  });

  it('has no growth figure when a window has no sample or the process is gone', () => {
    const growth = rssGrowthOf([sample(0.1, 100), sample(0.5, null)], 'worker');
    expect(growth.growthPct).toBeNull();
    expect(growth.endMb).toBeNull();
    expect(rssGrowthOf([], 'listener')).toEqual({ warmMb: null, endMb: null, peakMb: null, growthPct: null });
  });
});
