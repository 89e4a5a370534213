import { UnrecoverableError } from 'bullmq';
import { READMISSION_WINDOW_DAYS } from '@adt/adt';
import {
  createPool,
  findMessageTrace,
  isDatabaseReachable,
  markMessageFailed,
  ensureRawMessagePartitions,
  migrateDatabase,
  settleSupersession,
} from '@adt/db';
import type { Logger } from '@adt/logging';
import { startProcessAlerts } from '@adt/alerting';
import {
  createMetricsRegistry,
  createOpsServer,
  registerPoolMetrics,
  queueActiveCheck,
  triggerEventLabel,
} from '@adt/observability';
import {
  createAdtEventsQueue,
  createAdtEventsWorker,
  createProducerConnection,
  createWebhookDeliveriesQueue,
  createWebhookDeliveriesWorker,
  createWorkerConnection,
  isRedisReachable,
  type ApplyMessageJob,
  type Job,
} from '@adt/queue';
import {
  applyMessage,
  applyMessageBatch,
  UnprocessableMessageError,
  type ApplyDeps,
  type ApplyOutcome,
} from '@adt/application';
import { MessageBatcher } from './message-batcher.js';
import { startFacilityZones } from './facility-zones.js';
import { webhookRetryDelayMs } from '@adt/webhooks';
import { registerQueueMetrics } from './queue-metrics.js';
import { countPoolStatements } from './statement-metrics.js';
import type { WorkerConfig } from './worker-config.js';
import { startRetentionJob } from './retention-job.js';
import { createWorkerMetrics } from './worker-metrics.js';
import { webhookDeliveryProcessor } from './webhook-delivery-job.js';
import { startWebhookDispatcher, type WebhookDispatcher } from './webhook-dispatcher.js';
import { createWebhookMetrics } from './webhook-metrics.js';

const WORKER_CLOSE_TIMEOUT_MS = 10_000;

