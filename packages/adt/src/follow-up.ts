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

/**
 * A follow-up with everything an encounter replay compares, listed in creation order.
 * The rules read only the {@link ExistingFollowUp} part.
 */
export interface StoredFollowUp extends ExistingFollowUp {
  dueAt: Date;
  visitDueBy: Date | null;
  priority: Priority;
  dischargeCancelled: boolean;
  /** Why it was cancelled or closed; `merged` marks a duplicate retired by a merge. */
  statusReason: string | null;
}

/**
 * Why a follow-up is cancelled. The rules use the first four; `merged` retires a duplicate when
 * two records of one encounter are merged, `superseded` one that a late, older event showed
 * never applied (the in-order result has no such follow-up), and `readmitted` one whose patient
 * was readmitted and whose readmission's discharge brought its own follow-up.
 */
export type CancelReason =
  | 'deceased'
  | 'admitted'
  | 'visit_cancelled'
  | 'discharge_cancelled'
  | 'merged'
  | 'superseded'
  | 'readmitted';

/** The fields of a follow-up the rules set. */
export interface FollowUpValues {
  dueAt: Date;
  visitDueBy: Date | null;
  priority: Priority;
  inEdNow: boolean;
  dischargeCancelled: boolean;
}

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
      /**
       * A name later effects of the same plan use as `followUpId` for the row this creates
       * (an encounter replay creates a follow-up and may cancel it in one go).
       */
      ref?: string;
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
  | {
      type: 'cancel';
      followUpId: string;
      reason: CancelReason;
      /**
       * Only from an encounter replay: the values the follow-up had when it was cancelled in
       * event order, written as they are (no re-scoring) just before cancelling it.
       */
      settle?: FollowUpValues;
    }
  | ({
      /**
       * Only from an encounter replay: a cancelled follow-up that the in-order result keeps
       * active (a late event removed the reason it was cancelled). Done ones are never reopened.
       */
      type: 'reopen';
      followUpId: string;
      reason: string;
    } & FollowUpValues)
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
