/**
 * Replaying a stored encounter: re-reads every event applied to it, decodes them from their stored
 * messages, asks `replayEncounter` (pure, `@adt/adt`) what the encounter's state and follow-ups
 * are in event order, and writes the difference. Used when an event arrives older than one already
 * applied, and after two records of one encounter were merged. Runs in the caller's transaction,
 * under the encounter lock.
 */
import { changesHospitalStay, replayEncounter, type EncounterEvent, type FollowUpEffect } from '@adt/adt';
import {
  findEncounterFollowUps,
  findPatientDeath,
  listEncounterHistory,
  saveEncounterState,
  setEncounterEventNote,
  touchSamePersonFollowUps,
  type EncounterRecord,
  type PatientDeath,
  type Queryable,
} from '@adt/db';
import { applyFollowUpEffects, type CreatedFollowUp } from './follow-up-effects.js';
import { decodeHistoryEntry } from './message-reading.js';
import type { ProcessingSettings } from './processing-settings.js';

/** What a replay changed. */
export interface ReplayOutcome {
  created: CreatedFollowUp[];
  effects: FollowUpEffect['type'][];
  /** Events whose stored message could no longer be read (left out of the replay). */
  unreadable: number;
}

/**
 * Replays an encounter in event order and applies the difference.
 * @param db - the processing transaction (the encounter row is locked)
 * @param settings - rules and routing settings
 * @param encounter - the encounter
 * @param messageId - the message being applied (for timeline notes)
 * @param patientDeath - the encounter's patient's death when already read under its row lock;
 *   read here otherwise
 */
export async function replayStoredEncounter(
  db: Queryable,
  settings: ProcessingSettings,
  encounter: EncounterRecord,
  messageId: string,
  patientDeath?: PatientDeath,
): Promise<ReplayOutcome> {
  const zone = settings.zoneForFacility(encounter.facility);
  const history = await listEncounterHistory(db, encounter.id);
  const events: EncounterEvent[] = [];
  for (const entry of history) {
    const event = decodeHistoryEntry(entry, zone);
    if (event) events.push(event);
  }
  const death = patientDeath ?? (await findPatientDeath(db, encounter.patientId));
  const replay = replayEncounter({
    events,
    existing: await findEncounterFollowUps(db, encounter.id),
    patientDeceased: death.deceased,
    patientDiedAt: death.deceasedAt,
    config: settings.rules,
  });
  for (const [eventMessageId, notes] of replay.notes) {
    await setEncounterEventNote(db, eventMessageId, notes.length > 0 ? notes.join('; ') : null);
  }
  const last = history.at(-1);
  const lastEvent = last ? { type: last.eventType, at: last.occurredAt } : null;
  const state = { ...replay.state, visitNumber: encounter.visitNumber };
  await saveEncounterState(db, encounter.id, state, lastEvent);
  if (changesHospitalStay(encounter, state))
    await touchSamePersonFollowUps(db, encounter.patientId, encounter.id);
  const created = await applyFollowUpEffects(db, replay.effects, {
    encounter: { ...encounter, ...state, lastEventAt: lastEvent?.at ?? encounter.lastEventAt },
    messageId,
    diedAt: replay.diedAt ?? death.deceasedAt,
    defaultTeam: settings.defaultTeam,
    zone: settings.rules.calendar.zone,
  });
  return {
    created,
    effects: replay.effects.map((e) => e.type),
    unreadable: history.length - events.length,
  };
}
