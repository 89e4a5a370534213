/**
 * `npm run bench`: measures the product against its baselines on this machine, in one run, and
 * writes a markdown table to stdout and the figures to bench-results.json (see docs/performance.md).
 *
 * The product runs as its three built services in child processes, on a database and queue prefix
 * created for the run and removed at the end. Every child is killed when this process exits, by
 * any path, and a watchdog ends a run that overstays its budget.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BenchUsageError, parseBenchOptions, USAGE, type BenchSettings } from './bench-options.js';
import { markdownTable, ratio, targetsTable, type ScenarioRow } from './bench-report.js';
import { peerRows, pgCommitRows } from './baselines.js';
import { machineInfo, type MachineInfo } from './machine-info.js';
import { targetChecks } from './targets.js';
import { killChildren } from './child-processes.js';
import { activityPerMessage, readPgActivity } from './pg-activity.js';
import {
  readWorkerStatements,
  workerStatementsPerMessage,
  type WorkerStatements,
} from './worker-statements.js';
import { CpuMeter } from './process-memory.js';
import { summariseCpuProfile, type ProfileSummary } from './cpu-profile-summary.js';
import { dropCommitBaseline } from './pg-commit-baseline.js';
import { ROOT, startProductStack, type DrainResult, type ProductStack } from './product-stack.js';
import type { SoakResult } from './soak.js';
import type { AcceptedTally } from './scenario-rows.js';
import { durableRow, endToEndRow, soakRow, worklistRow } from './scenarios.js';
import { reportsRows } from './reports-load.js';
import { reportPracticeSize } from './report-practice-seed.js';

const processStart = performance.now();

function say(text: string): void {
  const elapsed = ((performance.now() - processStart) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${elapsed}s] ${text}\n`);
}

function deadlineMs(settings: BenchSettings): number {
  // Generous bounds: a check that hangs is stopped, a slow machine is not.
  return settings.mode === 'quick' ? 5 * 60_000 : 90 * 60_000 + settings.soakMessages * 8;
}

function summariseProfiles(
  dir: string | null,
  pids: Record<string, number>,
): (ProfileSummary & { service: string })[] {
  if (!dir || !existsSync(dir)) return [];
  const serviceOf = new Map(Object.entries(pids).map(([name, pid]) => [String(pid), name]));
  // Node names profiles CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile.
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => ({
      ...summariseCpuProfile(path.join(dir, f)),
      service: serviceOf.get(f.split('.')[3] ?? '') ?? 'unknown',
    }));
}

/** A wait for the worker to catch up, as reported in the results. */
interface DrainRecord extends DrainResult {
  after: string;
  /** CPU seconds per service while the worker caught up (only the worker should be busy). */
  cpu_s: Record<string, number | null>;
  /** Postgres commits and rows written per processed message (null for short waits). */
  pg_per_message: ReturnType<typeof activityPerMessage>;
  /**
   * What the worker sent per processed message, from its own counters: SQL statements (each one
   * round trip), commits, and the messages per batch (null when nothing was processed).
   */
  worker_per_message: WorkerStatements | null;
}

/** The commit measured, and whether the working tree differed from it. */
function revision(): { commit: string | null; uncommitted_changes: boolean | null } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    return { commit, uncommitted_changes: status.trim().length > 0 };
  } catch {
    return { commit: null, uncommitted_changes: null };
  }
}

