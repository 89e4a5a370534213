import { localDate } from './business-days.js';
import { edVisitCallDueAt } from './follow-up-clock.js';
import type { ExistingFollowUp, FollowUpEffect } from './follow-up.js';
import type { RuleContext, StayState } from './rule-context.js';
import {
  activeOfKind,
  creationBlocked,
  dischargeDate,
  isNoCallGroup,
  noCallNote,
  planHandOff,
  priorityFor,
} from './rule-context.js';

/**
 * ED arrival (A04, or A01 with PV1-2 = E): one `ed_visit` follow-up flagged
 * "in ED now", due the business day after arrival, because many ED feeds
 * never send a discharge.
 *
 * @param ctx - the event, its encounter's follow-ups and the site config
 */
export function planEdArrival(ctx: RuleContext): FollowUpEffect[] {
  const { event, config } = ctx;
  const arrivalDate = localDate(event.admitAt ?? event.occurredAt, config.calendar.zone);
  const dueAt = edVisitCallDueAt(arrivalDate, config.calendar);
  const active = activeOfKind(ctx, 'ed_visit');
  if (active.length > 0) {
    // A repeated arrival (a resend, a corrected time) refreshes the clock of
    // a visit still in the ED; one already discharged keeps its discharge clock.
    return active
      .filter((followUp) => followUp.inEdNow)
      .map((followUp) => ({
        type: 'update',
        followUpId: followUp.id,
        dueAt,
        inEdNow: true,
        reason: 'ed arrival repeated',
      }));
  }
  if (ctx.existing.some((followUp) => followUp.kind === 'ed_visit')) {
    // Done or cancelled: never a second ED follow-up for one encounter.
    return [];
  }
  return [
    {
      type: 'create',
      kind: 'ed_visit',
      dueAt,
      visitDueBy: null,
      priority: 'normal',
      inEdNow: true,
      reason: 'ed arrival',
    },
  ];
}

/**
 * The ED visit became an inpatient or observation stay (A06, A01/A02 with an
 * inpatient-like class, or an inpatient discharge): its call is replaced by
 * the one the inpatient discharge brings.
 *
 * @param ctx - the event, its encounter's follow-ups and the site config
 */
export function cancelEdVisitsAsAdmitted(ctx: RuleContext): FollowUpEffect[] {
  return activeOfKind(ctx, 'ed_visit').map((followUp) => ({
    type: 'cancel',
    followUpId: followUp.id,
    reason: 'admitted',
  }));
}

/**
 * ED discharge (A03 with PV1-2 = E) or an A08 on an ED encounter: clears
 * "in ED now" and moves the clock to the business day after discharge;
 * creates the follow-up when the arrival was never received.
 *
 * @param ctx - the event, its encounter's follow-ups and the site config
 * @param stay - discharge time and disposition group of the event
 */
export function planEdStay(ctx: RuleContext, stay: StayState): FollowUpEffect[] {
  const active = activeOfKind(ctx, 'ed_visit');
  if (stay.group === 'post_acute') {
    return planHandOff(ctx, stay, active);
  }
  const priority = priorityFor(stay.group);
  const visitDate = dischargeDate(ctx, stay);
  const reason = stay.mode === 'discharge' ? 'ed discharge' : 'encounter updated';
  const effects: FollowUpEffect[] = active.map((followUp) => ({
    type: 'update',
    followUpId: followUp.id,
    ...edClock(ctx, followUp, visitDate),
    priority,
    reason,
  }));
  if (isNoCallGroup(stay.group)) {
    if (stay.mode === 'discharge') {
      effects.push(noCallNote(ctx, active.length > 0));
    }
    return effects;
  }
  if (active.length > 0 || visitDate === null || creationBlocked(ctx, 'ed_visit', stay)) {
    return effects;
  }
  return [
    {
      type: 'create',
      kind: 'ed_visit',
      dueAt: edVisitCallDueAt(visitDate, ctx.config.calendar),
      visitDueBy: null,
      priority,
      inEdNow: false,
      reason: stay.mode === 'discharge' ? 'ed discharge' : 'ed discharge found on update',
    },
  ];
}

/** The clock fields an ED update may set. */
function edClock(
  ctx: RuleContext,
  followUp: ExistingFollowUp,
  visitDate: string | null,
): { dueAt?: Date; inEdNow?: boolean } {
  const { calendar } = ctx.config;
  if (visitDate !== null) {
    return { dueAt: edVisitCallDueAt(visitDate, calendar), inEdNow: false };
  }
  // No discharge time known (an A08): only a corrected arrival moves the
  // clock, and only while the patient is still flagged in the ED. "In ED now"
  // is never set back here, because an A03 without PV1-45 leaves no
  // discharge time in the merged state.
  if (followUp.inEdNow && ctx.event.admitAt !== null) {
    return { dueAt: edVisitCallDueAt(localDate(ctx.event.admitAt, calendar.zone), calendar) };
  }
  return {};
}

/**
 * A13 on an ED encounter: the patient is back in the ED, so a discharged
 * `ed_visit` is flagged "in ED now" again rather than cancelled (it was
 * created by the arrival, not the discharge).
 *
 * @param ctx - the event, its encounter's follow-ups and the site config
 */
export function planEdDischargeCancel(ctx: RuleContext): FollowUpEffect[] {
  return activeOfKind(ctx, 'ed_visit')
    .filter((followUp) => !followUp.inEdNow)
    .map((followUp) => ({
      type: 'update',
      followUpId: followUp.id,
      inEdNow: true,
      reason: 'ed discharge cancelled',
    }));
}
