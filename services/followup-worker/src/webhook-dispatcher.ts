/**
 * The webhook dispatcher: every `WEBHOOK_DISPATCH_INTERVAL_MS` (and at once when a delivery ends)
 * it fans committed outbox events out to one delivery per matching subscription, then queues every
 * pending delivery that heads its chain (subscription + patient). Idempotent: job ids dedupe a
 * delivery already waiting or running, and a delivery that is no longer pending is skipped by the
 * job. A lost Redis job is queued again on the next pass.
 */
import type pg from 'pg';
import { countWebhookBacklog, dispatchWebhookEvents, findReadyWebhookDeliveries } from '@adt/db';
import type { Logger } from '@adt/logging';
import { startIntervalLoop } from '@adt/observability';
import { enqueueWebhookDeliveries, type Queue, type WebhookDeliveryJob } from '@adt/queue';
import type { WebhookMetrics } from './webhook-metrics.js';

const EVENTS_PER_BATCH = 500;
const MAX_BATCHES_PER_PASS = 20;
const READY_PER_PASS = 1_000;

/** A running dispatcher. */
export interface WebhookDispatcher {
  /** Runs a pass now (after one already running). */
  wake: () => void;
  /** One pass, awaited (tests). */
  runOnce: () => Promise<void>;
  stop: () => Promise<void>;
}

/** What the dispatcher needs. */
export interface WebhookDispatcherOptions {
  pool: pg.Pool;
  queue: Queue<WebhookDeliveryJob>;
  maxAttempts: number;
  intervalMs: number;
  log: Logger;
  metrics: WebhookMetrics;
}

/**
 * Starts the dispatcher loop.
 * @param options - pool, delivery queue, attempts, interval, log and metrics
 */
export function startWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const { pool, queue, log, metrics } = options;
  const pass = async (): Promise<void> => {
    for (let batch = 0; batch < MAX_BATCHES_PER_PASS; batch++) {
      const fanned = await dispatchWebhookEvents(pool, EVENTS_PER_BATCH);
      if (fanned.events > 0) log.debug(fanned, 'webhook events dispatched');
      if (fanned.events < EVENTS_PER_BATCH) break;
    }
    const ready = await findReadyWebhookDeliveries(pool, READY_PER_PASS);
    await enqueueWebhookDeliveries(
      queue,
      ready.map((d) => ({ deliveryId: d.id, generation: d.generation })),
      options.maxAttempts,
    );
    const backlog = await countWebhookBacklog(pool);
    metrics.pending.set(backlog.pending);
    metrics.undispatched.set(backlog.undispatched);
  };

  // One pass at a time; a wake during a pass runs one more after it.
  let running: Promise<void> | null = null;
  let again = false;
  const onError = (error: unknown) => {
    log.warn({ err: error }, 'webhook dispatch failed');
  };
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = pass()
      .catch(onError)
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          void run();
        }
      });
    return running;
  };
  const loop = startIntervalLoop(run, { intervalMs: options.intervalMs, firstRunMs: 0, onError });
  return {
    wake: () => {
      void run();
    },
    runOnce: run,
    stop: async () => {
      await loop.stop();
      again = false;
      await running;
    },
  };
}
