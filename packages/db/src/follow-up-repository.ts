import type { FollowUpKind, Priority, StoredFollowUp } from '@adt/adt';
import type { EncounterState } from './encounter-repository.js';
import { encounterStateValues, SAVE_ENCOUNTER_STATE } from './encounter-state-sql.js';
import type { Queryable } from './pool.js';

/**
 * The encounter's follow-ups in creation order, in the shape the routing rules and an encounter
 * replay take.
 * @param db - the processing transaction (the encounter row is locked)
 * @param encounterId - encounter id
 */
export async function findEncounterFollowUps(db: Queryable, encounterId: string): Promise<StoredFollowUp[]> {
  const result = await db.query<StoredFollowUpRow>(ENCOUNTER_FOLLOW_UPS, [encounterId]);
  return result.rows.map(storedFollowUpOf);
}

/**
 * Saves an encounter's new visit state ({@link saveEncounterState}) and reads its follow-ups
 * ({@link findEncounterFollowUps}) in one round trip: the state is no input of the read.
 * @param db - the processing transaction (the encounter row is locked)
 * @param encounterId - encounter id
 * @param state - the merged state
 * @param lastEvent - the encounter's newest event
 */
export async function saveStateFindingFollowUps(
  db: Queryable,
  encounterId: string,
  state: EncounterState,
  lastEvent: { type: string; at: Date },
): Promise<StoredFollowUp[]> {
  const result = await db.query<StoredFollowUpRow>(
    `WITH saved AS (${SAVE_ENCOUNTER_STATE}) ${ENCOUNTER_FOLLOW_UPS}`,
    encounterStateValues(encounterId, state, lastEvent),
  );
  return result.rows.map(storedFollowUpOf);
}

interface StoredFollowUpRow {
  id: string;
  kind: FollowUpKind;
  status: StoredFollowUp['status'];
  in_ed_now: boolean;
  has_actions: boolean;
  due_at: Date;
  visit_due_by: Date | null;
  priority: Priority;
  discharge_cancelled: boolean;
  status_reason: string | null;
}

/** Encounter $1's follow-ups in creation order. */
const ENCOUNTER_FOLLOW_UPS = `
  SELECT f.id, f.kind, f.status, f.in_ed_now, f.due_at, f.visit_due_by, f.priority,
         f.discharge_cancelled, f.status_reason,
         EXISTS (SELECT 1 FROM care_actions a WHERE a.follow_up_id = f.id) AS has_actions
    FROM follow_ups f WHERE f.encounter_id = $1 ORDER BY f.id`;

function storedFollowUpOf(r: StoredFollowUpRow): StoredFollowUp {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    inEdNow: r.in_ed_now,
    hasActions: r.has_actions,
    dueAt: r.due_at,
    visitDueBy: r.visit_due_by,
    priority: r.priority,
    dischargeCancelled: r.discharge_cancelled,
    statusReason: r.status_reason,
  };
}

/** A follow-up the rules decided to create. */
export interface NewFollowUp {
  encounterId: string;
  patientId: string;
  kind: FollowUpKind;
  dueAt: Date;
  visitDueBy: Date | null;
  priority: Priority;
  inEdNow: boolean;
  team: string;
}

/**
 * Creates the encounter's follow-up of a kind unless an active one (open or in progress) exists:
 * one task per encounter and kind at a time, while done and cancelled ones stay as history.
 * @param db - the processing transaction
 * @param followUp - what to create
 * @param risk - its readmission risk when already assessed, written in the same row (else none)
 * @returns the new id, or null when an active one already existed
 */
export async function createFollowUp(
  db: Queryable,
  followUp: NewFollowUp,
  risk: { score: number; flags: readonly string[] } | null = null,
): Promise<string | null> {
  const result = await db.query<{ id: string }>(
    `INSERT INTO follow_ups (encounter_id, patient_id, kind, due_at, visit_due_by, priority, in_ed_now, team,
                             risk_score, risk_flags)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, COALESCE($10::text[], '{}'))
     ON CONFLICT (encounter_id, kind) WHERE status IN ('open', 'in_progress') DO NOTHING
     RETURNING id`,
    [
      followUp.encounterId,
      followUp.patientId,
      followUp.kind,
      followUp.dueAt,
      followUp.visitDueBy,
      followUp.priority,
      followUp.inEdNow,
      followUp.team,
      risk?.score ?? null,
      risk?.flags ?? null,
    ],
  );
  return result.rows[0]?.id ?? null;
}

