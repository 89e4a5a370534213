/**
 * Replaying an encounter: what its follow-ups must be when all its events are applied one by one
 * in event order, and the changes that bring the stored follow-ups there. The worker replays an
 * encounter when an event arrives that is older than one already applied (or after two records
 * of one encounter were merged), so the result never depends on arrival order.
 */
import type { AdtEventInput } from './adt-event.js';
import type {
  CancelReason,
  FollowUpEffect,
  FollowUpKind,
  FollowUpStatus,
  FollowUpValues,
  StoredFollowUp,
} from './follow-up.js';
import { isActiveFollowUp } from './follow-up.js';
import { planFollowUpEffects } from './follow-up-rules.js';
import type { RulesConfig } from './rule-context.js';
import { CANCEL_ALL_DECEASED } from './rule-context.js';
import type { VisitState } from './visit-state.js';
import { EMPTY_VISIT_STATE, foldVisitState } from './visit-state.js';

/** One applied event of the encounter, decoded. */
export interface EncounterEvent {
  /** The stored message's id: timeline notes are attached to it. */
  id: string;
  /** Trigger event, e.g. `A03`. */
  eventType: string;
  /** EVN-2, else MSH-7, else arrival. */
  occurredAt: Date;
  /** What this event's PV1 and DG1 carry. */
  visit: VisitState;
  /** PID-30 = Y on this event. */
  deceased: boolean;
}

/** Everything a replay reads. */
export interface EncounterReplayInput {
  /** Every applied event of the encounter, in event order. */
  events: readonly EncounterEvent[];
  /** The encounter's stored follow-ups in creation order, in any status. */
  existing: readonly StoredFollowUp[];
  /** The stored patient died: nothing is created for them at an event after the death. */
  patientDeceased: boolean;
  /**
   * Event time of the earliest message that recorded the death. The in-order run saw the patient
   * alive at the events before it, so the replay does too, even when the death arrived first.
   * Omitted or null: not known, and the death counts before every event.
   */
  patientDiedAt?: Date | null;
  config: RulesConfig;
}

/** What a replay decides. */
export interface EncounterReplay {
  /** The encounter's state after its last event. */
  state: VisitState;
  /** Changes to the stored follow-ups: cancels first, then updates and reopens, then creates. */
  effects: FollowUpEffect[];
  /** Timeline notes per event id (an empty list where an event has none). */
  notes: Map<string, string[]>;
  /** Time of the event at which the in-order run found the patient dead (PID-30, expired), if any. */
  diedAt: Date | null;
}

/**
 * The rules' inputs for one event: the event type and time, and the encounter's state as folded
 * up to and including it.
 *
 * @param event - the event
 * @param state - the encounter's state after this event
 * @param patientDeceased - whether the stored patient is known to have died
 */
export function ruleInputFor(
  event: Pick<EncounterEvent, 'eventType' | 'occurredAt' | 'deceased'>,
  state: VisitState,
  patientDeceased: boolean,
): AdtEventInput {
  return {
    eventType: event.eventType,
    occurredAt: event.occurredAt,
    patientClass: state.patientClass,
    hospitalService: state.hospitalService,
    patientType: state.patientType,
    dischargeDisposition: state.disposition,
    admitAt: state.admittedAt,
    dischargeAt: state.dischargedAt,
    deceased: event.deceased || patientDeceased,
  };
}

/** A follow-up of the in-order result, tied to the stored one it stands for (if any). */
interface PlannedFollowUp extends StoredFollowUp {
  stored: StoredFollowUp | null;
  /** Set when the in-order result cancels it. */
  cancelReason: CancelReason | null;
}

/** The in-order result: the follow-ups the events produce, one by one. */
class InOrderFollowUps {
  readonly planned: PlannedFollowUp[] = [];
  patientDied = false;
  /**
   * Stored follow-ups per kind in creation order. The n-th follow-up of a kind created in event
   * order stands for the n-th stored one, and inherits what navigators did on it (logged actions,
   * done), so a replay treats their work exactly as the live rules did.
   */
  private readonly stored = new Map<FollowUpKind, StoredFollowUp[]>();

  constructor(existing: readonly StoredFollowUp[]) {
    for (const followUp of existing) {
      // A duplicate retired by a merge is history outside this encounter's events.
      if (followUp.statusReason === 'merged') continue;
      const list = this.stored.get(followUp.kind) ?? [];
      list.push(followUp);
      this.stored.set(followUp.kind, list);
    }
  }

