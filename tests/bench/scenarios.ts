/**
 * The product scenarios of issue 7, each producing a {@link ScenarioRow}: (a)/(b) durable ACK
 * throughput, (c) sustained rate with end-to-end latency, (d) soak, (e) the worklist API.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchSettings } from './bench-options.js';
import { latencyColumns, type ScenarioRow } from './bench-report.js';
import { measureEndToEnd } from './end-to-end-latency.js';
import { runLoad, type LoadResult } from './load-runner.js';
import { activityPerMessage, readPgActivity } from './pg-activity.js';
import { CpuMeter, RssSampler } from './process-memory.js';
import type { ProductStack } from './product-stack.js';
import { loadRow, medianOf, streamsFor, type AcceptedTally } from './scenario-rows.js';
import { runSoak, type SoakResult } from './soak.js';
import { measureWorklist } from './worklist-load.js';

const RSS_INTERVAL_MS = 500;
const PG_STATS_FLUSH_MS = 1_200;

/**
 * (a)/(b): the product's durable ACK throughput, closed loop, one message in flight per connection;
 * with `workerPaused`, the worker is frozen so the listener has the CPU to itself (ingest only).
 * @param stack - the product
 * @param settings - durations
 * @param connections - 1 for (a), many for (b)
 * @param options - freeze the worker; the tally of ACKed messages for the loss check
 */
export async function durableRow(
  stack: ProductStack,
  settings: BenchSettings,
  connections: number,
  options: { workerPaused: boolean; tally: AcceptedTally },
): Promise<ScenarioRow> {
  const letter = connections === 1 ? 'a' : 'b';
  const suffix = options.workerPaused ? '_worker_paused' : '';
  return medianOf(settings.repeats, async (run) => {
    if (options.workerPaused) stack.pauseWorker();
    const sampler = new RssSampler(stack.pids).start(RSS_INTERVAL_MS);
    const cpu = new CpuMeter({ ...stack.pids, bench: process.pid });
    const pgBefore = await readPgActivity(stack.pool);
    let load: LoadResult;
    let pgPerMessage: ReturnType<typeof activityPerMessage> = null;
    try {
      load = await runLoad({
        port: stack.mllpPort,
        connections,
        sourceFor: streamsFor(`${letter.toUpperCase()}${options.workerPaused ? 'P' : ''}r${run}`),
        durationMs: settings.durationMs,
        warmupMs: settings.warmupMs,
      });
      if (options.workerPaused) {
        // With the worker frozen, Postgres' counters show the listener's own cost per message;
        // backends publish them within a second of going idle.
        await sleep(PG_STATS_FLUSH_MS);
        pgPerMessage = activityPerMessage(pgBefore, await readPgActivity(stack.pool), load.acceptedAcks);
      }
    } finally {
      sampler.stop();
      if (options.workerPaused) stack.resumeWorker();
    }
    options.tally.accepted += load.acceptedAcks;
    const row = loadRow(
      {
        name: `durable_${connections}${suffix}`,
        label: `(${letter}) product, durable ACK, ${connections} conn${options.workerPaused ? ', worker paused' : ''}`,
        kind: 'product',
        connections,
      },
      load,
      sampler.peakMb(),
    );
    return {
      ...row,
      cpu_s: cpu.used(),
      ...(pgPerMessage ? { detail: { ...row.detail, listener_pg_per_message: pgPerMessage } } : {}),
    };
  });
}

/**
 * (c): sustained rate with end-to-end latency.
 * @param stack - the product
 * @param settings - rate, duration, sampling
 * @param tally - ACKed messages for the loss check
 */
export async function endToEndRow(
  stack: ProductStack,
  settings: BenchSettings,
  tally: AcceptedTally,
): Promise<ScenarioRow> {
  const sampler = new RssSampler(stack.pids).start(RSS_INTERVAL_MS);
  const cpu = new CpuMeter({ ...stack.pids, bench: process.pid });
  const result = await measureEndToEnd({
    mllpPort: stack.mllpPort,
    apiPort: stack.apiPort,
    adminToken: stack.adminToken,
    rate: settings.e2eRate,
    durationMs: settings.e2eDurationMs,
    connections: settings.e2eConnections,
    sourceFor: streamsFor('C', { sampleEvery: settings.e2eSampleEvery }),
    pollIntervalMs: settings.e2ePollIntervalMs,
    graceMs: settings.mode === 'quick' ? 5_000 : 30_000,
  }).finally(() => sampler.stop());
  tally.accepted += result.load.acceptedAcks;
  const e2e = result.endToEnd.summary();
  const row = loadRow(
    {
      name: 'e2e_sustained',
      label: `(c) product at ${settings.e2eRate} msg/s: ACK latency`,
      kind: 'product',
      connections: settings.e2eConnections,
    },
    result.load,
    sampler.peakMb(),
  );
  return {
    ...row,
    cpu_s: cpu.used(),
    detail: {
      ...row.detail,
      target_rate: settings.e2eRate,
      max_schedule_lag_ms: Math.round(result.load.maxScheduleLagMs),
      e2e_samples: result.samples,
      e2e_seen: e2e.count,
      e2e_missing: result.missing,
      e2e_p50_ms: e2e.p50,
      e2e_p95_ms: e2e.p95,
      e2e_p99_ms: e2e.p99,
      e2e_max_ms: e2e.max,
      poll_interval_ms: settings.e2ePollIntervalMs,
      polls: result.polls,
      poll_errors: result.pollErrors,
    },
  };
}

