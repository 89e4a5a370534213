/**
 * The retention job, on an interval: creates the coming months' partitions of raw HL7, drops the
 * partitions of months older than `RETENTION_DAYS` (keeping the bodies the policy holds), then
 * prunes, in short batches, the bodies kept outside the partitions that the policy now lets go, and
 * webhook events and deliveries that old once none is pending (see `@adt/db` retention-repository
 * and docs/operations.md#retention). Its runs, results and failures are metrics, so the job itself
 * is watched. Several workers may run it at once: partition changes are serialised in Postgres and
 * each batch skips rows another is pruning.
 */
import type pg from 'pg';
import {
  dropExpiredRawPartitions,
  ensureRawMessagePartitions,
  pruneRawMessages,
  pruneWebhookHistory,
} from '@adt/db';
import type { Logger } from '@adt/logging';
import { startIntervalLoop } from '@adt/observability';
import type { WorkerMetrics } from './worker-metrics.js';

/** A running retention job. */
export interface RetentionJob {
  /** Prunes everything due now; resolves with the number of messages whose raw HL7 was erased. */
  runOnce: () => Promise<number>;
  stop: () => Promise<void>;
}

const PRUNE_BATCH = 1_000;
/** The first run comes soon after start-up, so frequent restarts do not postpone pruning forever. */
const FIRST_RUN_DELAY_MS = 60_000;

/**
 * Starts pruning on an interval.
 * @param options - pool, retention, interval, logger and metrics
 */
export function startRetentionJob(options: {
  pool: pg.Pool;
  retentionDays: number;
  intervalMs: number;
  log: Logger;
  metrics: WorkerMetrics;
}): RetentionJob {
  const { log, metrics } = options;

  const runOnce = async (): Promise<number> => {
    const startedAt = Date.now();
    metrics.retentionLastRun.set(startedAt / 1000);
    let pruned = 0;
    try {
      await ensureRawMessagePartitions(options.pool);
      for (const dropped of await dropExpiredRawPartitions(options.pool, options.retentionDays)) {
        pruned += dropped.pruned;
        metrics.retentionPruned.inc(dropped.pruned);
        log.info(dropped, 'raw message partition dropped');
      }
      for (;;) {
        const batch = await pruneRawMessages(options.pool, {
          retentionDays: options.retentionDays,
          batchSize: PRUNE_BATCH,
        });
        pruned += batch;
        metrics.retentionPruned.inc(batch);
        if (batch < PRUNE_BATCH) break;
      }
      const webhookBatch = { retentionDays: options.retentionDays, batchSize: PRUNE_BATCH };
      let webhookEvents: number;
      do webhookEvents = await pruneWebhookHistory(options.pool, webhookBatch);
      while (webhookEvents === PRUNE_BATCH);
    } catch (error) {
      metrics.retentionRuns.inc({ result: 'failure' });
      log.error({ err: error, pruned }, 'retention run failed; will retry');
      throw error;
    }
    metrics.retentionRuns.inc({ result: 'success' });
    metrics.retentionLastSuccess.set(Date.now() / 1000);
    log.info(
      { pruned, retentionDays: options.retentionDays, ms: Date.now() - startedAt },
      'retention run done',
    );
    return pruned;
  };

  const loop = startIntervalLoop(runOnce, {
    intervalMs: options.intervalMs,
    firstRunMs: Math.min(FIRST_RUN_DELAY_MS, options.intervalMs),
    // runOnce logs and counts its own failure; the next interval retries.
    onError: () => undefined,
  });

  return { runOnce, stop: loop.stop };
}
