import { UnrecoverableError } from 'bullmq';
import type { AppConfig } from '@adt/config';
import { createPool, isDatabaseReachable, markMessageFailed, migrateDatabase } from '@adt/db';
import type { Logger } from '@adt/logging';
import { createMetricsRegistry, createOpsServer } from '@adt/observability';
import {
  createAdtEventsWorker,
  createWorkerConnection,
  isRedisReachable,
  type ApplyMessageJob,
  type Job,
} from '@adt/queue';
import { applyMessage, UnprocessableMessageError, type ApplyDeps } from './apply-message.js';
import { createWorkerMetrics } from './worker-metrics.js';

const WORKER_CLOSE_TIMEOUT_MS = 10_000;

/** A running follow-up worker. */
export interface RunningWorker {
  httpPort: number;
  stop: () => Promise<void>;
}

/**
 * Starts the follow-up worker: consumes the ADT events queue and applies each message.
 * @param config - validated configuration
 * @param log - the service logger
 */
export async function startFollowupWorker(config: AppConfig, log: Logger): Promise<RunningWorker> {
  if (config.migrateOnStart) await migrateDatabase(config.databaseUrl);
  const pool = createPool({
    connectionString: config.databaseUrl,
    max: config.worker.concurrency + 2,
    applicationName: 'adt-followup-worker',
  });
  const registry = createMetricsRegistry('followup-worker');
  const metrics = createWorkerMetrics(registry);
  const deps: ApplyDeps = {
    pool,
    rules: {
      calendar: { zone: config.practice.timeZone, holidays: config.practice.holidays },
      observationCodes: config.practice.observationCodes,
    },
    defaultTeam: config.practice.defaultTeam,
    zoneForFacility: () => config.practice.timeZone,
  };

  const applyJob = async (job: Job<ApplyMessageJob>) => {
    const stopTimer = metrics.jobDuration.startTimer();
    try {
      const outcome = await applyMessage(deps, job.data.messageId);
      for (const c of outcome.created) metrics.followUpsCreated.inc({ kind: c.kind });
      metrics.jobsCompleted.inc({ event: outcome.eventType });
      log.info(
        {
          messageId: job.data.messageId,
          jobId: job.id,
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

  const connection = createWorkerConnection(config.redisUrl);
  const worker = createAdtEventsWorker(applyJob, {
    connection,
    prefix: config.queuePrefix,
    concurrency: config.worker.concurrency,
  });
  worker.on('error', (error) => {
    log.error({ err: error }, 'worker error');
  });
  worker.on('failed', (job, error) => {
    if (!job) return;
    const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    metrics.jobsFailed.inc({ final: String(final) });
    log.warn(
      {
        messageId: job.data.messageId,
        jobId: job.id,
        attempt: job.attemptsMade,
        final,
        reason: error.message,
      },
      'job failed',
    );
    if (final) {
      markMessageFailed(pool, job.data.messageId, error.message).catch((markError: unknown) => {
        log.error({ err: markError, messageId: job.data.messageId }, 'could not mark message failed');
      });
    }
  });

  const ops = createOpsServer({
    registry,
    checks: [
      { name: 'postgres', check: () => isDatabaseReachable(pool) },
      { name: 'redis', check: () => isRedisReachable(connection) },
      { name: 'worker', check: () => Promise.resolve(worker.isRunning()) },
    ],
  });
  await ops.listen({ port: config.worker.httpPort, host: config.api.host });
  const address = ops.server.address();
  const httpPort = typeof address === 'object' && address ? address.port : config.worker.httpPort;

  return {
    httpPort,
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
      await ops.close();
      connection.disconnect();
      await pool.end();
    },
  };
}
