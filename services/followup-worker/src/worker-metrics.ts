import { Counter, Gauge, Histogram, type Registry } from '@adt/observability';

/** What the worker counts. */
export interface WorkerMetrics {
  jobsCompleted: Counter<'event'>;
  jobsFailed: Counter<'final'>;
  jobDuration: Histogram;
  /** From the listener's commit to the worker's: what a navigator waits for a follow-up. */
  processingLatency: Histogram;
  followUpsCreated: Counter<'kind'>;
  /** Batches applied: together in one transaction, or one by one after the shared one failed. */
  batches: Counter<'mode'>;
  batchSize: Histogram;
  retentionRuns: Counter<'result'>;
  retentionPruned: Counter;
  retentionLastRun: Gauge;
  retentionLastSuccess: Gauge;
}

/**
 * Registers the worker's metrics.
 * @param registry - the service's registry
 */
export function createWorkerMetrics(registry: Registry): WorkerMetrics {
  const registers = [registry];
  return {
    jobsCompleted: new Counter({
      name: 'adt_jobs_completed_total',
      help: 'Messages applied, by trigger event (A01 to A62; anything else is counted as other)',
      labelNames: ['event'],
      registers,
    }),
    jobsFailed: new Counter({
      name: 'adt_jobs_failed_total',
      help: 'Job attempts that failed (final: no retry left)',
      labelNames: ['final'],
      registers,
    }),
    batches: new Counter({
      name: 'adt_worker_batches_total',
      help: 'Batches of messages applied: together (one transaction) or one_by_one (the shared transaction failed)',
      labelNames: ['mode'],
      registers,
    }),
    batchSize: new Histogram({
      name: 'adt_worker_batch_messages',
      help: 'Messages in one batch',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers,
    }),
    jobDuration: new Histogram({
      name: 'adt_job_duration_seconds',
      help: 'Time to apply one message (its batch included)',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    processingLatency: new Histogram({
      name: 'adt_message_processing_latency_seconds',
      help: 'From receipt (stored by the listener) to applied by the worker, retries and queueing included',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
      registers,
    }),
    followUpsCreated: new Counter({
      name: 'adt_follow_ups_created_total',
      help: 'Follow-ups created',
      labelNames: ['kind'],
      registers,
    }),
    retentionRuns: new Counter({
      name: 'adt_retention_runs_total',
      help: 'Runs of the raw-message pruning job by result (success, failure)',
      labelNames: ['result'],
      registers,
    }),
    retentionPruned: new Counter({
      name: 'adt_retention_pruned_messages_total',
      help: 'Messages whose raw HL7 the pruning job erased',
      registers,
    }),
    retentionLastRun: new Gauge({
      name: 'adt_retention_last_run_timestamp_seconds',
      help: 'When the pruning job last ran, whatever the result (Unix time)',
      registers,
    }),
    retentionLastSuccess: new Gauge({
      name: 'adt_retention_last_success_timestamp_seconds',
      help: 'When the pruning job last finished without error (Unix time)',
      registers,
    }),
  };
}