/**
 * (d): the soak.
 * @param stack - the product
 * @param settings - message count, pacing, sampling
 * @param tally - ACKed messages for the loss check
 */
export async function soakRow(
  stack: ProductStack,
  settings: BenchSettings,
  tally: AcceptedTally,
): Promise<{ row: ScenarioRow; soak: SoakResult }> {
  const cpu = new CpuMeter({ ...stack.pids, bench: process.pid });
  const soak = await runSoak(stack, {
    messages: settings.soakMessages,
    connections: settings.soakConnections,
    ...(settings.soakRate === null ? {} : { rate: settings.soakRate }),
    sourceFor: streamsFor('D'),
    rssIntervalMs: settings.soakRssIntervalMs,
    startTimeoutMs: settings.drainTimeoutMs,
    // The worker may be far slower than ingest: give it up to 5 ms a message to catch up.
    drainTimeoutMs: Math.max(settings.drainTimeoutMs, settings.soakMessages * 5),
    onProgress: (text) => process.stderr.write(`[bench] ${text}\n`),
  });
  tally.accepted += soak.load.acceptedAcks;
  const row = loadRow(
    {
      name: 'soak',
      label: `(d) product soak, ${settings.soakMessages.toLocaleString('en-US')} msgs${settings.soakRate ? ` at ${settings.soakRate} msg/s` : ''}`,
      kind: 'product',
      connections: settings.soakConnections,
    },
    soak.load,
    Object.fromEntries(Object.entries(soak.rss).map(([name, growth]) => [name, growth.peakMb])),
  );
  return {
    soak,
    row: {
      ...row,
      cpu_s: cpu.used(),
      detail: {
        ...row.detail,
        sent: soak.load.sent,
        accepted: soak.load.acceptedAcks,
        processed: soak.processed,
        lost: soak.lost,
        drained: soak.drained,
        drain_s: soak.drainSeconds,
        rss: soak.rss,
        rss_series: rssSeries(soak),
      },
    },
  };
}

/** At most 100 evenly spaced RSS samples of the soak: [fraction sent, listener, worker, api] in MB. */
function rssSeries(soak: SoakResult): (number | null)[][] {
  const step = Math.max(1, Math.ceil(soak.samples.length / 100));
  const round = (mb: number | null | undefined) => (typeof mb === 'number' ? Math.round(mb) : null);
  return soak.samples
    .filter((_, i) => i % step === 0)
    .map((s) => [
      Math.round(s.progress * 1000) / 1000,
      round(s.rssMb.listener),
      round(s.rssMb.worker),
      round(s.rssMb.api),
    ]);
}

/**
 * (e): the worklist API under a steady request rate.
 * @param stack - the product, on a database with no other open follow-up
 * @param settings - follow-up count, rate, duration
 * @param tally - ACKed messages (the seed) for the loss check
 */
export async function worklistRow(
  stack: ProductStack,
  settings: BenchSettings,
  tally: AcceptedTally,
): Promise<ScenarioRow> {
  const sampler = new RssSampler({ api: stack.pids.api }).start(RSS_INTERVAL_MS);
  const cpu = new CpuMeter({ ...stack.pids, bench: process.pid });
  const result = await measureWorklist(stack, {
    openFollowUps: settings.worklistOpen,
    rate: settings.worklistRate,
    durationMs: settings.worklistDurationMs,
    warmupMs: settings.warmupMs,
    drainTimeoutMs: settings.drainTimeoutMs,
  }).finally(() => sampler.stop());
  tally.accepted += settings.worklistOpen;
  return {
    name: 'worklist',
    label: `(e) worklist API at ${settings.worklistRate} req/s, ${result.openFollowUps} open`,
    kind: 'product',
    connections: null,
    count: result.requests,
    seconds: result.seconds,
    msgs_per_s: Math.round(result.requests / result.seconds),
    ...latencyColumns(result.latency.summary()),
    rss_mb: sampler.peakMb(),
    errors: result.errors,
    cpu_s: cpu.used(),
    detail: { open_follow_ups: result.openFollowUps, page_size: result.pageSize },
  };
}
