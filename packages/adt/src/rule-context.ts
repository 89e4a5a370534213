import type { AdtEventInput } from './adt-event.js';
import type { BusinessCalendar } from './business-days.js';
import { localDate } from './business-days.js';
import type { DispositionGroup } from './disposition.js';
import { describeHandOff } from './disposition.js';
import type { ExistingFollowUp, FollowUpEffect, FollowUpKind, Priority } from './follow-up.js';
import { isActiveFollowUp } from './follow-up.js';

/** Site settings the routing rules need. */
export interface RulesConfig {
  /** Practice zone and holidays for every business-day clock. */
  calendar: BusinessCalendar;
  /** Observation / partial-hospitalisation codes; see `DEFAULT_OBSERVATION_CODES`. */
  observationCodes: ReadonlySet<string>;
}

/** Everything one planning call sees. */
export interface RuleContext {
  event: AdtEventInput;
  /** The follow-ups of the event's encounter, in any status. */
  existing: readonly ExistingFollowUp[];
  config: RulesConfig;
}

/**
 * What an A03 or A08 says about the end of a stay.
 * `discharge` (A03) is an explicit discharge: it may create a follow-up even
 * after an earlier one was cancelled (a re-discharge after A13). `update`
 * (A08) only re-applies the rules to the merged state: it creates only when
 * the encounter never had a follow-up of that kind, so a stale A08 cannot
 * bring back one that was cancelled or done.
 */
export interface StayState {
  mode: 'discharge' | 'update';
  /** Discharge instant, or null when an A08's merged state has none. */
  dischargeAt: Date | null;
  group: DispositionGroup;
}

/** The patient died: nothing is created, everything open is cancelled. */
export const CANCEL_ALL_DECEASED: FollowUpEffect = {
  type: 'cancel_all_for_patient',
  reason: 'deceased',
};

/** Open and in-progress follow-ups of one kind; done and cancelled stay as they are. */
export function activeOfKind(ctx: RuleContext, kind: FollowUpKind): ExistingFollowUp[] {
  return ctx.existing.filter((followUp) => followUp.kind === kind && isActiveFollowUp(followUp));
}

/**
 * Whether an earlier follow-up of this kind rules out creating one now.
 * Called only when no active one exists (an active one is updated instead).
 */
export function creationBlocked(ctx: RuleContext, kind: FollowUpKind, stay: StayState): boolean {
  return ctx.existing.some(
    (followUp) => followUp.kind === kind && (stay.mode === 'update' || followUp.status === 'done'),
  );
}

/** Priority from the disposition alone; risk scoring happens elsewhere. */
export function priorityFor(group: DispositionGroup): Priority {
  return group === 'ama' ? 'high' : 'normal';
}

/** Hospice and law-enforcement dispositions: no call task, a timeline entry. */
export function isNoCallGroup(group: DispositionGroup): boolean {
  return group === 'hospice' || group === 'law_enforcement';
}

/** The local discharge date in the practice zone, or null when unknown. */
export function dischargeDate(ctx: RuleContext, stay: StayState): string | null {
  return stay.dischargeAt === null ? null : localDate(stay.dischargeAt, ctx.config.calendar.zone);
}

/**
 * A hand-off to another inpatient or post-acute setting: the call is due
 * when the patient leaves it, so open follow-ups are cancelled as admitted
 * and the hand-off goes on the timeline. An A08 records it only when it
 * changes something, so repeated A08s do not repeat the entry.
 */
export function planHandOff(
  ctx: RuleContext,
  stay: StayState,
  toCancel: readonly ExistingFollowUp[],
): FollowUpEffect[] {
  const effects: FollowUpEffect[] = toCancel.map((followUp) => ({
    type: 'cancel',
    followUpId: followUp.id,
    reason: 'admitted',
  }));
  if (stay.mode === 'discharge' || effects.length > 0) {
    const destination = describeHandOff(ctx.event.dischargeDisposition);
    effects.push({
      type: 'timeline',
      note: `Discharged to ${destination}; call when they leave that facility.`,
    });
  }
  return effects;
}

/**
 * Timeline entry for a hospice or law-enforcement discharge. There is no
 * cancel reason for these, so a follow-up that already exists is kept (and
 * said so) for the navigator to close, rather than cancelled under a false
 * reason.
 */
export function noCallNote(ctx: RuleContext, keptOpen: boolean): FollowUpEffect {
  const destination = describeHandOff(ctx.event.dischargeDisposition);
  return {
    type: 'timeline',
    note: keptOpen
      ? `Discharged to ${destination}; the open follow-up is kept for the navigator to review.`
      : `Discharged to ${destination}; no call task.`,
  };
}
