/**
 * The in-product alert conditions, as pure functions of what was measured. They mirror the
 * Prometheus rules in infra/prometheus/alerts.yml for sites that run no Prometheus: a silent feed,
 * a processing backlog, failed messages, a paused queue, and an unreachable Postgres or Redis; and
 * one of the work itself: overdue follow-ups escalated to a team's lead and not yet answered.
 */

/** The alerts the product raises itself; each has a section in docs/operations.md. */
export type AlertName =
  | 'feed_silent'
  | 'queue_backlog'
  | 'queue_paused'
  | 'failure_rate'
  | 'database_unavailable'
  | 'redis_unavailable'
  | 'follow_ups_escalated';

/** Runbook section of each alert. */
export const ALERT_RUNBOOKS: Readonly<Record<AlertName, string>> = {
  feed_silent: 'docs/operations.md#feed-silent',
  queue_backlog: 'docs/operations.md#queue-backlog',
  queue_paused: 'docs/operations.md#queue-paused',
  failure_rate: 'docs/operations.md#failed-messages',
  database_unavailable: 'docs/operations.md#database-unavailable',
  redis_unavailable: 'docs/operations.md#redis-unavailable',
  follow_ups_escalated: 'docs/operations.md#escalated-follow-ups',
};

/**
 * Whether a stored alert name is one this product raises (a type guard for runbook lookups).
 * @param name - an alert name read back from storage
 */
export function isAlertName(name: string): name is AlertName {
  return Object.hasOwn(ALERT_RUNBOOKS, name);
}

/** One evaluated condition. `key` tells conditions of one alert apart (one per facility). */
export interface AlertCondition {
  key: string;
  alert: AlertName;
  labels: Readonly<Record<string, string>>;
  firing: boolean;
  /** One line for a person; identifiers and counts only, never patient data. */
  summary: string;
}

/** What the stored messages say (absent when Postgres cannot be read). */
export interface StoreSnapshot {
  /** Each facility watched, with its newest message. */
  facilities: readonly { facility: string; lastReceivedAt: Date }[];
  /** Stored messages waiting for the worker. */
  backlog: { waiting: number; oldestReceivedAt: Date | null };
  /** Messages failed and processed within the failure window. */
  outcomes: { failed: number; processed: number };
  /**
   * Every team with its open escalations (absent: not watched). Counts only: an announcement never
   * names a patient.
   */
  escalations?: readonly { team: string; open: number; oldestEscalatedAt: Date | null }[];
}

/** Everything one evaluation looks at. */
export interface OperationsSnapshot {
  /** Null when Postgres did not answer. */
  store: StoreSnapshot | null;
  redisReachable: boolean;
  /** Whether the ADT events queue is paused; null or absent when it could not be read. */
  queuePaused?: boolean | null;
}

/** Limits of the conditions (from `AppConfig.alerts`). */
export interface AlertThresholds {
  feedSilentMinutes: number;
  feedSilentMinutesByFacility: ReadonlyMap<string, number>;
  queueBacklog: number;
  queueMaxAgeMinutes: number;
  failureWindowMinutes: number;
  /** Failed share above which the failure alert fires; 0 fires on any failure. */
  failureRate: number;
}

const MINUTE_MS = 60_000;

function minutesSince(at: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - at.getTime()) / MINUTE_MS));
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * One condition per facility: silent when its newest message is older than its limit.
 * @param store - the stored messages' snapshot
 * @param thresholds - limits
 * @param now - evaluation time
 */
function feedConditions(store: StoreSnapshot, thresholds: AlertThresholds, now: Date): AlertCondition[] {
  return store.facilities.map(({ facility, lastReceivedAt }) => {
    const limit = thresholds.feedSilentMinutesByFacility.get(facility) ?? thresholds.feedSilentMinutes;
    const silentMs = now.getTime() - lastReceivedAt.getTime();
    const firing = silentMs > limit * MINUTE_MS;
    const ago = plural(minutesSince(lastReceivedAt, now), 'minute');
    return {
      key: `feed_silent:${facility}`,
      alert: 'feed_silent',
      labels: { facility },
      firing,
      summary: firing
        ? `Facility ${facility} has sent nothing for ${ago} (limit ${plural(limit, 'minute')})`
        : `Facility ${facility} is sending (last message ${ago} ago)`,
    };
  });
}