/** Fields the rules may change on an open follow-up; absent fields stay as they are. */
export interface FollowUpChanges {
  dueAt?: Date;
  visitDueBy?: Date | null;
  priority?: Priority;
  inEdNow?: boolean;
  dischargeCancelled?: boolean;
}

/**
 * Updates an open or in-progress follow-up; done and cancelled ones are never reopened.
 * @param db - the processing transaction
 * @param id - follow-up id
 * @param changes - the new values
 * @param risk - its new readmission risk when re-scored, written in the same statement (else kept)
 */
export async function updateFollowUp(
  db: Queryable,
  id: string,
  changes: FollowUpChanges,
  risk: { score: number; flags: readonly string[] } | null = null,
): Promise<void> {
  await db.query(
    `UPDATE follow_ups SET
       due_at = COALESCE($2, due_at),
       visit_due_by = CASE WHEN $3::boolean THEN $4 ELSE visit_due_by END,
       priority = COALESCE($5, priority),
       in_ed_now = COALESCE($6, in_ed_now),
       discharge_cancelled = COALESCE($7, discharge_cancelled),
       risk_score = CASE WHEN $8::boolean THEN $9 ELSE risk_score END,
       risk_flags = CASE WHEN $8::boolean THEN $10::text[] ELSE risk_flags END,
       updated_at = now()
     WHERE id = $1 AND status IN ('open', 'in_progress')`,
    [
      id,
      changes.dueAt ?? null,
      'visitDueBy' in changes,
      changes.visitDueBy ?? null,
      changes.priority ?? null,
      changes.inEdNow ?? null,
      changes.dischargeCancelled ?? null,
      risk !== null,
      risk?.score ?? null,
      risk?.flags ?? null,
    ],
  );
}

/**
 * Cancels an open or in-progress follow-up with a reason.
 * @param db - the processing transaction
 * @param id - follow-up id
 * @param reason - why (deceased, admitted, visit_cancelled, discharge_cancelled)
 */
export async function cancelFollowUp(db: Queryable, id: string, reason: string): Promise<void> {
  await db.query(
    `UPDATE follow_ups SET status = 'cancelled', status_reason = $2, closed_at = now(), updated_at = now()
      WHERE id = $1 AND status IN ('open', 'in_progress')`,
    [id, reason],
  );
}

/**
 * Cancels every open follow-up of a patient (e.g. the patient died).
 * @param db - the processing transaction
 * @param patientId - patient id
 * @param reason - why
 * @returns how many were cancelled
 */
export async function cancelPatientFollowUps(
  db: Queryable,
  patientId: string,
  reason: string,
): Promise<number> {
  const result = await db.query(
    `UPDATE follow_ups SET status = 'cancelled', status_reason = $2, closed_at = now(), updated_at = now()
      WHERE patient_id = $1 AND status IN ('open', 'in_progress')`,
    [patientId, reason],
  );
  return result.rowCount ?? 0;
}

/** What a reopened follow-up is set to. */
export interface ReopenedFollowUp {
  dueAt: Date;
  visitDueBy: Date | null;
  priority: Priority;
  inEdNow: boolean;
  dischargeCancelled: boolean;
}

/**
 * Reopens a cancelled follow-up that an encounter replay found active in event order (a late
 * event removed the reason it was cancelled). Done follow-ups, and duplicates retired by a merge
 * or cancelled because the patient died, are never reopened.
 * @param db - the processing transaction
 * @param id - follow-up id
 * @param values - the in-order values
 * @returns whether it was reopened
 */
export async function reopenFollowUp(db: Queryable, id: string, values: ReopenedFollowUp): Promise<boolean> {
  const result = await db.query(
    `UPDATE follow_ups f SET
       status = CASE WHEN EXISTS (SELECT 1 FROM care_actions a WHERE a.follow_up_id = f.id)
                     THEN 'in_progress' ELSE 'open' END,
       status_reason = NULL, closed_at = NULL,
       due_at = $2, visit_due_by = $3, priority = $4, in_ed_now = $5, discharge_cancelled = $6,
       updated_at = now()
     WHERE id = $1 AND status = 'cancelled' AND COALESCE(status_reason, '') NOT IN ('merged', 'deceased')
       AND NOT EXISTS (SELECT 1 FROM follow_ups o
                        WHERE o.encounter_id = f.encounter_id AND o.kind = f.kind
                          AND o.status IN ('open', 'in_progress'))`,
    [id, values.dueAt, values.visitDueBy, values.priority, values.inEdNow, values.dischargeCancelled],
  );
  return result.rowCount === 1;
}
