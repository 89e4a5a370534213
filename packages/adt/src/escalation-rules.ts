/**
 * Escalation of overdue work to a team's lead: which follow-ups escalate, and how an escalation
 * ends. The clock is the overdue clock of {@link isFollowUpOverdue}: it does not run while the
 * patient is in hospital.
 */
import { isFollowUpOverdue } from './readmission.js';

/**
 * Default of `ESCALATE_OVERDUE_AFTER_MINUTES`. Due times are the end of a practice day, so four
 * hours past due is the small hours of the next day: whatever was missed yesterday is on the lead's
 * list before the next morning's work starts, and nobody is paged mid-shift for work due minutes ago.
 */
export const DEFAULT_ESCALATE_OVERDUE_AFTER_MINUTES = 240;

/** How an escalation ended. */
export const ESCALATION_RESOLUTIONS = ['acknowledged', 'reassigned', 'closed'] as const;
export type EscalationResolution = (typeof ESCALATION_RESOLUTIONS)[number];

/** What the rule reads about a follow-up that has no open escalation. */
export interface EscalationCandidate {
  dueAt: Date;
  status: string;
  patientInHospital: boolean;
  /** The follow-up's latest escalation, null when it was never escalated. */
  previous: { resolution: EscalationResolution; resolvedAt: Date } | null;
}

const MINUTE_MS = 60_000;

/**
 * The instant a due time must be before for its follow-up to escalate now.
 * @param now - the evaluation time
 * @param afterMinutes - `ESCALATE_OVERDUE_AFTER_MINUTES`
 */
export function escalationCutoff(now: Date, afterMinutes: number): Date {
  return new Date(now.getTime() - afterMinutes * MINUTE_MS);
}

/**
 * Whether a follow-up escalates now: still to do, overdue by more than the threshold, and the
 * patient is not in hospital. A follow-up whose escalation the lead acknowledged is the lead's and
 * never escalates again; one that was handed to a colleague or closed and reopened escalates again
 * only when it stays overdue for a whole threshold after that.
 * @param followUp - due time, status, whereabouts and the previous escalation
 * @param now - the evaluation time
 * @param afterMinutes - `ESCALATE_OVERDUE_AFTER_MINUTES`
 */
export function shouldEscalate(followUp: EscalationCandidate, now: Date, afterMinutes: number): boolean {
  const cutoff = escalationCutoff(now, afterMinutes);
  if (!isFollowUpOverdue(followUp, cutoff)) return false;
  const { previous } = followUp;
  if (previous === null) return true;
  if (previous.resolution === 'acknowledged') return false;
  return previous.resolvedAt.getTime() <= cutoff.getTime();
}

/**
 * How a care action ends the follow-up's open escalation, or null when it does not: a hand-off
 * reassigns the work, a close ends it.
 * @param action - the care action's type and whether it handed the work to someone
 */
export function escalationResolutionOf(action: {
  type: string;
  handedTo: boolean;
}): EscalationResolution | null {
  if (action.type === 'close') return 'closed';
  if (action.handedTo) return 'reassigned';
  return null;
}
