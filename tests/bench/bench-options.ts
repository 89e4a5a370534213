/** Command-line options of `npm run bench` and the durations each mode implies. */

/** Groups of measurements that `--only` selects. */
export const SCENARIO_GROUPS = ['baselines', 'a', 'b', 'c', 'd', 'e', 'reports'] as const;

/** One group of measurements. */
export type ScenarioGroup = (typeof SCENARIO_GROUPS)[number];

/** Durations, counts and rates of one run. */
export interface BenchSettings {
  mode: 'quick' | 'full';
  groups: ReadonlySet<ScenarioGroup>;
  /** Throughput runs (baselines, a, b): warm-up, measured time, repeats (the median is kept). */
  warmupMs: number;
  durationMs: number;
  repeats: number;
  /** Connections of the "regional network" runs. */
  manyConnections: number;
  /** (c): rate, duration, connections, one sampled visit in `sampleEvery`, poll interval. */
  e2eRate: number;
  e2eDurationMs: number;
  e2eConnections: number;
  e2eSampleEvery: number;
  e2ePollIntervalMs: number;
  /** (d): messages, connections, rate (closed loop when null), RSS sampling interval. */
  soakMessages: number;
  soakConnections: number;
  soakRate: number | null;
  soakRssIntervalMs: number;
  /** (e): open follow-ups, request rate, duration. */
  worklistOpen: number;
  worklistRate: number;
  worklistDurationMs: number;
  /** (reports): follow-ups of the generated practice (four care actions each), timed requests. */
  reportFollowUps: number;
  reportRuns: number;
  /** Longest wait for the worker to catch up between scenarios. */
  drainTimeoutMs: number;
  /** Wait for the worker after every product scenario (else only before (c) and (d)). */
  drainBetween: boolean;
  /** Also run (a) and (b) with the worker frozen (ingest alone; full runs only by default). */
  workerPausedRuns: boolean;
  /** Profile the product's services with `node --cpu-prof` into this folder (null: no profiling). */
  cpuProfileDir: string | null;
  /** Where the JSON results go. */
  resultsFile: string;
}

/** Thrown for a bad command line; the message says what is wrong. */
export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
  readonly code = 'bench_usage';
}

/** What `--help` prints. */
export const USAGE = `Usage: npm run bench -- [--quick] [--soak N] [--soak-rate R] [--only GROUPS] [--cpu-prof] [--out FILE]

  Measures the product (listener, worker, API as child processes, on a database of its own) next to
  Postgres' commit rate, a raw MLLP server and @medplum/hl7's server, on this machine.

  --quick          every scenario, short (under a minute in all): a check, not a measurement
  --soak N         messages in the soak (d); default 1,000,000 (quick: 1,000)
  --soak-rate R    pace the soak at R msg/s (default: the sustained rate of (c), 1,000 msg/s;
                   0 sends as fast as the product ACKs)
  --only GROUPS    comma-separated subset of: ${SCENARIO_GROUPS.join(', ')}
                   (reports: the 12-month impact report of a generated practice of 100,000
                   follow-ups and 400,000 care actions; quick: 10,000)
  --duration S     measured seconds of each throughput run (a, b, baselines) and of (e),
                   e.g. to profile a steady state
  --worker-paused  also run (a) and (b) with the worker frozen in quick runs (full runs always do)
  --cpu-prof       profile listener, worker and API (node --cpu-prof) into bench-profiles/
                   and print where their time went
  --out FILE       results file (default: bench-results.json at the repository root)
`;

function positiveInteger(flag: string, value: string | undefined, allowZero = false): number {
  const n = Number(value?.replaceAll('_', '').replaceAll(',', ''));
  if (value === undefined || !Number.isInteger(n) || n < (allowZero ? 0 : 1)) {
    throw new BenchUsageError(
      `${flag} needs a ${allowZero ? 'non-negative' : 'positive'} integer, got ${value ?? 'nothing'}`,
    );
  }
  return n;
}

