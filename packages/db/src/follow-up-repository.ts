import type { ExistingFollowUp, FollowUpKind, Priority } from '@adt/adt';
import type { Queryable } from './pool.js';

/**
 * The encounter's follow-ups, in the shape the routing rules take.
 * @param db - the processing transaction (the encounter row is locked)
 * @param encounterId - encounter id
 */
export async function findEncounterFollowUps(
  db: Queryable,
  encounterId: string,
): Promise<ExistingFollowUp[]> {
  const result = await db.query<{
    id: string;
    kind: FollowUpKind;
    status: ExistingFollowUp['status'];
    in_ed_now: boolean;
    has_actions: boolean;
  }>(
    `SELECT f.id, f.kind, f.status, f.in_ed_now,
            EXISTS (SELECT 1 FROM care_actions a WHERE a.follow_up_id = f.id) AS has_actions
       FROM follow_ups f WHERE f.encounter_id = $1 ORDER BY f.id`,
    [encounterId],
  );
  return result.rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    inEdNow: r.in_ed_now,
    hasActions: r.has_actions,
  }));
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
 * Creates the encounter's follow-up of a kind unless it exists (one per encounter and kind).
 * @param db - the processing transaction
 * @param followUp - what to create
 * @returns the new id, or null when one already existed
 */
export async function createFollowUp(db: Queryable, followUp: NewFollowUp): Promise<string | null> {
  const result = await db.query<{ id: string }>(
    `INSERT INTO follow_ups (encounter_id, patient_id, kind, due_at, visit_due_by, priority, in_ed_now, team)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (encounter_id, kind) DO NOTHING
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
 */
export async function updateFollowUp(db: Queryable, id: string, changes: FollowUpChanges): Promise<void> {
  await db.query(
    `UPDATE follow_ups SET
       due_at = COALESCE($2, due_at),
       visit_due_by = CASE WHEN $3::boolean THEN $4 ELSE visit_due_by END,
       priority = COALESCE($5, priority),
       in_ed_now = COALESCE($6, in_ed_now),
       discharge_cancelled = COALESCE($7, discharge_cancelled),
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
