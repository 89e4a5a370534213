/** Latency percentiles of one measurement, in milliseconds (null when nothing was recorded). */
export interface LatencySummary {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

const INITIAL_CAPACITY = 1024;

/**
 * Nearest-rank percentile of values sorted ascending: the smallest value with at least `p` percent
 * of the values at or below it (no interpolation, so every reported figure was really observed).
 * @param sorted - values in ascending order
 * @param p - percentile in (0, 100]
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}

/**
 * Collects latencies without per-sample objects: a soak of a million messages keeps 8 MB, not a
 * million boxed numbers.
 */
export class LatencyRecorder {
  private values = new Float64Array(INITIAL_CAPACITY);
  private size = 0;

  /** How many latencies were recorded. */
  get count(): number {
    return this.size;
  }

  /**
   * Adds one latency.
   * @param ms - milliseconds
   */
  record(ms: number): void {
    if (this.size === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.size] = ms;
    this.size += 1;
  }

  /**
   * Adds every latency of another recorder (one recorder per connection, merged at the end).
   * @param other - the recorder to copy from
   */
  merge(other: LatencyRecorder): void {
    for (let i = 0; i < other.size; i += 1) this.record(other.values[i] ?? 0);
  }

  /** p50, p95, p99 and max, in milliseconds rounded to microseconds. */
  summary(): LatencySummary {
    const sorted = this.values.slice(0, this.size).sort();
    const round = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);
    return {
      count: this.size,
      p50: round(percentileOfSorted(sorted, 50)),
      p95: round(percentileOfSorted(sorted, 95)),
      p99: round(percentileOfSorted(sorted, 99)),
      max: round(percentileOfSorted(sorted, 100)),
    };
  }
}