/**
 * Parses the command line into the run's settings.
 * @param argv - arguments after the script name
 * @param root - repository root (default locations of results and profiles)
 * @returns null when `--help` was asked for
 * @throws BenchUsageError on an unknown flag or a bad value
 */
export function parseBenchOptions(argv: readonly string[], root: string): BenchSettings | null {
  let quick = false;
  let soak: number | null = null;
  let soakRate: number | null | undefined;
  let groups: ScenarioGroup[] = [...SCENARIO_GROUPS];
  let cpuProfile = false;
  let out = `${root}/bench-results.json`;
  let durationS: number | null = null;
  let workerPaused = false;
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    switch (flag) {
      case '--help':
      case '-h':
        return null;
      case '--quick':
        quick = true;
        break;
      case '--soak':
        i += 1;
        soak = positiveInteger(flag, argv[i]);
        break;
      case '--soak-rate':
        i += 1;
        soakRate = positiveInteger(flag, argv[i], true) || null;
        break;
      case '--only': {
        i += 1;
        const names = (argv[i] ?? '').split(',').filter(Boolean);
        const unknown = names.filter((n) => !(SCENARIO_GROUPS as readonly string[]).includes(n));
        if (names.length === 0 || unknown.length > 0) {
          throw new BenchUsageError(
            `--only takes some of ${SCENARIO_GROUPS.join(', ')}; got ${argv[i] ?? 'nothing'}`,
          );
        }
        groups = names as ScenarioGroup[];
        break;
      }
      case '--cpu-prof':
        cpuProfile = true;
        break;
      case '--worker-paused':
        workerPaused = true;
        break;
      case '--duration':
        i += 1;
        durationS = positiveInteger(flag, argv[i]);
        break;
      case '--out':
        i += 1;
        if (!argv[i]) throw new BenchUsageError('--out needs a file name');
        out = argv[i] ?? out;
        break;
      case undefined:
      default:
        throw new BenchUsageError(`unknown option ${flag ?? ''}`);
    }
  }
  const common = {
    groups: new Set(groups),
    manyConnections: 32,
    e2eRate: 1000,
    e2eConnections: 16,
    e2eSampleEvery: 10,
    e2ePollIntervalMs: 25,
    soakConnections: 16,
    soakRate: soakRate === undefined ? 1000 : soakRate,
    worklistOpen: 500,
    worklistRate: 50,
    cpuProfileDir: cpuProfile ? `${root}/bench-profiles` : null,
    resultsFile: out,
  };
  const duration =
    durationS === null ? {} : { durationMs: durationS * 1000, worklistDurationMs: durationS * 1000 };
  if (quick) {
    return {
      ...common,
      mode: 'quick',
      warmupMs: 300,
      durationMs: 1_000,
      repeats: 1,
      e2eDurationMs: 2_000,
      soakMessages: soak ?? 1_000,
      soakRssIntervalMs: 250,
      // Fewer follow-ups to seed: the worker's time, not the API's, dominates a quick (e).
      worklistOpen: 200,
      worklistDurationMs: 2_000,
      reportFollowUps: 10_000,
      reportRuns: 3,
      drainTimeoutMs: 60_000,
      // The frozen-worker runs need a caught-up worker before each run, like a full run.
      drainBetween: workerPaused,
      workerPausedRuns: workerPaused,
      ...duration,
    };
  }
  return {
    ...common,
    mode: 'full',
    warmupMs: 2_000,
    durationMs: 10_000,
    repeats: 3,
    e2eDurationMs: 60_000,
    soakMessages: soak ?? 1_000_000,
    soakRssIntervalMs: 5_000,
    worklistDurationMs: 60_000,
    reportFollowUps: 100_000,
    reportRuns: 10,
    drainTimeoutMs: 30 * 60_000,
    drainBetween: true,
    workerPausedRuns: true,
    ...duration,
  };
}