function backlogCondition(store: StoreSnapshot, thresholds: AlertThresholds, now: Date): AlertCondition {
  const { waiting, oldestReceivedAt } = store.backlog;
  const oldestMs = oldestReceivedAt ? now.getTime() - oldestReceivedAt.getTime() : 0;
  const firing = waiting > thresholds.queueBacklog || oldestMs > thresholds.queueMaxAgeMinutes * MINUTE_MS;
  const oldest = oldestReceivedAt
    ? `; the oldest arrived ${plural(minutesSince(oldestReceivedAt, now), 'minute')} ago`
    : '';
  return {
    key: 'queue_backlog',
    alert: 'queue_backlog',
    labels: {},
    firing,
    summary: firing
      ? `${plural(waiting, 'message')} wait for processing${oldest} (limits ${thresholds.queueBacklog} messages, ${plural(thresholds.queueMaxAgeMinutes, 'minute')})`
      : `Processing keeps up: ${plural(waiting, 'message')} waiting${oldest}`,
  };
}

function failureCondition(store: StoreSnapshot, thresholds: AlertThresholds): AlertCondition {
  const { failed, processed } = store.outcomes;
  const finished = failed + processed;
  const rate = finished === 0 ? 0 : failed / finished;
  const firing = failed > 0 && rate > thresholds.failureRate;
  const window = plural(thresholds.failureWindowMinutes, 'minute');
  return {
    key: 'failure_rate',
    alert: 'failure_rate',
    labels: {},
    firing,
    summary: firing
      ? `${failed} of ${plural(finished, 'message')} finished in the last ${window} failed (${(rate * 100).toFixed(1)}%); triage and replay them`
      : `No failures above the limit in the last ${window}`,
  };
}

function pausedCondition(paused: boolean): AlertCondition {
  return {
    key: 'queue_paused',
    alert: 'queue_paused',
    labels: {},
    firing: paused,
    summary: paused
      ? 'The ADT events queue is paused: messages are stored and acknowledged but not processed; resume it with POST /api/ops/queue/resume'
      : 'The ADT events queue is running',
  };
}

/**
 * One condition per team: firing while the team has escalations nobody answered (acknowledged,
 * reassigned or closed). The summary carries counts and the team view's address, never a patient.
 * @param store - the stored snapshot
 * @param now - evaluation time
 */
function escalationConditions(store: StoreSnapshot, now: Date): AlertCondition[] {
  return (store.escalations ?? []).map(({ team, open, oldestEscalatedAt }) => {
    const firing = open > 0;
    const oldest = oldestEscalatedAt
      ? `, the oldest ${plural(minutesSince(oldestEscalatedAt, now), 'minute')} ago`
      : '';
    return {
      key: `follow_ups_escalated:${team}`,
      alert: 'follow_ups_escalated',
      labels: { team },
      firing,
      summary: firing
        ? `Team ${team}: ${plural(open, 'overdue follow-up')} escalated to the team lead${oldest}; acknowledge or reassign at /team?team=${encodeURIComponent(team)}`
        : `Team ${team}: every escalated follow-up was acknowledged, reassigned or closed`,
    };
  });
}

/**
 * Evaluates every condition. When Postgres cannot be read only the readiness conditions are
 * evaluated: the others keep their last state until it answers again.
 * @param snapshot - what was measured
 * @param thresholds - limits
 * @param now - evaluation time
 */
export function evaluateAlerts(
  snapshot: OperationsSnapshot,
  thresholds: AlertThresholds,
  now: Date,
): AlertCondition[] {
  const conditions: AlertCondition[] = [
    {
      key: 'database_unavailable',
      alert: 'database_unavailable',
      labels: {},
      firing: snapshot.store === null,
      summary:
        snapshot.store === null
          ? 'Postgres does not answer: the listener refuses messages (AR) and nothing is processed'
          : 'Postgres answers',
    },
    {
      key: 'redis_unavailable',
      alert: 'redis_unavailable',
      labels: {},
      firing: !snapshot.redisReachable,
      summary: snapshot.redisReachable
        ? 'Redis answers'
        : 'Redis does not answer: messages are stored and acknowledged but not processed',
    },
  ];
  if (typeof snapshot.queuePaused === 'boolean') conditions.push(pausedCondition(snapshot.queuePaused));
  if (snapshot.store === null) return conditions;
  return [
    ...conditions,
    ...feedConditions(snapshot.store, thresholds, now),
    backlogCondition(snapshot.store, thresholds, now),
    failureCondition(snapshot.store, thresholds),
    ...escalationConditions(snapshot.store, now),
  ];
}
