/** Shared pieces of the scenarios: traffic per connection, rows from loads, repeats. */
import { AdtMix } from './adt-mix.js';
import { latencyColumns, type ScenarioRow } from './bench-report.js';
import { throughputOf, type LoadResult, type MessageSource } from './load-runner.js';

/** Counts the product's ACKed messages across scenarios, for the final loss check. */
export interface AcceptedTally {
  accepted: number;
}

/**
 * A message source per connection: each connection is one interface with its own visits, so a
 * visit's events go out in order on one connection, as hospitals send them.
 * @param tag - unique in the run (prefixes control ids, visits and patients)
 * @param options - sampling for (c)
 */
export function streamsFor(
  tag: string,
  options: { sampleEvery?: number } = {},
): (connection: number) => MessageSource {
  return (connection) => {
    let seed = 17;
    for (const ch of `${tag}c${connection}`) seed = (seed * 31 + ch.charCodeAt(0)) >>> 0;
    return new AdtMix({ streamId: `${tag}c${connection}`, seed, sampleEvery: options.sampleEvery ?? 0 });
  };
}

function loadErrors(load: LoadResult): number {
  return load.errors + load.negativeAcks + load.unmatchedAcks;
}

/**
 * A row from a load result: measured throughput, ACK latency, errors.
 * @param base - name, label, kind and connections
 * @param load - the finished load
 * @param rss - peak RSS per process
 */
export function loadRow(
  base: Pick<ScenarioRow, 'name' | 'label' | 'kind' | 'connections'>,
  load: LoadResult,
  rss: Record<string, number | null>,
): ScenarioRow {
  return {
    ...base,
    count: load.measured,
    seconds: Math.round(load.seconds * 100) / 100,
    msgs_per_s: Math.round(throughputOf(load)),
    ...latencyColumns(load.latency.summary()),
    rss_mb: rss,
    errors: loadErrors(load),
    ...(load.firstError ? { detail: { first_error: load.firstError } } : {}),
  };
}

/**
 * Runs a throughput measurement `repeats` times and keeps the run with the median throughput.
 * @param repeats - how many runs
 * @param run - one run, producing its row
 */
export async function medianOf(
  repeats: number,
  run: (index: number) => Promise<ScenarioRow>,
): Promise<ScenarioRow> {
  const rows: ScenarioRow[] = [];
  for (let i = 0; i < repeats; i += 1) rows.push(await run(i));
  const sorted = [...rows].sort((a, b) => a.msgs_per_s - b.msgs_per_s);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!median) throw new Error('no run');
  return repeats > 1 ? { ...median, runs_msgs_per_s: rows.map((r) => r.msgs_per_s) } : median;
}