  storedOfKind(kind: FollowUpKind): readonly StoredFollowUp[] {
    return this.stored.get(kind) ?? [];
  }

  plannedOfKind(kind: FollowUpKind): PlannedFollowUp[] {
    return this.planned.filter((followUp) => followUp.kind === kind);
  }

  apply(effect: FollowUpEffect, note: (text: string) => void): void {
    switch (effect.type) {
      case 'create': {
        const ordinal = this.plannedOfKind(effect.kind).length;
        const stored = this.storedOfKind(effect.kind)[ordinal] ?? null;
        const inherited: FollowUpStatus =
          stored?.status === 'done' || stored?.status === 'in_progress' ? stored.status : 'open';
        this.planned.push({
          id: stored?.id ?? `new:${effect.kind}:${String(ordinal + 1)}`,
          kind: effect.kind,
          status: inherited,
          hasActions: stored?.hasActions ?? false,
          inEdNow: effect.inEdNow,
          dueAt: effect.dueAt,
          visitDueBy: effect.visitDueBy,
          priority: effect.priority,
          dischargeCancelled: false,
          statusReason: inherited === 'done' ? (stored?.statusReason ?? null) : null,
          stored,
          cancelReason: null,
        });
        break;
      }
      case 'update': {
        const followUp = this.active(effect.followUpId);
        if (!followUp) break;
        if (effect.dueAt !== undefined) followUp.dueAt = effect.dueAt;
        if (effect.visitDueBy !== undefined) followUp.visitDueBy = effect.visitDueBy;
        if (effect.priority !== undefined) followUp.priority = effect.priority;
        if (effect.inEdNow !== undefined) followUp.inEdNow = effect.inEdNow;
        if (effect.dischargeCancelled !== undefined) followUp.dischargeCancelled = effect.dischargeCancelled;
        break;
      }
      case 'cancel':
        this.cancel(this.active(effect.followUpId), effect.reason);
        break;
      case 'cancel_all_for_patient':
        this.patientDied = true;
        for (const followUp of this.planned) this.cancel(followUp, effect.reason);
        break;
      case 'timeline':
        note(effect.note);
        break;
      case 'reopen':
        // The live rules never reopen; only a replay's own reconciliation does.
        break;
      default:
        effect satisfies never;
    }
  }

  private active(id: string): PlannedFollowUp | undefined {
    return this.planned.find((followUp) => followUp.id === id && isActiveFollowUp(followUp));
  }

  private cancel(followUp: PlannedFollowUp | undefined, reason: CancelReason): void {
    if (!followUp || !isActiveFollowUp(followUp)) return;
    followUp.status = 'cancelled';
    followUp.statusReason = reason;
    followUp.cancelReason = reason;
  }
}

/**
 * Replays an encounter's events in event order against its stored follow-ups.
 *
 * Each event is folded into the state and planned by {@link planFollowUpEffects} against the
 * follow-ups the earlier events produced; the result is compared with what is stored, kind by kind
 * in creation order, and turned into effects. Done follow-ups are never changed; logged actions
 * carry over to the follow-up that stands for the stored one (so an A13 flags it rather than
 * cancelling it, as live); a stored follow-up the in-order result has no place for is cancelled as
 * `superseded` (or `deceased`).
 *
 * @param input - the events in order, the stored follow-ups, the patient's death and the config
 */
export function replayEncounter(input: EncounterReplayInput): EncounterReplay {
  const inOrder = new InOrderFollowUps(input.existing);
  const notes = new Map<string, string[]>();
  let state = EMPTY_VISIT_STATE;
  let diedAt: Date | null = null;
  for (const event of input.events) {
    state = foldVisitState(state, event.visit, event.eventType);
    const eventNotes: string[] = [];
    notes.set(event.id, eventNotes);
    // Dead at this event: as the in-order run left the patient so far, or by a death stored with
    // an earlier time. A death recorded later (by an event replayed further on, or elsewhere) then
    // cancels what this event creates, as it did in order.
    const deadBefore =
      inOrder.patientDied || (input.patientDeceased && diedBefore(input.patientDiedAt ?? null, event));
    const planned = planFollowUpEffects(
      ruleInputFor(event, state, deadBefore),
      inOrder.planned,
      input.config,
    );
    for (const effect of planned) {
      inOrder.apply(effect, (text) => eventNotes.push(text));
    }
    if (inOrder.patientDied && diedAt === null) diedAt = event.occurredAt;
  }
  const died = input.patientDeceased || inOrder.patientDied;
  const effects = reconcile(inOrder, died);
  if (died) effects.push(CANCEL_ALL_DECEASED);
  return { state, effects, notes, diedAt };
}

