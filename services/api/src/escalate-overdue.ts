/**
 * Escalating overdue work to a team's lead, run by every API process on the alert interval.
 * Each round first ends the escalations of work finished by any path (closed, cancelled,
 * superseded) as `closed`, then opens one for each follow-up the escalation rule picks. Several
 * processes may run it at once: the unique index on open escalations keeps one per follow-up.
 * Announcing is the alert evaluators' (alert `follow_ups_escalated`).
 */
import type pg from 'pg';
import { STAY_LIMITS, escalationCutoff, shouldEscalate } from '@adt/adt';
import {
  closeEscalationsOfFinishedWork,
  findEscalationCandidates,
  openEscalations,
  type Escalation,
} from '@adt/db';
import { startIntervalLoop } from '@adt/observability';
import type { Logger } from '@adt/logging';

/** Candidates read per round; the rest wait for the next round. */
const CANDIDATES_PER_ROUND = 1000;

/** What a round needs from the configuration. */
export interface EscalationSettings {
  /** `ESCALATE_OVERDUE_AFTER_MINUTES` */
  afterMinutes: number;
  observationCodes: ReadonlySet<string>;
}

/** What one round did. */
export interface EscalationRound {
  opened: Escalation[];
  closed: number;
}

/**
 * One round: ends the escalations of finished work, opens those now due.
 * @param settings - threshold and observation codes
 * @param now - the evaluation time (tests pass their own)
 */
export async function escalateOverdueFollowUps(
  pool: pg.Pool,
  settings: EscalationSettings,
  now: Date,
): Promise<EscalationRound> {
  const closed = await closeEscalationsOfFinishedWork(pool, now);
  const candidates = await findEscalationCandidates(pool, {
    dueBefore: escalationCutoff(now, settings.afterMinutes),
    observationCodes: settings.observationCodes,
    now,
    limits: STAY_LIMITS,
    limit: CANDIDATES_PER_ROUND,
  });
  const due = candidates
    .filter((c) => shouldEscalate(c, now, settings.afterMinutes))
    .map((c) => c.followUpId);
  return { opened: await openEscalations(pool, due, now), closed };
}

/** A running sweep. */
export interface EscalationSweep {
  runOnce: (now?: Date) => Promise<EscalationRound>;
  /** Stops the interval and waits for a round in progress. */
  stop: () => Promise<void>;
}

/**
 * Runs {@link escalateOverdueFollowUps} on an interval (the first round after one interval).
 * @param options - pool, settings, interval and logger
 */
export function startEscalationSweep(options: {
  pool: pg.Pool;
  settings: EscalationSettings;
  intervalMs: number;
  log: Logger;
}): EscalationSweep {
  const runOnce = (now = new Date()) => escalateOverdueFollowUps(options.pool, options.settings, now);
  const loop = startIntervalLoop(
    async () => {
      const { opened, closed } = await runOnce();
      if (opened.length > 0 || closed > 0) {
        options.log.info({ opened: opened.length, closed }, 'escalations updated');
      }
    },
    {
      intervalMs: options.intervalMs,
      onError: (error) => {
        options.log.error({ err: error }, 'escalation round failed; will retry');
      },
    },
  );
  return { runOnce, stop: loop.stop };
}
