import type { AdtEventInput } from './adt-event.js';
import { isEdVisit, isInpatientLikeDischarge } from './adt-event.js';
import { classifyDisposition } from './disposition.js';
import { planDischargeCancel, planInpatientStay } from './discharge-rules.js';
import {
  cancelEdVisitsAsAdmitted,
  planEdArrival,
  planEdDischargeCancel,
  planEdStay,
} from './ed-visit-rules.js';
import type { ExistingFollowUp, FollowUpEffect } from './follow-up.js';
import { isActiveFollowUp } from './follow-up.js';
import type { RuleContext, RulesConfig, StayState } from './rule-context.js';
import { CANCEL_ALL_DECEASED } from './rule-context.js';

/**
 * Plans what one ADT event does to follow-ups: the routing table of the
 * clinical spec as a pure decision. The caller applies the effects.
 *
 * - Deceased (PID-30 = Y) on any event: cancel all of the patient's open
 *   follow-ups and create nothing, whatever the event type.
 * - A04, or A01, with PV1-2 = E: ED arrival (see `planEdArrival`).
 * - A01 / A02 with an inpatient-like class, and A06: cancel the open
 *   `ed_visit` as admitted.
 * - A03: ED discharge or inpatient/observation discharge by patient class;
 *   disposition 20/40/41/42 cancels everything as deceased.
 * - A08: the same rules on the merged encounter state; it updates, cancels
 *   on an expired disposition, and creates only when the encounter never had
 *   a follow-up of that kind and the state holds a discharge time (a lost
 *   A03 must not lose the patient).
 * - A11: cancel every open follow-up of the encounter (visit cancelled).
 * - A13: cancel the discharge follow-up, or flag it when actions exist.
 * - Anything else (A05, A12, A14, A21, A22, A27, A28, A31, A38, merges…): none.
 *
 * Done and cancelled follow-ups are never reopened or edited.
 *
 * @param event - the event, with the encounter's merged state for A08
 * @param existing - the follow-ups of the event's encounter, in any status
 * @param config - practice calendar and observation codes
 * @returns the effects, cancels before updates and creates, timeline last
 */
export function planFollowUpEffects(
  event: AdtEventInput,
  existing: readonly ExistingFollowUp[],
  config: RulesConfig,
): FollowUpEffect[] {
  // Never a follow-up for a patient who died, even on a demographics event.
  if (event.deceased) {
    return [CANCEL_ALL_DECEASED];
  }
  const ctx: RuleContext = { event, existing, config };
  switch (event.eventType.trim().toUpperCase()) {
    case 'A01':
      return isEdVisit(event) ? planEdArrival(ctx) : planAdmission(ctx);
    case 'A04':
      // An A04 without PV1-2 = E is a clinic, lab or imaging registration.
      return isEdVisit(event) ? planEdArrival(ctx) : [];
    case 'A02':
      return planAdmission(ctx);
    case 'A06':
      return cancelEdVisitsAsAdmitted(ctx);
    case 'A03':
      return planStay(ctx, { dischargeAt: event.dischargeAt ?? event.occurredAt, mode: 'discharge' });
    case 'A08':
      return planStay(ctx, { dischargeAt: event.dischargeAt, mode: 'update' });
    case 'A11':
      return existing.filter(isActiveFollowUp).map((followUp) => ({
        type: 'cancel',
        followUpId: followUp.id,
        reason: 'visit_cancelled',
      }));
    case 'A13':
      return [...planDischargeCancel(ctx), ...(isEdVisit(event) ? planEdDischargeCancel(ctx) : [])];
    default:
      return [];
  }
}

/**
 * A01 or A02 with an inpatient-like class: an ED visit on this encounter
 * became an admission. A02 is included because some feeds move the patient
 * from the ED to a bed with a transfer instead of an A06.
 */
function planAdmission(ctx: RuleContext): FollowUpEffect[] {
  return isInpatientLikeDischarge(ctx.event, ctx.config) ? cancelEdVisitsAsAdmitted(ctx) : [];
}

/** A03 or A08: the end-of-stay rules, chosen by disposition and class. */
function planStay(ctx: RuleContext, partial: Omit<StayState, 'group'>): FollowUpEffect[] {
  const stay: StayState = { ...partial, group: classifyDisposition(ctx.event.dischargeDisposition) };
  if (stay.group === 'expired') {
    return [CANCEL_ALL_DECEASED];
  }
  if (isEdVisit(ctx.event)) {
    return planEdStay(ctx, stay);
  }
  if (isInpatientLikeDischarge(ctx.event, ctx.config)) {
    return planInpatientStay(ctx, stay);
  }
  return [];
}