/** A running follow-up worker. */
export interface RunningWorker {
  httpPort: number;
  /** Evaluates the alert conditions and sends due notifications now (tests and operators). */
  evaluateAlerts: () => Promise<void>;
  /** Runs the retention job now; resolves with the number of messages pruned. */
  prune: () => Promise<number>;
  /** Re-reads the per-facility settings now instead of at the next refresh (tests and operators). */
  refreshFacilitySettings: () => Promise<void>;
  /** Fans webhook events out and queues the deliveries due now (tests). */
  dispatchWebhooks: () => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * Starts the follow-up worker: consumes the ADT events queue and applies each message; evaluates
 * the in-product alerts and prunes raw HL7 past its retention, each on its own interval.
 * @param config - validated configuration
 * @param log - the service logger
 */
export async function startFollowupWorker(config: WorkerConfig, log: Logger): Promise<RunningWorker> {
  if (config.migrateOnStart) await migrateDatabase(config.migrationDatabaseUrl ?? config.databaseUrl);
  const pool = createPool({
    connectionString: config.databaseUrl,
    // Every batch (or job) in flight may hold a connection while it applies its messages.
    max: Math.max(config.databasePoolMax, config.worker.concurrency + 2),
    applicationName: 'adt-followup-worker',
  });
  const registry = createMetricsRegistry('followup-worker');
  const metrics = createWorkerMetrics(registry);
  registerPoolMetrics(registry, pool);
  // Before the pool's first connection: statements are counted on each connection as it opens.
  countPoolStatements(registry, pool);
  // The coming months' partitions of raw HL7, before the retention job's first run. A failure only
  // delays them: the listener stores into the default partition meanwhile, and the job retries.
  await ensureRawMessagePartitions(pool).catch((error: unknown) => {
    log.warn({ err: error }, 'raw message partitions not created; the retention job will retry');
  });
  // Queue gauges and alert checks use a fail-fast connection: a scrape must not hang on Redis.
  const producer = createProducerConnection(config.redis);
  const queue = createAdtEventsQueue({ connection: producer, prefix: config.queuePrefix });
  registerQueueMetrics(registry, queue);
  const facilityZones = await startFacilityZones({
    pool,
    practiceZone: config.practice.timeZone,
    intervalMs: config.facilitySettingsRefreshMs,
    log,
  });
  const deps: ApplyDeps = {
    pool,
    rules: {
      calendar: { zone: config.practice.timeZone, holidays: config.practice.holidays },
      observationCodes: config.practice.observationCodes,
    },
    defaultTeam: config.practice.defaultTeam,
    zoneForFacility: facilityZones.zoneFor,
  };

  // After the commit, so it reads every stay committed by then; also after a skipped or
  // already-applied run, which is how a check left by a failed attempt gets done.
  const settle = () =>
    settleSupersession(pool, { zone: deps.rules.calendar.zone, days: READMISSION_WINDOW_DAYS });
  // Jobs that are ready together share one transaction (`applyMessageBatch`); one that fails
  // there is applied again on its own, so it fails alone.
  const batching = config.worker.batchSize > 1;
  const batcher = new MessageBatcher<ApplyOutcome>({
    maxBatch: config.worker.batchSize,
    // One batch at a time: a process applies its messages in the order they were received.
    // Batches in parallel would let a later message of a patient overtake an earlier one waiting
    // deeper in another batch.
    maxInFlight: 1,
    run: async (ids) => {
      const batch = await applyMessageBatch(deps, ids);
      metrics.batches.inc({ mode: batch.mode });
      metrics.batchSize.observe(ids.length);
      if (batch.mode === 'one_by_one') {
        log.warn(
          { err: batch.batchError, messages: ids.length },
          'batch failed; its messages were applied one by one',
        );
      }
      await settle();
      const results = new Map<string, { ok: true; value: ApplyOutcome } | { ok: false; error: unknown }>();
      for (const [id, result] of batch.results) {
        results.set(id, result.ok ? { ok: true, value: result.outcome } : { ok: false, error: result.error });
      }
      return results;
    },
  });
  const applyOne = async (messageId: string): Promise<ApplyOutcome> => {
    const outcome = await applyMessage(deps, messageId);
    await settle();
    return outcome;
  };

  const applyJob = async (job: Job<ApplyMessageJob>) => {
    const { messageId } = job.data;
    const stopTimer = metrics.jobDuration.startTimer();
    try {
      const outcome = batching ? await batcher.submit(messageId) : await applyOne(messageId);
      // The correlation id the listener stored (read with the message, before this run): every
      // line about this message carries it. A failed run's line reads it in the failed handler.
      const { trace } = outcome;
      const jobLog = log.child({ correlationId: trace.correlationId, messageId, jobId: job.id });
      for (const c of outcome.created) metrics.followUpsCreated.inc({ kind: c.kind });
      metrics.jobsCompleted.inc({ event: triggerEventLabel(outcome.eventType) });
      // First runs only: a replay days later would say nothing about how fast messages flow.
      if (trace.attempts === 0 && outcome.status === 'applied') {
        metrics.processingLatency.observe(Math.max(0, Date.now() - trace.receivedAt.getTime()) / 1000);
      }
      jobLog.info(
        {
          status: outcome.status,
          eventType: outcome.eventType,
          created: outcome.created,
          effects: outcome.effects,
        },
        'message applied',
      );
      return outcome.status;
    } catch (error) {
      if (error instanceof UnprocessableMessageError) throw new UnrecoverableError(error.message);
      throw error;
    } finally {
      stopTimer();
    }
  };

  const connection = createWorkerConnection(config.redis);
  const worker = createAdtEventsWorker(applyJob, {
    connection,
    prefix: config.queuePrefix,
    // Batching: the running batch and the next one, gathering meanwhile. Else one job per slot.
    concurrency: batching ? 2 * config.worker.batchSize : config.worker.concurrency,
    lockMs: config.worker.lockMs,
    stalledCheckMs: config.worker.stalledCheckMs,
  });
  worker.on('error', (error) => {
    log.error({ err: error }, 'worker error');
  });
  worker.on('failed', (job, error) => {
    if (!job) return;
    const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    metrics.jobsFailed.inc({ final: String(final) });
    const { messageId } = job.data;
    void (async () => {
      const trace = await findMessageTrace(pool, messageId).catch(() => null);
      log.warn(
        {
          correlationId: trace?.correlationId,
          messageId,
          jobId: job.id,
          attempt: job.attemptsMade,
          final,
          reason: error.message,
        },
        'job failed',
      );
      if (!final) return;
      // Postgres keeps the reason; ops see it under /api/messages?status=failed and replay it.
      await markMessageFailed(pool, messageId, error.message).catch((markError: unknown) => {
        log.error(
          { err: markError, correlationId: trace?.correlationId, messageId },
          'could not mark message failed',
        );
      });
    })();
  });

  const alerts = startProcessAlerts({ config, pool, redis: producer, queue, log, registry });
  const retention = startRetentionJob({
    pool,
    retentionDays: config.retention.days,
    intervalMs: config.retention.pruneIntervalMs,
    log,
    metrics,
  });

  // Outbound webhooks: the dispatcher fans the outbox out; deliveries go on their own queue, so a
  // slow or absent receiver never holds up message processing.
  const webhookMetrics = createWebhookMetrics(registry);
  const webhookQueue = createWebhookDeliveriesQueue({ connection: producer, prefix: config.queuePrefix });
  const webhookConnection = createWorkerConnection(config.redisUrl);
  let dispatcher: WebhookDispatcher | null = null;
  const webhookWorker = createWebhookDeliveriesWorker(
    webhookDeliveryProcessor({
      pool,
      settings: config.webhooks,
      log,
      metrics: webhookMetrics,
      onSettled: () => dispatcher?.wake(),
    }),
    {
      connection: webhookConnection,
      prefix: config.queuePrefix,
      concurrency: config.webhooks.concurrency,
      retryDelayMs: (failed) =>
        webhookRetryDelayMs(failed, {
          firstDelayMs: config.webhooks.retryFirstDelayMs,
          maxDelayMs: config.webhooks.retryMaxDelayMs,
        }),
    },
  );
  webhookWorker.on('error', (error) => {
    log.error({ err: error }, 'webhook worker error');
  });
  dispatcher = startWebhookDispatcher({
    pool,
    queue: webhookQueue,
    maxAttempts: config.webhooks.maxAttempts,
    intervalMs: config.webhooks.dispatchIntervalMs,
    log,
    metrics: webhookMetrics,
  });
  const webhookDispatcher = dispatcher;

  const ops = createOpsServer({
    registry,
    checks: [
      { name: 'postgres', check: () => isDatabaseReachable(pool) },
      { name: 'redis', check: () => isRedisReachable(connection) },
      { name: 'worker', check: () => Promise.resolve(worker.isRunning()) },
      { name: 'webhook-worker', check: () => Promise.resolve(webhookWorker.isRunning()) },
      queueActiveCheck(queue),
    ],
  });
  await ops.listen({ port: config.worker.httpPort, host: config.ops.host });
  const address = ops.server.address();
  const httpPort = typeof address === 'object' && address ? address.port : config.worker.httpPort;

  return {
    httpPort,
    evaluateAlerts: async () => {
      await alerts.runOnce();
    },
    prune: retention.runOnce,
    refreshFacilitySettings: facilityZones.refresh,
    dispatchWebhooks: webhookDispatcher.runOnce,
    stop: async () => {
      // A graceful close waits for Redis; if Redis is gone it would wait forever. Jobs cut short
      // are safe: the message stays "received" in Postgres and is re-enqueued by the sweep.
      let timer: NodeJS.Timeout | undefined;
      const graceful = worker.close().then(() => true);
      const timedOut = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => {
          resolve(false);
        }, WORKER_CLOSE_TIMEOUT_MS);
      });
      if (!(await Promise.race([graceful, timedOut]))) {
        log.warn('worker did not close in time; forcing');
        await worker.close(true);
      }
      clearTimeout(timer);
      await webhookDispatcher.stop();
      // An attempt cut short is recorded nowhere and its job comes back: at least once.
      await Promise.race([
        webhookWorker.close(),
        new Promise((resolve) => setTimeout(resolve, WORKER_CLOSE_TIMEOUT_MS).unref()),
      ]);
      await alerts.stop();
      await retention.stop();
      await facilityZones.stop();
      await ops.close();
      await queue.close();
      await webhookQueue.close();
      producer.disconnect();
      connection.disconnect();
      webhookConnection.disconnect();
      await pool.end();
    },
  };
}
