/**
 * Scenario (d): N messages through the product with the resident memory of its processes sampled,
 * then a wait until the worker has processed everything, and a count: every message ACKed `AA`
 * must be stored and processed (status `processed`); the difference is `lost`.
 */
import { runLoad, type LoadResult, type MessageSource } from './load-runner.js';
import { RssSampler, type RssSample } from './process-memory.js';
import type { ProductStack, StatusCounts } from './product-stack.js';

/** Options for {@link runSoak}. */
export interface SoakOptions {
  messages: number;
  connections: number;
  /** Messages per second; closed loop when absent. */
  rate?: number;
  sourceFor: (connection: number) => MessageSource;
  rssIntervalMs: number;
  /** How long to wait for earlier scenarios' backlog before starting. */
  startTimeoutMs: number;
  /** How long to wait for the worker to process the soak's messages at the end. */
  drainTimeoutMs: number;
  /** Called every minute with how far the soak has got (a long run shows it is alive). */
  onProgress?: (text: string) => void;
}

const PROGRESS_INTERVAL_MS = 60_000;

/** RSS of one process before and after the bulk of a soak. */
export interface RssGrowth {
  /** Median RSS while 10–20% of the messages were sent (after warm-up), MB. */
  warmMb: number | null;
  /** Median RSS while the last 10% were sent, MB. */
  endMb: number | null;
  peakMb: number | null;
  /** (end − warm) / warm, percent. */
  growthPct: number | null;
}

/** What the soak measured. */
export interface SoakResult {
  load: LoadResult;
  samples: RssSample[];
  rss: Record<string, RssGrowth>;
  drained: boolean;
  drainSeconds: number;
  /** Messages stored by the soak that the worker processed. */
  processed: number;
  lost: number;
  statusCounts: StatusCounts;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? null;
}

/**
 * RSS growth of one process over a soak: the median of the samples taken while the last 10% of
 * messages went out against the median of those taken at 10–20% (the first 10% is warm-up: JIT,
 * pools and caches filling). Medians, because a single sample lands anywhere on a GC sawtooth.
 * @param samples - samples whose `progress` is the fraction of messages sent (0–1)
 * @param name - the process
 */
export function rssGrowthOf(samples: readonly RssSample[], name: string): RssGrowth {
  const valuesIn = (from: number, to: number) =>
    samples.flatMap((s) => {
      const mb = s.rssMb[name];
      return s.progress >= from && s.progress < to && typeof mb === 'number' ? [mb] : [];
    });
  const warmMb = median(valuesIn(0.1, 0.2));
  const endMb = median(valuesIn(0.9, 1));
  const all = valuesIn(0, Infinity);
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    warmMb: round(warmMb),
    endMb: round(endMb),
    peakMb: all.length > 0 ? round(Math.max(...all)) : null,
    growthPct: warmMb !== null && endMb !== null ? Math.round(((endMb - warmMb) / warmMb) * 1000) / 10 : null,
  };
}

/**
 * Runs the soak against a running product and checks for loss.
 * @param stack - the product
 * @param options - message count, connections, pacing and sampling
 */
export async function runSoak(stack: ProductStack, options: SoakOptions): Promise<SoakResult> {
  const before = await stack.waitForDrain(options.startTimeoutMs);
  if (!before.drained) throw new Error(`soak cannot start: ${before.pending} messages still unprocessed`);
  const processedBefore = (await stack.statusCounts()).processed ?? 0;
  let acked = 0;
  const sampler = new RssSampler(stack.pids, () => acked / options.messages).start(options.rssIntervalMs);
  const progress = setInterval(() => {
    void stack.statusCounts().then(
      (counts) => {
        const last = sampler.samples.at(-1);
        const rss = last
          ? Object.entries(last.rssMb)
              .map(([name, mb]) => `${name} ${typeof mb === 'number' ? Math.round(mb) : '–'} MB`)
              .join(', ')
          : '–';
        options.onProgress?.(
          `soak: ${acked.toLocaleString('en-US')} of ${options.messages.toLocaleString('en-US')} ACKed, ` +
            `${((counts.processed ?? 0) - processedBefore).toLocaleString('en-US')} processed; RSS ${rss}`,
        );
      },
      () => undefined,
    );
  }, PROGRESS_INTERVAL_MS);
  progress.unref();
  let load: LoadResult;
  try {
    load = await runLoad({
      port: stack.mllpPort,
      connections: options.connections,
      sourceFor: options.sourceFor,
      messages: options.messages,
      ...(options.rate === undefined ? {} : { rate: options.rate }),
      onAck: () => {
        acked += 1;
      },
    });
  } finally {
    sampler.stop();
  }
  const drain = await stack.waitForDrain(options.drainTimeoutMs).finally(() => {
    clearInterval(progress);
  });
  const statusCounts = await stack.statusCounts();
  const processed = (statusCounts.processed ?? 0) - processedBefore;
  return {
    load,
    samples: sampler.samples,
    rss: Object.fromEntries(
      Object.keys(stack.pids).map((name) => [name, rssGrowthOf(sampler.samples, name)]),
    ),
    drained: drain.drained,
    drainSeconds: drain.seconds,
    processed,
    lost: Math.max(0, load.acceptedAcks - processed),
    statusCounts,
  };
}