async function runScenarios(
  stack: ProductStack,
  settings: BenchSettings,
  tally: AcceptedTally,
): Promise<{ rows: ScenarioRow[]; soak: SoakResult | null; drains: DrainRecord[] }> {
  const rows: ScenarioRow[] = [];
  const drains: DrainRecord[] = [];
  let soak: SoakResult | null = null;
  const add = (...added: ScenarioRow[]) => {
    for (const row of added) {
      rows.push(row);
      say(`${row.label}: ${row.msgs_per_s} ops/s, p99 ${row.p99_ms ?? '–'} ms, errors ${row.errors}`);
    }
  };
  // Between product scenarios the worker works off the backlog of the previous one, so each starts
  // with an idle worker; how fast it does is the worker's own throughput (nothing else is sent).
  const drain = async (after: string) => {
    const cpu = new CpuMeter(stack.pids);
    const statementsBefore = await readWorkerStatements(stack.workerHttpPort);
    const before = await readPgActivity(stack.pool);
    const result = await stack.waitForDrain(settings.drainTimeoutMs);
    // Only the worker writes while it catches up: its cost per message, from Postgres' counters.
    // Backends publish counters up to a second late, so only a long wait gives a fair figure.
    const pgPerMessage =
      result.processed >= 2000
        ? activityPerMessage(before, await readPgActivity(stack.pool), result.processed)
        : null;
    const workerPerMessage = workerStatementsPerMessage(
      statementsBefore,
      await readWorkerStatements(stack.workerHttpPort),
      result.processed,
    );
    drains.push({
      after,
      ...result,
      cpu_s: cpu.used(),
      pg_per_message: pgPerMessage,
      worker_per_message: workerPerMessage,
    });
    say(
      `worker caught up after ${after} in ${result.seconds.toFixed(1)} s` +
        (result.processedPerS === null ? '' : ` (${result.processedPerS} msg/s)`) +
        (workerPerMessage === null
          ? ''
          : `; per message: ${workerPerMessage.statements} statements (round trips), ${workerPerMessage.commits} commits, ${workerPerMessage.messagesPerBatch} messages/batch`) +
        (result.drained ? '' : ` NOT drained: ${result.pending} pending`),
    );
  };
  const groups = settings.groups;
  // (e) first: its open follow-ups are then the only ones on the team's list.
  if (groups.has('e')) add(await worklistRow(stack, settings, tally));
  if (groups.has('baselines')) {
    add(...(await pgCommitRows(stack, settings)));
    await dropCommitBaseline(stack.pool);
    add(...(await peerRows('raw', settings)));
    add(...(await peerRows('medplum', settings)));
  }
  for (const [group, connections] of [
    ['a', 1],
    ['b', settings.manyConnections],
  ] as const) {
    if (!groups.has(group)) continue;
    add(await durableRow(stack, settings, connections, { workerPaused: false, tally }));
    if (settings.drainBetween) await drain(`(${group})`);
    if (!settings.workerPausedRuns) continue;
    add(await durableRow(stack, settings, connections, { workerPaused: true, tally }));
    if (settings.drainBetween) await drain(`(${group}) with the worker paused`);
  }
  if (groups.has('c')) {
    await drain('(a)/(b)');
    add(await endToEndRow(stack, settings, tally));
    if (settings.drainBetween) await drain('(c)');
  }
  if (groups.has('d')) {
    const measured = await soakRow(stack, settings, tally);
    soak = measured.soak;
    add(measured.row);
  }
  // Last: the practice it generates would crowd the worklist of (e) and the counts of the others.
  if (groups.has('reports')) {
    add(
      ...(await reportsRows(
        stack,
        { size: reportPracticeSize(settings.reportFollowUps), runs: settings.reportRuns },
        say,
      )),
    );
  }
  await drain('the last scenario');
  return { rows, soak, drains };
}

