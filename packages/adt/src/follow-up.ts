/**
 * The follow-up as the routing rules see it, and the effects they plan.
 * The rules never write anything: the worker applies these effects under the
 * encounter's lock.
 */

/** What a follow-up is for: a post-discharge call or an ED visit call. */
export type FollowUpKind = 'discharge' | 'ed_visit';

/** Lifecycle of a follow-up; `done` and `cancelled` are final. */
export type FollowUpStatus = 'open' | 'in_progress' | 'done' | 'cancelled';

/**
 * Rule-based priority. Only the disposition raises it (07, against medical
 * advice); the caller combines it with the risk score (LACE, ED visit count),
 * keeping the higher of the two.
 */
export type Priority = 'high' | 'normal';

/** A follow-up already stored for the encounter an event belongs to. */
export interface ExistingFollowUp {
  id: string;
  kind: FollowUpKind;
  status: FollowUpStatus;
  /** Whether a navigator has logged any care action on it. */
  hasActions: boolean;
  /** Whether it is flagged "in ED now". */
  inEdNow: boolean;
}

/** Why the rules cancel a follow-up. */
export type CancelReason = 'deceased' | 'admitted' | 'visit_cancelled' | 'discharge_cancelled';

/**
 * One change the rules ask for. `reason` and `note` are short fixed wording,
 * never text taken from the message, so they are safe to store and log.
 */
export type FollowUpEffect =
  | {
      type: 'create';
      kind: FollowUpKind;
      dueAt: Date;
      visitDueBy: Date | null;
      priority: Priority;
      inEdNow: boolean;
      reason: string;
    }
  | {
      type: 'update';
      followUpId: string;
      dueAt?: Date;
      visitDueBy?: Date | null;
      priority?: Priority;
      inEdNow?: boolean;
      dischargeCancelled?: boolean;
      reason: string;
    }
  | { type: 'cancel'; followUpId: string; reason: CancelReason }
  | { type: 'cancel_all_for_patient'; reason: 'deceased' }
  | { type: 'timeline'; note: string };

/**
 * Whether a follow-up can still change. Done and cancelled follow-ups are
 * history: the rules never reopen or edit them.
 *
 * @param followUp - a stored follow-up
 */
export function isActiveFollowUp(followUp: Pick<ExistingFollowUp, 'status'>): boolean {
  return followUp.status === 'open' || followUp.status === 'in_progress';
}
