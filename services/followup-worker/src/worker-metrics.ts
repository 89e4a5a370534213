import { Counter, Histogram, type Registry } from '@adt/observability';

/** What the worker counts. */
export interface WorkerMetrics {
  jobsCompleted: Counter<'event'>;
  jobsFailed: Counter<'final'>;
  jobDuration: Histogram;
  followUpsCreated: Counter<'kind'>;
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
      help: 'Messages applied',
      labelNames: ['event'],
      registers,
    }),
    jobsFailed: new Counter({
      name: 'adt_jobs_failed_total',
      help: 'Job attempts that failed (final: no retry left)',
      labelNames: ['final'],
      registers,
    }),
    jobDuration: new Histogram({
      name: 'adt_job_duration_seconds',
      help: 'Time to apply one message',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    followUpsCreated: new Counter({
      name: 'adt_follow_ups_created_total',
      help: 'Follow-ups created',
      labelNames: ['kind'],
      registers,
    }),
  };
}
