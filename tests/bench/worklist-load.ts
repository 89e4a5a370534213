/**
 * Scenario (e): the navigators' worklist under a steady request rate. It seeds the open follow-ups
 * through the product itself (inpatient discharges over MLLP, processed by the worker), then sends
 * `GET /api/worklist` (today's list, first page, as a navigator opens it) open loop: request i
 * leaves at start + i/rate whether or not earlier ones have answered, so a slow answer cannot hide
 * the requests that would have queued behind it.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { AdtMix } from './adt-mix.js';
import { LatencyRecorder } from './latency-recorder.js';
import { runLoad } from './load-runner.js';
import type { ProductStack } from './product-stack.js';

/** Options for {@link measureWorklist}. */
export interface WorklistOptions {
  openFollowUps: number;
  rate: number;
  durationMs: number;
  warmupMs: number;
  drainTimeoutMs: number;
}

/** What scenario (e) measured. */
export interface WorklistResult {
  /** Open follow-ups on today's list when the load started (read through the API). */
  openFollowUps: number;
  requests: number;
  errors: number;
  seconds: number;
  latency: LatencyRecorder;
  /** Items in one answer (the first page). */
  pageSize: number;
}

interface WorklistPage {
  items: unknown[];
  nextCursor: string | null;
}

async function getWorklist(port: number, token: string, query = ''): Promise<WorklistPage> {
  const response = await fetch(`http://127.0.0.1:${port}/api/worklist${query}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`worklist answered ${response.status}`);
  return (await response.json()) as WorklistPage;
}

/**
 * Seeds `openFollowUps` discharges, waits until they are processed, then measures the worklist.
 * @param stack - the product (its database should hold no other open follow-up for the team)
 * @param options - how many follow-ups, rate and duration
 */
export async function measureWorklist(
  stack: ProductStack,
  options: WorklistOptions,
): Promise<WorklistResult> {
  const seed = new AdtMix({ streamId: 'E', seed: 5, largeEvery: 0 });
  const seeded = await runLoad({
    port: stack.mllpPort,
    connections: 4,
    messages: options.openFollowUps,
    sourceFor: () => ({ next: () => seed.nextDischarge() }),
  });
  if (seeded.acceptedAcks !== options.openFollowUps) {
    throw new Error(
      `worklist seed: ${seeded.acceptedAcks} of ${options.openFollowUps} accepted (${seeded.firstError})`,
    );
  }
  const drain = await stack.waitForDrain(options.drainTimeoutMs);
  if (!drain.drained) throw new Error(`worklist seed: ${drain.pending} messages still unprocessed`);
  const whole = await getWorklist(stack.apiPort, stack.navigatorToken, '?limit=1000');
  const first = await getWorklist(stack.apiPort, stack.navigatorToken);

  const latency = new LatencyRecorder();
  let requests = 0;
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const startedAt = performance.now();
  const measureFrom = startedAt + options.warmupMs;
  const total = Math.round(((options.warmupMs + options.durationMs) / 1000) * options.rate);
  for (let i = 0; i < total; i += 1) {
    const due = startedAt + (i * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait >= 1) await sleep(wait);
    inFlight.push(
      getWorklist(stack.apiPort, stack.navigatorToken).then(
        () => {
          if (due < measureFrom) return;
          requests += 1;
          // From when it was due, not when it left: a stall anywhere counts against the figure.
          latency.record(performance.now() - due);
        },
        () => {
          errors += 1;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  return {
    openFollowUps: whole.items.length,
    requests,
    errors,
    seconds: options.durationMs / 1000,
    latency,
    pageSize: first.items.length,
  };
}
