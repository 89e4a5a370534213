/**
 * Scenario (c): a sustained rate over MLLP while timing, for sampled messages that create a
 * follow-up, the delay from their ACK to the follow-up being readable through the API.
 *
 * Sampled visits are sent under their own sending facility ({@link SAMPLE_FACILITY}), so one poll
 * `GET /api/follow-ups?facility=…&from=…` (newest first) returns only sampled follow-ups created
 * since the oldest sample still waiting, however many follow-ups the rest of the traffic creates.
 * A follow-up counts as readable when a poll's response containing it arrives: the figure is an
 * upper bound that includes up to one poll interval.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { SAMPLE_FACILITY } from './adt-mix.js';
import { LatencyRecorder } from './latency-recorder.js';
import { runLoad, type LoadResult, type MessageSource } from './load-runner.js';

/** Options for {@link measureEndToEnd}. */
export interface EndToEndOptions {
  mllpPort: number;
  apiPort: number;
  adminToken: string;
  rate: number;
  durationMs: number;
  connections: number;
  sourceFor: (connection: number) => MessageSource;
  pollIntervalMs: number;
  /** How long after the last send a sample may still show up before it counts as missing. */
  graceMs: number;
}

/** What scenario (c) measured. */
export interface EndToEndResult {
  load: LoadResult;
  /** ACK to readable in the API, per sample. */
  endToEnd: LatencyRecorder;
  samples: number;
  /** Samples whose follow-up never showed up within the grace period. */
  missing: number;
  polls: number;
  pollErrors: number;
}

interface FollowUpPage {
  items: { encounter: { visitNumber: string } }[];
  nextCursor: string | null;
}

interface Sample {
  /** performance.now() at the ACK */
  ackedAt: number;
  /** wall clock at the ACK, for the `from` filter */
  ackedAtWall: number;
}

// Follow-ups are stamped by Postgres' clock at the start of the worker's transaction, which may be a
// little before the benchmark sees the ACK; the `from` filter reaches back this far.
const FROM_MARGIN_MS = 2_000;
const PAGE_LIMIT = 1000;

/**
 * Runs the sustained-rate load and the API poller together.
 * @param options - ports, token, rate, duration and sampling
 */
export async function measureEndToEnd(options: EndToEndOptions): Promise<EndToEndResult> {
  const waiting = new Map<string, Sample>();
  const endToEnd = new LatencyRecorder();
  let samples = 0;
  let polls = 0;
  let pollErrors = 0;
  // An object, not a let: the poller reads it across awaits while the load sets it.
  const state = { sending: true };

  const poll = async () => {
    let oldest = Infinity;
    for (const sample of waiting.values()) oldest = Math.min(oldest, sample.ackedAtWall);
    if (oldest === Infinity) return;
    const from = new Date(oldest - FROM_MARGIN_MS).toISOString();
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ facility: SAMPLE_FACILITY, from, limit: String(PAGE_LIMIT) });
      if (cursor) query.set('cursor', cursor);
      polls += 1;
      const response = await fetch(`http://127.0.0.1:${options.apiPort}/api/follow-ups?${query.toString()}`, {
        headers: { authorization: `Bearer ${options.adminToken}` },
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) {
        pollErrors += 1;
        await response.body?.cancel();
        return;
      }
      const page = (await response.json()) as FollowUpPage;
      const seenAt = performance.now();
      for (const item of page.items) {
        const sample = waiting.get(item.encounter.visitNumber);
        if (!sample) continue;
        endToEnd.record(seenAt - sample.ackedAt);
        waiting.delete(item.encounter.visitNumber);
      }
      cursor = page.nextCursor;
    } while (cursor && waiting.size > 0);
  };

  const poller = (async () => {
    let graceEndsAt = Infinity;
    while (state.sending || (waiting.size > 0 && performance.now() < graceEndsAt)) {
      if (!state.sending && graceEndsAt === Infinity) graceEndsAt = performance.now() + options.graceMs;
      const started = performance.now();
      try {
        await poll();
      } catch {
        pollErrors += 1;
      }
      const rest = options.pollIntervalMs - (performance.now() - started);
      if (rest >= 1) await sleep(rest);
    }
  })();

  let load: LoadResult;
  try {
    load = await runLoad({
      port: options.mllpPort,
      connections: options.connections,
      sourceFor: options.sourceFor,
      durationMs: options.durationMs,
      rate: options.rate,
      onAck: (message, receipt, at) => {
        if (message.sampleVisit === null || receipt.code !== 'AA') return;
        samples += 1;
        waiting.set(message.sampleVisit, { ackedAt: at, ackedAtWall: Date.now() });
      },
    });
  } finally {
    state.sending = false;
  }
  await poller;
  return { load, endToEnd, samples, missing: waiting.size, polls, pollErrors };
}
