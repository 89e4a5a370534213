import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { AlertNotice, AlertNotifier } from './alert-notifier.js';
import { startAlertEvaluator, type AlertStateStore } from './alert-evaluator.js';
import type { AlertCondition, StoreSnapshot } from './alert-rules.js';
import { createMetricsRegistry } from '@adt/observability';

const thresholds = {
  feedSilentMinutes: 30,
  feedSilentMinutesByFacility: new Map<string, number>(),
  queueBacklog: 2,
  queueMaxAgeMinutes: 10,
  failureWindowMinutes: 15,
  failureRate: 0,
};

const calm: StoreSnapshot = {
  facilities: [],
  backlog: { waiting: 0, oldestReceivedAt: null },
  outcomes: { failed: 0, processed: 0 },
};

/** The state store's contract, in memory: due while the announced state differs from the observed. */
function memoryStore(): AlertStateStore & { deferred: string[] } {
  const rows = new Map<string, AlertCondition & { since: Date; notified: boolean | null }>();
  const deferred: string[] = [];
  return {
    deferred,
    record: (conditions) => {
      for (const c of conditions) {
        const row = rows.get(c.key);
        const since = row && row.firing === c.firing ? row.since : new Date();
        rows.set(c.key, { ...c, since, notified: row?.notified ?? null });
      }
      return Promise.resolve();
    },
    claim: () =>
      Promise.resolve(
        [...rows.values()].filter(
          (r) => (r.firing && r.notified !== true) || (!r.firing && r.notified === true),
        ),
      ),
    markNotified: (key, firing) => {
      const row = rows.get(key);
      if (row) row.notified = firing;
      return Promise.resolve();
    },
    defer: (key) => {
      deferred.push(key);
      return Promise.resolve();
    },
  };
}

function recorder(): AlertNotifier & { sent: string[]; down: boolean } {
  const target = {
    name: 'memory',
    sent: [] as string[],
    down: false,
    send: (notice: AlertNotice) => {
      if (target.down) return Promise.reject(new Error('target down'));
      target.sent.push(`${notice.firing ? 'firing' : 'resolved'} ${notice.key}`);
      return Promise.resolve();
    },
  };
  return target;
}

function evaluator(readStore: () => Promise<StoreSnapshot>, notifier: AlertNotifier, state = memoryStore()) {
  return startAlertEvaluator({
    readStore,
    redisReachable: () => Promise.resolve(true),
    state,
    notifiers: [notifier],
    thresholds,
    intervalMs: 3_600_000,
    log: pino({ level: 'silent' }),
    registry: createMetricsRegistry('alerts'),
  });
}

describe('alert evaluator', () => {
  it('announces a backlog once when it starts and once when it ends', async () => {
    let store: StoreSnapshot = { ...calm, backlog: { waiting: 5, oldestReceivedAt: new Date() } };
    const notifier = recorder();
    const alerts = evaluator(() => Promise.resolve(store), notifier);
    await alerts.runOnce();
    await alerts.runOnce();
    expect(notifier.sent).toEqual(['firing queue_backlog']);
    store = calm;
    await alerts.runOnce();
    await alerts.runOnce();
    expect(notifier.sent).toEqual(['firing queue_backlog', 'resolved queue_backlog']);
    await alerts.stop();
  });

  it('keeps an announcement due when the target fails, and sends it once the target is back', async () => {
    const state = memoryStore();
    const notifier = recorder();
    notifier.down = true;
    const alerts = evaluator(
      () => Promise.resolve({ ...calm, outcomes: { failed: 1, processed: 3 } }),
      notifier,
      state,
    );
    await alerts.runOnce();
    expect(state.deferred).toEqual(['failure_rate']);
    notifier.down = false;
    await alerts.runOnce();
    await alerts.runOnce();
    expect(notifier.sent).toEqual(['firing failure_rate']);
    await alerts.stop();
  });

  it('announces Postgres going away and coming back once each, from memory', async () => {
    let reachable = true;
    const notifier = recorder();
    const alerts = evaluator(
      () => (reachable ? Promise.resolve(calm) : Promise.reject(new Error('connection refused'))),
      notifier,
    );
    await alerts.runOnce();
    reachable = false;
    const conditions = await alerts.runOnce();
    expect(conditions.map((c) => c.key)).toEqual(['database_unavailable', 'redis_unavailable']);
    await alerts.runOnce();
    reachable = true;
    await alerts.runOnce();
    await alerts.runOnce();
    expect(notifier.sent).toEqual(['firing database_unavailable', 'resolved database_unavailable']);
    await alerts.stop();
  });
});
