import type pg from 'pg';
import type { AppConfig } from '@adt/config';
import { createAlertStateStore, readStoreSnapshot } from '@adt/db';
import type { Logger } from '@adt/logging';
import type { Registry } from 'prom-client';
import { startAlertEvaluator, type AlertEvaluator } from './alert-evaluator.js';
import { createAlertNotifiers } from './alert-targets.js';
import { isRedisReachable, type Queue, type RedisConnection } from '@adt/queue';

/**
 * Starts the in-product alert evaluator of a service process (docs/operations.md#alerts). The
 * listener and the worker both run one, so the backlog is still watched when every worker is down;
 * states and announcements are shared in Postgres, so a start or an end is announced once however
 * many processes evaluate.
 * @param options - configuration, pool, a fail-fast Redis connection, the queue, logger and registry
 */
export function startProcessAlerts(options: {
  config: Pick<AppConfig, 'alerts'>;
  pool: pg.Pool;
  redis: RedisConnection;
  /** The ADT events queue, watched for being paused. */
  queue?: Pick<Queue, 'isPaused'>;
  log: Logger;
  registry: Registry;
}): AlertEvaluator {
  const { alerts } = options.config;
  const queue = options.queue;
  return startAlertEvaluator({
    readStore: () => readStoreSnapshot(options.pool, alerts.failureWindowMinutes * 60_000),
    redisReachable: () => isRedisReachable(options.redis),
    ...(queue ? { queuePaused: () => queue.isPaused() } : {}),
    state: createAlertStateStore(options.pool),
    notifiers: createAlertNotifiers(alerts),
    thresholds: alerts,
    intervalMs: alerts.evaluationIntervalMs,
    log: options.log,
    registry: options.registry,
  });
}
