/**
 * Writes the follow-up effects the rules planned (`planFollowUpEffects`, `replayEncounter`):
 * create (routed), update (re-scored), cancel, reopen, cancel everything of a deceased patient,
 * or a timeline note. Runs in the processing transaction, under the encounter lock.
 */
import type { FollowUpEffect } from '@adt/adt';
import {
  cancelFollowUp,
  cancelPatientFollowUps,
  markPatientDeceased,
  noteEncounterEvent,
  reopenFollowUp,
  updateFollowUp,
  type EncounterRecord,
  type Queryable,
} from '@adt/db';
import { createRoutedFollowUp, updateRoutedFollowUp } from './follow-up-routing.js';

/** A follow-up an effect created. */
export interface CreatedFollowUp {
  kind: string;
  followUpId: string;
}

/** Where the effects apply. */
export interface EffectTarget {
  /** The encounter in its new state. */
  encounter: EncounterRecord;
  /** The message being applied (timeline notes go on its event). */
  messageId: string;
  /**
   * When the patient died, should the effects cancel everything as deceased: the event time of the
   * earliest message that said so, null when not known.
   */
  diedAt: Date | null;
  /** `DEFAULT_TEAM`, or null for the team marked default. */
  defaultTeam: string | null;
  /** Practice zone. */
  zone: string;
}

/**
 * Applies planned effects in order.
 * @param db - the processing transaction (the encounter row is locked)
 * @param effects - what the rules planned
 * @param target - encounter, message and routing settings
 * @returns the follow-ups created
 */
export async function applyFollowUpEffects(
  db: Queryable,
  effects: readonly FollowUpEffect[],
  target: EffectTarget,
): Promise<CreatedFollowUp[]> {
  const created: CreatedFollowUp[] = [];
  // A replay names the follow-ups it creates (`ref`) so later effects of the plan can reach them;
  // one that was not created (e.g. the patient is off the roster) maps to null and is skipped.
  const refs = new Map<string, string | null>();
  const idOf = (followUpId: string): string | null =>
    refs.has(followUpId) ? (refs.get(followUpId) ?? null) : followUpId;
  for (const effect of effects) {
    switch (effect.type) {
      case 'create': {
        // Routed: none for a patient off a loaded roster; team from roster, rules or default; risk.
        const routed = await createRoutedFollowUp(db, effect, target.encounter, {
          defaultTeam: target.defaultTeam,
          zone: target.zone,
        });
        if (routed.status === 'created') created.push({ kind: effect.kind, followUpId: routed.followUpId });
        if (effect.ref !== undefined)
          refs.set(effect.ref, routed.status === 'created' ? routed.followUpId : null);
        break;
      }
      case 'update': {
        const { followUpId, type: _type, reason: _reason, ...changes } = effect;
        const id = idOf(followUpId);
        if (id !== null) await updateRoutedFollowUp(db, id, changes, target.encounter, target.zone);
        break;
      }
      case 'cancel': {
        const id = idOf(effect.followUpId);
        if (id === null) break;
        // A replay settles the follow-up to its in-order values as it cancels it (no re-scoring:
        // the encounter's final state is not the state it was cancelled in).
        if (effect.settle) await updateFollowUp(db, id, effect.settle);
        await cancelFollowUp(db, id, effect.reason);
        break;
      }
      case 'reopen': {
        const { followUpId, type: _type, reason: _reason, ...values } = effect;
        const id = idOf(followUpId);
        if (id !== null) await reopenFollowUp(db, id, values);
        break;
      }
      case 'cancel_all_for_patient':
        // An expired disposition says the patient died as PID-30 does: never a follow-up again.
        await markPatientDeceased(db, target.encounter.patientId, target.diedAt);
        await cancelPatientFollowUps(db, target.encounter.patientId, effect.reason);
        break;
      case 'timeline':
        await noteEncounterEvent(db, target.messageId, effect.note);
        break;
      default:
        effect satisfies never;
    }
  }
  return created;
}