/** Whether a death recorded at `diedAt` (null: time unknown) came before the event. */
function diedBefore(diedAt: Date | null, event: Pick<EncounterEvent, 'occurredAt'>): boolean {
  return diedAt === null || diedAt.getTime() < event.occurredAt.getTime();
}

const KINDS: readonly FollowUpKind[] = ['discharge', 'ed_visit'];

/** The effects that turn the stored follow-ups into the in-order result. */
function reconcile(inOrder: InOrderFollowUps, died: boolean): FollowUpEffect[] {
  const cancels: FollowUpEffect[] = [];
  const changes: FollowUpEffect[] = [];
  const creates: FollowUpEffect[] = [];
  for (const kind of KINDS) {
    const planned = inOrder.plannedOfKind(kind);
    const stored = inOrder.storedOfKind(kind);
    for (const followUp of planned) {
      const { stored: match } = followUp;
      if (match === null) {
        creates.push(...createPlanned(followUp));
      } else if (match.status !== 'done') {
        if (isActiveFollowUp(followUp) || !isActiveFollowUp(match)) {
          changes.push(...reconcileStored(match, followUp));
        } else {
          // Settled to its in-order values as it is cancelled, so it reads as in order too.
          cancels.push(...reconcileStored(match, followUp));
        }
      }
    }
    for (const extra of stored.slice(planned.length)) {
      if (isActiveFollowUp(extra)) {
        cancels.push({ type: 'cancel', followUpId: extra.id, reason: died ? 'deceased' : 'superseded' });
      }
    }
  }
  // Cancels first: at most one follow-up of a kind is active at any time.
  return [...cancels, ...changes, ...creates];
}

function createPlanned(followUp: PlannedFollowUp): FollowUpEffect[] {
  const effects: FollowUpEffect[] = [
    {
      type: 'create',
      kind: followUp.kind,
      dueAt: followUp.dueAt,
      visitDueBy: followUp.visitDueBy,
      priority: followUp.priority,
      inEdNow: followUp.inEdNow,
      reason: 'replayed in event order',
      ref: followUp.id,
    },
  ];
  if (followUp.dischargeCancelled) {
    effects.push({
      type: 'update',
      followUpId: followUp.id,
      dischargeCancelled: true,
      reason: 'replayed in event order',
    });
  }
  if (followUp.cancelReason !== null) {
    effects.push({
      type: 'cancel',
      followUpId: followUp.id,
      reason: followUp.cancelReason,
      settle: valuesOf(followUp),
    });
  }
  return effects;
}

function valuesOf(followUp: PlannedFollowUp): FollowUpValues {
  return {
    dueAt: followUp.dueAt,
    visitDueBy: followUp.visitDueBy,
    priority: followUp.priority,
    inEdNow: followUp.inEdNow,
    dischargeCancelled: followUp.dischargeCancelled,
  };
}

function reconcileStored(stored: StoredFollowUp, planned: PlannedFollowUp): FollowUpEffect[] {
  if (!isActiveFollowUp(stored)) {
    // A cancelled one stays as it is, unless the in-order run keeps it active.
    return isActiveFollowUp(planned)
      ? [{ type: 'reopen', followUpId: stored.id, ...valuesOf(planned), reason: 'replayed in event order' }]
      : [];
  }
  if (planned.cancelReason !== null) {
    return [
      { type: 'cancel', followUpId: stored.id, reason: planned.cancelReason, settle: valuesOf(planned) },
    ];
  }
  const changes = {
    ...(sameTime(stored.dueAt, planned.dueAt) ? {} : { dueAt: planned.dueAt }),
    ...(sameTime(stored.visitDueBy, planned.visitDueBy) ? {} : { visitDueBy: planned.visitDueBy }),
    ...(stored.priority === planned.priority ? {} : { priority: planned.priority }),
    ...(stored.inEdNow === planned.inEdNow ? {} : { inEdNow: planned.inEdNow }),
    ...(stored.dischargeCancelled === planned.dischargeCancelled
      ? {}
      : { dischargeCancelled: planned.dischargeCancelled }),
  };
  return Object.keys(changes).length === 0
    ? []
    : [{ type: 'update', followUpId: stored.id, ...changes, reason: 'replayed in event order' }];
}

function sameTime(a: Date | null, b: Date | null): boolean {
  return a === null || b === null ? a === b : a.getTime() === b.getTime();
}
