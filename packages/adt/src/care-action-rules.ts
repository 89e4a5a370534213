/**
 * What a navigator's care action may do to a follow-up: claims and take-overs, hand-offs to a
 * colleague, the close rules (TCM's two attempts before "unable to reach", a note for "other")
 * and reopening a closed follow-up. Pure: the caller reads the follow-up's state, asks
 * {@link decideCareAction}, and writes the action only when it is allowed.
 */
import type { FollowUpStatus } from './follow-up.js';

/** The kinds of continuity-of-care action a navigator logs. */
export const CARE_ACTION_TYPES = [
  'contact_attempt',
  'contact_made',
  'appointment_scheduled',
  'med_reconciliation',
  'note',
  'close',
  'claim',
  'hand_off',
  'reopen',
] as const;

export type CareActionType = (typeof CARE_ACTION_TYPES)[number];

/** Outcomes a follow-up is closed with; others are accepted as free text. */
export const CLOSE_OUTCOMES = [
  'reached',
  'unreachable',
  'declined',
  'seen_elsewhere',
  'readmitted',
  'other',
] as const;

export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

/** TCM (CPT 99495/99496): at least two documented attempts before a patient counts as unreachable. */
export const UNREACHABLE_MIN_ATTEMPTS = 2;

/** A person in the care-action log: the actor as stored and a name for people. */
export interface ActionPerson {
  actor: string;
  name: string;
}

/** The follow-up as the action rules see it. */
export interface FollowUpActionState {
  status: FollowUpStatus;
  /** Who holds it: the latest claim's actor, or the receiver of the latest hand-off. */
  holder: ActionPerson | null;
  /** Contact attempts logged (each one that did not reach the patient). */
  failedAttempts: number;
  /** Whether another open or in-progress follow-up exists for the same visit and kind. */
  activeDuplicate: boolean;
}

/** The action asked for. */
export interface CareActionRequest {
  type: CareActionType;
  /** Who logs it. */
  actor: string;
  outcome: string | null;
  note: string | null;
  /** Take the follow-up although a colleague holds it. */
  takeOver: boolean;
  /** The receiver of a hand-off, already looked up; `onTeam` says whether they belong to the follow-up's team. */
  receiver: (ActionPerson & { onTeam: boolean }) | null;
}

/** How the follow-up's status moves when the action is stored. */
export type StatusEffect = 'start' | 'close' | 'reopen';

/** Why an action is refused; `conflict` depends on the follow-up's state, `invalid` on the request alone. */
export type CareActionRefusalCode =
  | 'closed'
  | 'not_closed'
  | 'cancelled'
  | 'active_duplicate'
  | 'claimed'
  | 'too_few_attempts'
  | 'note_required'
  | 'receiver_required'
  | 'receiver_not_on_team'
  | 'already_holder'
  | 'unexpected_field';

export interface CareActionRefusal {
  code: CareActionRefusalCode;
  kind: 'conflict' | 'invalid';
  message: string;
  /** The colleague holding the follow-up, on a `claimed` refusal. */
  holder?: ActionPerson;
}

export type CareActionDecision =
  | {
      allowed: true;
      effect: StatusEffect;
      /** Who held it before a take-over or hand-off (null when nobody else did). */
      previousHolder: ActionPerson | null;
      /** The receiver of a hand-off. */
      handedTo: ActionPerson | null;
    }
  | { allowed: false; refusal: CareActionRefusal };

const refuse = (
  code: CareActionRefusalCode,
  kind: CareActionRefusal['kind'],
  message: string,
  holder?: ActionPerson,
): CareActionDecision => ({
  allowed: false,
  refusal: { code, kind, message, ...(holder ? { holder } : {}) },
});

const held = (holder: ActionPerson): string => `${holder.name} is working on this follow-up`;

/**
 * Whether an action may be logged on a follow-up, and what it does.
 * @param state - the follow-up's status, holder and attempts
 * @param request - the action, who logs it, and the receiver of a hand-off
 */
export function decideCareAction(state: FollowUpActionState, request: CareActionRequest): CareActionDecision {
  const claiming = request.type === 'claim' || request.type === 'hand_off';
  if (request.takeOver && !claiming) {
    return refuse('unexpected_field', 'invalid', '`takeOver` goes with `claim` or `hand_off` only');
  }
  if (request.receiver && request.type !== 'hand_off') {
    return refuse('unexpected_field', 'invalid', '`to` goes with `hand_off` only');
  }
  if (request.type === 'reopen') return decideReopen(state);
  if (state.status === 'done' || state.status === 'cancelled') {
    return refuse('closed', 'conflict', `The follow-up is ${state.status}; actions can no longer be added`);
  }
  if (request.type === 'close') return decideClose(state, request);
  if (!claiming) return { allowed: true, effect: 'start', previousHolder: null, handedTo: null };

  const receiver = request.type === 'hand_off' ? request.receiver : null;
  if (request.type === 'hand_off') {
    if (!receiver) return refuse('receiver_required', 'invalid', 'A hand-off names the colleague: `to`');
    if (!receiver.onTeam) {
      return refuse(
        'receiver_not_on_team',
        'invalid',
        `${receiver.name} is not a member of this follow-up's team`,
      );
    }
    if (receiver.actor === request.actor) {
      return refuse('already_holder', 'invalid', 'To take the follow-up yourself, claim it');
    }
    if (state.holder?.actor === receiver.actor) {
      return refuse('already_holder', 'invalid', `${receiver.name} already holds this follow-up`);
    }
  }
  const holder = state.holder;
  // A colleague holds it: taking it (or passing it on) over their head must be deliberate.
  const other = holder && holder.actor !== request.actor ? holder : null;
  if (other && !request.takeOver) {
    return refuse(
      'claimed',
      'conflict',
      `${held(other)}; send "takeOver": true to take it over from them`,
      other,
    );
  }
  return {
    allowed: true,
    effect: 'start',
    previousHolder: other ?? (receiver ? holder : null),
    handedTo: receiver ? { actor: receiver.actor, name: receiver.name } : null,
  };
}

function decideClose(state: FollowUpActionState, request: CareActionRequest): CareActionDecision {
  if (request.outcome === 'unreachable' && state.failedAttempts < UNREACHABLE_MIN_ATTEMPTS) {
    const logged = state.failedAttempts === 1 ? 'one is' : `${state.failedAttempts} are`;
    return refuse(
      'too_few_attempts',
      'conflict',
      `Closing as unable to reach needs at least ${UNREACHABLE_MIN_ATTEMPTS} logged contact attempts (TCM); ${logged} logged`,
    );
  }
  if (request.outcome === 'other' && !request.note?.trim()) {
    return refuse('note_required', 'invalid', 'Closing as "other" needs a note saying why');
  }
  return { allowed: true, effect: 'close', previousHolder: null, handedTo: null };
}

function decideReopen(state: FollowUpActionState): CareActionDecision {
  switch (state.status) {
    case 'done':
      break;
    case 'cancelled':
      // Cancelled by the hospital's messages (death, admission, a cancelled visit): the rules own it.
      return refuse(
        'cancelled',
        'conflict',
        'A cancelled follow-up cannot be reopened; only a closed one can',
      );
    case 'open':
    case 'in_progress':
      return refuse('not_closed', 'conflict', 'The follow-up is not closed');
    default:
      state.status satisfies never;
  }
  if (state.activeDuplicate) {
    return refuse(
      'active_duplicate',
      'conflict',
      'A newer follow-up for this visit is open; work on that one instead of reopening this one',
    );
  }
  return { allowed: true, effect: 'reopen', previousHolder: null, handedTo: null };
}
