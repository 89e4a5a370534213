import { describe, expect, it } from 'vitest';
import { evaluateAlerts, type AlertThresholds, type StoreSnapshot } from './alert-rules.js';

const NOW = new Date('2026-11-23T15:00:00Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

const thresholds: AlertThresholds = {
  feedSilentMinutes: 30,
  feedSilentMinutesByFacility: new Map([['NIGHT_CLINIC', 600]]),
  queueBacklog: 100,
  queueMaxAgeMinutes: 10,
  failureWindowMinutes: 15,
  failureRate: 0,
};

const quiet: StoreSnapshot = {
  facilities: [],
  backlog: { waiting: 0, oldestReceivedAt: null },
  outcomes: { failed: 0, processed: 0 },
};

function firing(store: StoreSnapshot | null, redisReachable = true, limits = thresholds) {
  return evaluateAlerts({ store, redisReachable }, limits, NOW)
    .filter((c) => c.firing)
    .map((c) => c.key);
}

describe('evaluateAlerts', () => {
  it('fires nothing when all is well, and lists every watched condition', () => {
    const conditions = evaluateAlerts(
      {
        store: { ...quiet, facilities: [{ facility: 'GH', lastReceivedAt: minutesAgo(1) }] },
        redisReachable: true,
      },
      thresholds,
      NOW,
    );
    expect(conditions.map((c) => [c.key, c.firing])).toEqual([
      ['database_unavailable', false],
      ['redis_unavailable', false],
      ['feed_silent:GH', false],
      ['queue_backlog', false],
      ['failure_rate', false],
    ]);
  });

  it('flags a facility silent past its own limit', () => {
    const store = {
      ...quiet,
      facilities: [
        { facility: 'GH', lastReceivedAt: minutesAgo(31) },
        { facility: 'CLINIC', lastReceivedAt: minutesAgo(29) },
        { facility: 'NIGHT_CLINIC', lastReceivedAt: minutesAgo(120) },
      ],
    };
    expect(firing(store)).toEqual(['feed_silent:GH']);
    const [gh] = evaluateAlerts({ store, redisReachable: true }, thresholds, NOW).filter((c) => c.firing);
    expect(gh).toMatchObject({
      labels: { facility: 'GH' },
      summary: 'Facility GH has sent nothing for 31 minutes (limit 30 minutes)',
    });
  });

  it('fires the backlog alert on count or on the age of the oldest waiting message', () => {
    expect(firing({ ...quiet, backlog: { waiting: 100, oldestReceivedAt: minutesAgo(1) } })).toEqual([]);
    expect(firing({ ...quiet, backlog: { waiting: 101, oldestReceivedAt: minutesAgo(1) } })).toEqual([
      'queue_backlog',
    ]);
    expect(firing({ ...quiet, backlog: { waiting: 1, oldestReceivedAt: minutesAgo(11) } })).toEqual([
      'queue_backlog',
    ]);
  });

  it('fires on any failure by default, or above the configured share', () => {
    const store = { ...quiet, outcomes: { failed: 1, processed: 99 } };
    expect(firing(store)).toEqual(['failure_rate']);
    expect(firing(store, true, { ...thresholds, failureRate: 0.05 })).toEqual([]);
    expect(
      firing({ ...quiet, outcomes: { failed: 6, processed: 94 } }, true, {
        ...thresholds,
        failureRate: 0.05,
      }),
    ).toEqual(['failure_rate']);
  });

  it('reports unreachable dependencies and evaluates nothing else without Postgres', () => {
    expect(firing(null, false)).toEqual(['database_unavailable', 'redis_unavailable']);
    expect(evaluateAlerts({ store: null, redisReachable: true }, thresholds, NOW)).toHaveLength(2);
  });

  it('fires queue_paused while the queue is paused, even when Postgres cannot be read', () => {
    const paused = evaluateAlerts({ store: quiet, redisReachable: true, queuePaused: true }, thresholds, NOW);
    expect(paused.find((c) => c.key === 'queue_paused')).toMatchObject({
      alert: 'queue_paused',
      firing: true,
      summary: expect.stringContaining('resume it with POST /api/ops/queue/resume') as unknown,
    });
    expect(
      evaluateAlerts({ store: null, redisReachable: true, queuePaused: true }, thresholds, NOW).find(
        (c) => c.key === 'queue_paused',
      )?.firing,
    ).toBe(true);
    const running = evaluateAlerts(
      { store: quiet, redisReachable: true, queuePaused: false },
      thresholds,
      NOW,
    );
    expect(running.find((c) => c.key === 'queue_paused')?.firing).toBe(false);
    // Unknown (Redis down): the condition keeps its last state rather than clearing.
    const unknown = evaluateAlerts(
      { store: quiet, redisReachable: false, queuePaused: null },
      thresholds,
      NOW,
    );
    expect(unknown.find((c) => c.key === 'queue_paused')).toBeUndefined();
  });
  it('fires per team while escalations are open, with counts and a link but no patient', () => {
    const store: StoreSnapshot = {
      ...quiet,
      escalations: [
        { team: 'north', open: 2, oldestEscalatedAt: minutesAgo(90) },
        { team: 'south', open: 0, oldestEscalatedAt: null },
      ],
    };
    const conditions = evaluateAlerts({ store, redisReachable: true }, thresholds, NOW).filter(
      (c) => c.alert === 'follow_ups_escalated',
    );
    expect(conditions.map((c) => [c.key, c.firing, c.labels])).toEqual([
      ['follow_ups_escalated:north', true, { team: 'north' }],
      ['follow_ups_escalated:south', false, { team: 'south' }],
    ]);
    expect(conditions[0]?.summary).toBe(
      'Team north: 2 overdue follow-ups escalated to the team lead, the oldest 90 minutes ago; acknowledge or reassign at /team?team=north',
    );
  });
});
