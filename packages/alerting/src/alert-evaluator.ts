/**
 * The in-product alert loop: every interval it measures (stored messages, Redis), evaluates the
 * conditions (`alert-rules.ts`), records them in the shared state store and announces each start
 * and each end once (flood control). Several processes may run it together: the state store lets
 * exactly one of them claim each announcement. Reads go through ports, so this package needs no
 * database driver; the services pass `@adt/db`'s functions.
 *
 * Postgres itself being down cannot be recorded there, so that one condition is kept in memory and
 * announced by each process that sees it (one start and one end per process).
 */
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { AlertNotice, AlertNotifier } from './alert-notifier.js';
import { startIntervalLoop } from '@adt/observability';
import {
  evaluateAlerts,
  type AlertCondition,
  type AlertThresholds,
  type StoreSnapshot,
} from './alert-rules.js';

/** Where alert states live (Postgres, `alert_states`); see `@adt/db` `createAlertStateStore`. */
export interface AlertStateStore {
  /** Records every condition of one evaluation; states of conditions it no longer has are dropped. */
  record: (conditions: readonly AlertCondition[]) => Promise<void>;
  /** Claims the announcements due, for `leaseMs`. */
  claim: (leaseMs: number) => Promise<AlertNotice[]>;
  markNotified: (key: string, firing: boolean) => Promise<void>;
  defer: (key: string, retryMs: number, error: string) => Promise<void>;
}

/** What {@link startAlertEvaluator} needs. */
export interface AlertEvaluatorOptions {
  /** Reads the stored messages' snapshot; rejects when Postgres does not answer. */
  readStore: () => Promise<StoreSnapshot>;
  redisReachable: () => Promise<boolean>;
  /** Whether the ADT events queue is paused; rejects when Redis does not answer. */
  queuePaused?: () => Promise<boolean>;
  state: AlertStateStore;
  /** Targets; with none, states are recorded (ops page) and nothing is sent. */
  notifiers: readonly AlertNotifier[];
  thresholds: AlertThresholds;
  intervalMs: number;
  log: Logger;
  /** Registers `adt_alert_notifications_total` here. */
  registry: Registry;
}

/** A running evaluator. */
export interface AlertEvaluator {
  /** Evaluates and announces now; resolves with the conditions evaluated. */
  runOnce: () => Promise<AlertCondition[]>;
  /** Stops the interval and waits for a round in progress. */
  stop: () => Promise<void>;
}

/** A claim outlives a slow webhook; a process that dies holding one frees it after this. */
const CLAIM_LEASE_MS = 60_000;
/** A failed announcement is tried again after this. */
const RETRY_MS = 60_000;

/**
 * Starts evaluating on an interval (the first round after one interval).
 * @param options - ports, targets, thresholds, interval, logger and registry
 */
export function startAlertEvaluator(options: AlertEvaluatorOptions): AlertEvaluator {
  const { log, notifiers, state } = options;
  const notifications = new Counter({
    name: 'adt_alert_notifications_total',
    help: 'Alert announcements by alert, status (firing/resolved) and result (sent/failed)',
    labelNames: ['alert', 'status', 'result'],
    registers: [options.registry],
  });
  const local = { firing: false, announced: false };

  /** Sends a notice to every target; the first failure's message, or null when all took it. */
  const announce = async (notice: AlertNotice): Promise<string | null> => {
    const status = notice.firing ? 'firing' : 'resolved';
    for (const notifier of notifiers) {
      try {
        await notifier.send(notice);
      } catch (error) {
        notifications.inc({ alert: notice.alert, status, result: 'failed' });
        const reason = `${notifier.name}: ${error instanceof Error ? error.message : String(error)}`;
        log.warn({ alert: notice.alert, key: notice.key, status, reason }, 'alert notification failed');
        return reason;
      }
    }
    notifications.inc({ alert: notice.alert, status, result: 'sent' });
    log[notice.firing ? 'warn' : 'info'](
      { alert: notice.alert, key: notice.key, summary: notice.summary },
      `alert ${status}`,
    );
    return null;
  };

  /** Postgres down: kept in this process, announced once per start and end. */
  const announceDatabase = async (condition: AlertCondition): Promise<void> => {
    local.firing = condition.firing;
    if (local.firing === local.announced || notifiers.length === 0) {
      local.announced = local.firing;
      return;
    }
    const failed = await announce({ ...condition, since: new Date() });
    if (failed === null) local.announced = local.firing;
  };

  const runOnce = async (): Promise<AlertCondition[]> => {
    let store: StoreSnapshot | null = null;
    try {
      store = await options.readStore();
    } catch (error) {
      log.error({ err: error }, 'alert evaluation could not read Postgres');
    }
    const queuePaused = options.queuePaused ? await options.queuePaused().catch(() => null) : null;
    const conditions = evaluateAlerts(
      { store, redisReachable: await options.redisReachable().catch(() => false), queuePaused },
      options.thresholds,
      new Date(),
    );
    const database = conditions.find((c) => c.alert === 'database_unavailable');
    if (database) await announceDatabase(database);
    if (store === null) return conditions;

    await state.record(conditions);
    if (notifiers.length === 0) return conditions;
    for (const notice of await state.claim(CLAIM_LEASE_MS)) {
      const failed = await announce(notice);
      if (failed === null) await state.markNotified(notice.key, notice.firing);
      else await state.defer(notice.key, RETRY_MS, failed);
    }
    return conditions;
  };

  const loop = startIntervalLoop(runOnce, {
    intervalMs: options.intervalMs,
    onError: (error) => {
      log.error({ err: error }, 'alert evaluation failed; will retry');
    },
  });

  return { runOnce, stop: loop.stop };
}
