import { cancelEdVisitsAsAdmitted } from './ed-visit-rules.js';
import { dischargeCallDueAt, visitDueBy } from './follow-up-clock.js';
import type { FollowUpEffect } from './follow-up.js';
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
 * Inpatient or observation discharge (A03), or an A08 on such a stay: one
 * `discharge` follow-up on the TCM clock (call within 2 business days, visit
 * within 7 or 14 days), shaped by the disposition.
 *
 * @param ctx - the event, its encounter's follow-ups and the site config
 * @param stay - discharge time and disposition group of the event
 */
export function planInpatientStay(ctx: RuleContext, stay: StayState): FollowUpEffect[] {
  const active = activeOfKind(ctx, 'discharge');
  if (stay.group === 'post_acute') {
    return planHandOff(ctx, stay, [...activeOfKind(ctx, 'ed_visit'), ...active]);
  }
  // The stay is inpatient-like, so any ED visit on this encounter was
  // admitted, even when the feed sent no A06 (some send A02 or nothing).
  const effects = cancelEdVisitsAsAdmitted(ctx);
  const priority = priorityFor(stay.group);
  const date = dischargeDate(ctx, stay);
  const { calendar } = ctx.config;
  const clock =
    date === null
      ? {}
      : {
          dueAt: dischargeCallDueAt(date, calendar),
          visitDueBy: visitDueBy(date, priority, calendar.zone),
        };
  for (const followUp of active) {
    effects.push({
      type: 'update',
      followUpId: followUp.id,
      ...clock,
      priority,
      // A new A03 after an A13 that kept a follow-up is a real discharge again.
      ...(stay.mode === 'discharge' ? { dischargeCancelled: false } : {}),
      reason: stay.mode === 'discharge' ? 'discharge repeated' : 'encounter updated',
    });
  }
  if (isNoCallGroup(stay.group)) {
    if (stay.mode === 'discharge') {
      effects.push(noCallNote(ctx, active.length > 0));
    }
    return effects;
  }
  if (date === null || active.length > 0 || creationBlocked(ctx, 'discharge', stay)) {
    return effects;
  }
  effects.push({
    type: 'create',
    kind: 'discharge',
    dueAt: dischargeCallDueAt(date, calendar),
    visitDueBy: visitDueBy(date, priority, calendar.zone),
    priority,
    inEdNow: false,
    reason: stay.mode === 'discharge' ? 'discharge' : 'discharge found on update',
  });
  return effects;
}

/**
 * A13 (cancel discharge): the `discharge` follow-up is cancelled, unless a
 * navigator already logged care actions on it; then it stays visible with
 * the "discharge cancelled" flag so that work is not hidden.
 *
 * @param ctx - the event, its encounter's follow-ups and the site config
 */
export function planDischargeCancel(ctx: RuleContext): FollowUpEffect[] {
  return activeOfKind(ctx, 'discharge').map((followUp) =>
    followUp.hasActions
      ? {
          type: 'update',
          followUpId: followUp.id,
          dischargeCancelled: true,
          reason: 'discharge cancelled after actions',
        }
      : { type: 'cancel', followUpId: followUp.id, reason: 'discharge_cancelled' },
  );
}