async function main(): Promise<number> {
  let settings: BenchSettings | null;
  try {
    settings = parseBenchOptions(process.argv.slice(2), ROOT);
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (!settings) {
    process.stdout.write(USAGE);
    return 0;
  }
  const missing = ['listener', 'followup-worker', 'api'].filter(
    (s) => !existsSync(path.join(ROOT, `services/${s}/dist/main.js`)),
  );
  if (missing.length > 0) {
    say(`not built: ${missing.join(', ')}; run \`npm run build\` (npm run bench builds first)`);
    return 1;
  }
  const watchdog = setTimeout(() => {
    say(`run exceeded its ${Math.round(deadlineMs(settings) / 60_000)} min budget; stopping`);
    killChildren();
    process.exit(1);
  }, deadlineMs(settings));
  watchdog.unref();

  const startedAt = new Date();
  // Read at the start: the working tree may change while a long run goes on.
  const measuredRevision = revision();
  const clock = performance.now();
  // One folder per run, so a summary never mixes in an earlier run's profiles.
  const profileDir = settings.cpuProfileDir
    ? path.join(settings.cpuProfileDir, startedAt.toISOString().replace(/[:.]/g, '-'))
    : null;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  say(`${settings.mode} run: starting listener, worker and api`);
  const stack = await startProductStack(
    profileDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {},
  );
  say(`database ${stack.databaseName}, queue prefix ${stack.queuePrefix}, service logs in ${stack.logDir}`);
  const stopOnSignal = (signal: NodeJS.Signals) => {
    say(`${signal}: stopping the product and removing the run's database`);
    void stack.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);

  const tally: AcceptedTally = { accepted: 0 };
  let rows: ScenarioRow[];
  let soak: SoakResult | null;
  let drains: DrainRecord[];
  let machine: MachineInfo;
  let statusCounts: Record<string, number>;
  let finalDrain: DrainResult;
  let logLines: Record<string, number>;
  let exitCodes: Record<string, number | null>;
  try {
    machine = await machineInfo(stack);
    for (const warning of machine.warnings) say(`warning: ${warning}`);
    ({ rows, soak, drains } = await runScenarios(stack, settings, tally));
    finalDrain = drains.at(-1) ?? (await stack.waitForDrain(settings.drainTimeoutMs));
    statusCounts = await stack.statusCounts();
    logLines = stack.logLineCounts();
  } finally {
    exitCodes = await stack.stop();
  }
  const byName = new Map(rows.map((row) => [row.name, row]));
  const ratios = {
    durable1_vs_pgcommit1: ratio(byName.get('durable_1')?.msgs_per_s, byName.get('pg_commit_1')?.msgs_per_s),
    durable32_vs_medplum32: ratio(
      byName.get(`durable_${settings.manyConnections}`)?.msgs_per_s,
      byName.get(`medplum_ack_${settings.manyConnections}`)?.msgs_per_s,
    ),
    // Latency over latency: how many plain reads of the same rows one 12-month report costs.
    reports12m_vs_plain_read: ratio(
      byName.get('reports_measures_12m')?.p50_ms ?? undefined,
      byName.get('reports_plain_read')?.p50_ms ?? undefined,
    ),
  };
  // Lost: ACKed AA but not processed by the end, whatever the reason, broken down below.
  const processed = statusCounts.processed ?? 0;
  const lost = Math.max(0, tally.accepted - processed);
  const stored = processed + (statusCounts.received ?? 0) + (statusCounts.failed ?? 0);
  const lostBreakdown = {
    not_stored: Math.max(0, tally.accepted - stored),
    failed: statusCounts.failed ?? 0,
    unprocessed_when_the_wait_ended: statusCounts.received ?? 0,
  };
  const e2eDetail = byName.get('e2e_sustained')?.detail;
  const results = {
    mode: settings.mode,
    note:
      settings.mode === 'quick'
        ? 'quick run: short and noisy, a check that everything works, not a measurement'
        : 'full run',
    started_at: startedAt.toISOString(),
    revision: measuredRevision,
    duration_s: Math.round((performance.now() - clock) / 100) / 10,
    machine: { ...machine, load_average_at_end: os.loadavg().map((v) => Math.round(v * 100) / 100) },
    settings: { ...settings, groups: [...settings.groups] },
    scenarios: Object.fromEntries(rows.map((row) => [row.name, row])),
    ratios,
    durable1_vs_pgcommit1: ratios.durable1_vs_pgcommit1,
    durable32_vs_medplum32: ratios.durable32_vs_medplum32,
    e2e_p99_ms: typeof e2eDetail?.e2e_p99_ms === 'number' ? e2eDetail.e2e_p99_ms : null,
    lost,
    lost_breakdown: lostBreakdown,
    accounting: { accepted_acks: tally.accepted, status_counts: statusCounts, final_drain: finalDrain },
    worker_drains: drains,
    targets: targetChecks(byName, ratios, lost, soak),
    service_log_lines: logLines,
    service_exit_codes: exitCodes,
    profiles: summariseProfiles(profileDir, stack.pids),
  };
  writeFileSync(settings.resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(
    [
      `## adt-followup benchmark (${settings.mode}${settings.mode === 'quick' ? ': a check, not a measurement' : ''})`,
      '',
      markdownTable(rows),
      '',
      `durable1_vs_pgcommit1 ${ratios.durable1_vs_pgcommit1 ?? '–'}, durable32_vs_medplum32 ${ratios.durable32_vs_medplum32 ?? '–'}, e2e_p99_ms ${results.e2e_p99_ms ?? '–'}, reports12m_vs_plain_read ${ratios.reports12m_vs_plain_read ?? '–'}, lost ${lost} of ${tally.accepted} ACKed AA` +
        (lost > 0
          ? ` (not stored ${lostBreakdown.not_stored}, failed ${lostBreakdown.failed}, still unprocessed after ${Math.round(finalDrain.seconds)} s ${lostBreakdown.unprocessed_when_the_wait_ended})`
          : ''),
      '',
      targetsTable(results.targets),
      '',
      `results: ${path.relative(process.cwd(), settings.resultsFile) || settings.resultsFile}; took ${results.duration_s} s`,
      '',
    ].join('\n'),
  );
  for (const [service, code] of Object.entries(exitCodes)) {
    if (code !== 0) say(`${service} did not stop cleanly on SIGTERM (exit ${code ?? 'killed'})`);
  }
  for (const profile of results.profiles) {
    say(
      `profile of the ${profile.service} (${path.relative(ROOT, profile.file)}): busy ${Math.round((profile.totalMs - profile.idleMs) / 1000)} s of ${Math.round(profile.totalMs / 1000)} s`,
    );
    for (const entry of profile.byOwner.slice(0, 8)) say(`  ${entry.pct}%  ${entry.name}`);
  }
  const broken = lost > 0 || rows.some((row) => row.kind === 'product' && row.errors > 0);
  return broken ? 1 : 0;
}

/** Exits once stdout (a pipe is written asynchronously) has taken everything written before. */
function exitAfterOutput(code: number): void {
  process.stdout.write('', () => process.exit(code));
}

// An explicit exit: idle keep-alive sockets to the stopped API would otherwise hold the process
// for seconds after the run.
main().then(exitAfterOutput, (error: unknown) => {
  say(error instanceof Error ? (error.stack ?? error.message) : String(error));
  killChildren();
  exitAfterOutput(1);
});
