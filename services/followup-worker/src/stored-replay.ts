/**
 * Replaying a stored encounter: re-reads every event applied to it, decodes them from their stored
 * messages and asks `replayEncounter` (pure, `@adt/adt`) what the encounter's state and follow-ups
 * are in event order. Used when an event arrives older than one already applied, and after two
 * records of one encounter were merged. Runs in the caller's transaction, under the encounter lock.
 */
import { replayEncounter, type EncounterEvent, type FollowUpEffect, type RulesConfig } from '@adt/adt';
import {
  findEncounterFollowUps,
  listEncounterHistory,
  setEncounterEventNote,
  type EncounterRecord,
  type EncounterState,
  type Queryable,
} from '@adt/db';
import { decodeHistoryEntry } from './encounter-event.js';

/** What a stored replay decided; the caller saves the state and applies the effects. */
export interface StoredReplayPlan {
  state: EncounterState;
  /** The encounter's newest event. */
  lastEvent: { type: string; at: Date } | null;
  effects: FollowUpEffect[];
  /** Events whose stored message could no longer be read (left out of the replay). */
  unreadable: number;
}

/**
 * Plans the replay of an encounter and writes each event's recomputed timeline note.
 * @param db - the processing transaction (the encounter row is locked)
 * @param encounter - the encounter to replay
 * @param options - rules, the facility's zone and whether the stored patient died
 */
export async function planStoredReplay(
  db: Queryable,
  encounter: EncounterRecord,
  options: { rules: RulesConfig; zone: string; patientDeceased: boolean },
): Promise<StoredReplayPlan> {
  const history = await listEncounterHistory(db, encounter.id);
  const events: EncounterEvent[] = [];
  for (const entry of history) {
    const event = decodeHistoryEntry(entry, options.zone);
    if (event) events.push(event);
  }
  const replay = replayEncounter({
    events,
    existing: await findEncounterFollowUps(db, encounter.id),
    patientDeceased: options.patientDeceased,
    config: options.rules,
  });
  for (const [messageId, notes] of replay.notes) {
    await setEncounterEventNote(db, messageId, notes.length > 0 ? notes.join('; ') : null);
  }
  const last = history.at(-1);
  return {
    state: { ...replay.state, visitNumber: encounter.visitNumber },
    lastEvent: last ? { type: last.eventType, at: last.occurredAt } : null,
    effects: replay.effects,
    unreadable: history.length - events.length,
  };
}
