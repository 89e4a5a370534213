import type pg from 'pg';
import type { AppConfig } from '@adt/config';
import { createAlertStateStore, readStoreSnapshot } from '@adt/db';
import type { Logger } from '@adt/logging';
import {
  createAlertNotifiers,
  startAlertEvaluator,
  type AlertEvaluator,
  type Registry,
} from '@adt/observability';
import { isRedisReachable, type Redis } from '@adt/queue';

/**
 * Starts the in-product alert evaluator of this process (docs/operations.md#alerts). The listener
 * runs one too: states and announcements are shared in Postgres, so a start or an end is
 * announced once however many processes evaluate, and a stopped worker is still noticed.
 * @param options - configuration, pool, a fail-fast Redis connection, logger and registry
 */
export function startAlerts(options: {
  config: AppConfig;
  pool: pg.Pool;
  redis: Redis;
  log: Logger;
  registry: Registry;
}): AlertEvaluator {
  const { alerts } = options.config;
  return startAlertEvaluator({
    readStore: () => readStoreSnapshot(options.pool, alerts.failureWindowMinutes * 60_000),
    redisReachable: () => isRedisReachable(options.redis),
    state: createAlertStateStore(options.pool),
    notifiers: createAlertNotifiers(alerts),
    thresholds: alerts,
    intervalMs: alerts.evaluationIntervalMs,
    log: options.log,
    registry: options.registry,
  });
}
