/** The benchmark's results: rows per scenario, the targets of issue 7, and their markdown table. */
import type { LatencySummary } from './latency-recorder.js';

/** One measured scenario (a baseline or the product). */
export interface ScenarioRow {
  name: string;
  label: string;
  kind: 'baseline' | 'product';
  connections: number | null;
  /** Measured operations: ACKed messages, commits or API requests. */
  count: number;
  seconds: number;
  msgs_per_s: number;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  max_ms: number | null;
  /** Peak resident memory per process during the scenario, MB. */
  rss_mb: Record<string, number | null>;
  /**
   * CPU seconds each process used during the scenario (warm-up included), `bench` being the load
   * generator itself: with everything on one machine, what one process burns the others lack.
   */
  cpu_s?: Record<string, number | null>;
  /** Operations that failed: no ACK, a negative ACK, an unmatched ACK, an HTTP error. */
  errors: number;
  /** Throughput of every repeat when the scenario ran more than once (the row shows the median). */
  runs_msgs_per_s?: number[];
  detail?: Record<string, unknown>;
}

/** One target of the issue, checked against this run. */
export interface TargetCheck {
  id: string;
  description: string;
  value: number | null;
  limit: string;
  met: boolean | null;
}

/**
 * Fills a row's latency columns from a summary.
 * @param summary - percentiles of the measured operations
 */
export function latencyColumns(
  summary: LatencySummary,
): Pick<ScenarioRow, 'p50_ms' | 'p95_ms' | 'p99_ms' | 'max_ms'> {
  return { p50_ms: summary.p50, p95_ms: summary.p95, p99_ms: summary.p99, max_ms: summary.max };
}

/**
 * A ratio rounded to 3 decimals, or null when either side was not measured.
 * @param numerator - e.g. the product's throughput
 * @param denominator - e.g. the baseline's
 */
export function ratio(numerator: number | undefined, denominator: number | undefined): number | null {
  if (numerator === undefined || denominator === undefined || denominator === 0) return null;
  return Math.round((numerator / denominator) * 1000) / 1000;
}

function cell(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return '–';
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function rssCell(rss: Record<string, number | null>): string {
  const parts = Object.entries(rss).flatMap(([name, mb]) =>
    mb === null ? [] : [`${name} ${Math.round(mb)}`],
  );
  return parts.length > 0 ? parts.join(', ') : '–';
}

/**
 * The results table in markdown.
 * @param rows - scenario rows in run order
 */
export function markdownTable(rows: readonly ScenarioRow[]): string {
  const lines = [
    '| scenario | conns | ops/s | p50 ms | p95 ms | p99 ms | max ms | errors | peak RSS MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.label} | ${cell(row.connections)} | ${cell(row.msgs_per_s, 0)} | ${cell(row.p50_ms)} | ${cell(row.p95_ms)} | ${cell(row.p99_ms)} | ${cell(row.max_ms)} | ${row.errors} | ${rssCell(row.rss_mb)} |`,
    );
  }
  return lines.join('\n');
}

/**
 * The targets table in markdown.
 * @param targets - checked targets
 */
export function targetsTable(targets: readonly TargetCheck[]): string {
  const lines = ['| target | measured | limit | met |', '|---|---:|---|---|'];
  for (const t of targets) {
    lines.push(
      `| ${t.id}: ${t.description} | ${cell(t.value, 3)} | ${t.limit} | ${t.met === null ? 'not run' : t.met ? 'yes' : 'no'} |`,
    );
  }
  return lines.join('\n');
}

/**
 * Checks a value against an upper or lower limit.
 * @param value - measured, or null when not run
 * @param test - the condition the value must meet
 */
export function check(value: number | null, test: (v: number) => boolean): boolean | null {
  return value === null ? null : test(value);
}
