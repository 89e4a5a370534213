/**
 * Escalations of overdue follow-ups to their team's lead: the candidates a sweep reads, the
 * escalations it opens, and how each one ends. One open escalation per follow-up is the unique
 * index `escalations_one_open`: several processes may sweep at once.
 */
import type { EscalationResolution, StayLimits } from '@adt/adt';
import { STILL_TO_DO } from './follow-up-queries.js';
import type { Queryable } from './pool.js';
import { inHospitalFollowUpsCte, inHospitalParameters } from './follow-up-whereabouts.js';

/** A stored escalation. */
export interface Escalation {
  id: string;
  followUpId: string;
  team: string;
  escalatedAt: Date;
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  resolution: EscalationResolution | null;
}

/** An active follow-up past the cutoff with no open escalation, as the escalation rule reads it. */
export interface EscalationCandidateRow {
  followUpId: string;
  team: string;
  status: string;
  dueAt: Date;
  patientInHospital: boolean;
  previous: { resolution: EscalationResolution; resolvedAt: Date } | null;
}

// Columns named as the Escalation's fields, so a row is the value.
const ESCALATION_COLUMNS = `id::text, follow_up_id::text AS "followUpId", team, escalated_at AS "escalatedAt",
  acknowledged_by AS "acknowledgedBy", acknowledged_at AS "acknowledgedAt", resolved_at AS "resolvedAt", resolution`;

/**
 * Open and in-progress follow-ups due before the cutoff that have no open escalation and were
 * never acknowledged by a lead, oldest due first, with whether the patient is in hospital now and
 * how their latest escalation ended.
 * @param query - the cutoff, the in-hospital settings and how many to read at most
 */
export async function findEscalationCandidates(
  db: Queryable,
  query: {
    dueBefore: Date;
    observationCodes: ReadonlySet<string>;
    now: Date;
    limits: StayLimits;
    limit: number;
  },
): Promise<EscalationCandidateRow[]> {
  const [codes, edSince] = inHospitalParameters(query);
  const result = await db.query<{
    follow_up_id: string;
    team: string;
    status: string;
    due_at: Date;
    in_hospital: boolean;
    resolution: EscalationResolution | null;
    resolved_at: Date | null;
  }>(
    `WITH RECURSIVE ${inHospitalFollowUpsCte('$2::text[]', '$3::timestamptz')}
     SELECT f.id::text AS follow_up_id, f.team, f.status, f.due_at,
            EXISTS (SELECT 1 FROM in_hospital_follow_ups h WHERE h.follow_up_id = f.id) AS in_hospital,
            last.resolution, last.resolved_at
       FROM follow_ups f
       LEFT JOIN LATERAL (
         SELECT x.id, x.resolution, x.resolved_at FROM escalations x
          WHERE x.follow_up_id = f.id ORDER BY x.id DESC LIMIT 1
       ) last ON true
      WHERE ${STILL_TO_DO} AND f.due_at < $1
        -- The open escalation of a follow-up is always its latest.
        AND (last.id IS NULL OR (last.resolved_at IS NOT NULL AND last.resolution <> 'acknowledged'))
      ORDER BY f.due_at, f.id
      LIMIT $4`,
    [query.dueBefore, codes, edSince, query.limit],
  );
  return result.rows.map((row) => ({
    followUpId: row.follow_up_id,
    team: row.team,
    status: row.status,
    dueAt: row.due_at,
    patientInHospital: row.in_hospital,
    previous:
      row.resolution !== null && row.resolved_at !== null
        ? { resolution: row.resolution, resolvedAt: row.resolved_at }
        : null,
  }));
}

/**
 * Opens an escalation for each follow-up still active and without an open one (another process
 * may have opened it meanwhile: the unique index decides, and that one is skipped).
 * @param followUpIds - the follow-ups the rule escalates
 * @param at - the escalation time
 * @returns the escalations opened
 */
export async function openEscalations(
  db: Queryable,
  followUpIds: readonly string[],
  at: Date,
): Promise<Escalation[]> {
  if (followUpIds.length === 0) return [];
  const result = await db.query<Escalation>(
    `INSERT INTO escalations (follow_up_id, team, escalated_at)
     SELECT f.id, f.team, $2 FROM follow_ups f
      WHERE f.id = ANY($1::bigint[]) AND ${STILL_TO_DO}
     ON CONFLICT (follow_up_id) WHERE resolved_at IS NULL DO NOTHING
     RETURNING ${ESCALATION_COLUMNS}`,
    [followUpIds, at],
  );
  return result.rows;
}

/**
 * Ends the open escalations of follow-ups that are no longer active (closed, cancelled or
 * superseded by any path) as `closed`.
 * @param at - when
 * @returns how many were ended
 */
export async function closeEscalationsOfFinishedWork(db: Queryable, at: Date): Promise<number> {
  const result = await db.query(
    `UPDATE escalations x SET resolved_at = $1, resolution = 'closed'
       FROM follow_ups f
      WHERE x.resolved_at IS NULL AND f.id = x.follow_up_id
        AND NOT ${STILL_TO_DO}`,
    [at],
  );
  return result.rowCount ?? 0;
}

/**
 * Ends a follow-up's open escalation, if it has one (a care action reassigned or closed the work).
 * @param followUpId - the follow-up
 * @param resolution - how it ended
 * @param at - when
 * @returns the escalation ended, or null when none was open
 */
export async function resolveOpenEscalation(
  db: Queryable,
  followUpId: string,
  resolution: EscalationResolution,
  at: Date,
): Promise<Escalation | null> {
  const result = await db.query<Escalation>(
    `UPDATE escalations SET resolved_at = $3, resolution = $2
      WHERE follow_up_id = $1 AND resolved_at IS NULL
      RETURNING ${ESCALATION_COLUMNS}`,
    [followUpId, resolution, at],
  );
  return result.rows[0] ?? null;
}

/**
 * One escalation.
 * @param id - its id (digits)
 */
export async function findEscalation(db: Queryable, id: string): Promise<Escalation | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const result = await db.query<Escalation>(`SELECT ${ESCALATION_COLUMNS} FROM escalations WHERE id = $1`, [
    id,
  ]);
  return result.rows[0] ?? null;
}

/**
 * Acknowledges an open escalation, which ends it (`acknowledged`).
 * @param id - the escalation
 * @param actor - who acknowledges it (`user:<username>`)
 * @param at - when
 * @returns the escalation, or null when it was not open
 */
export async function acknowledgeEscalation(
  db: Queryable,
  id: string,
  actor: string,
  at: Date,
): Promise<Escalation | null> {
  const result = await db.query<Escalation>(
    `UPDATE escalations
        SET acknowledged_by = $2, acknowledged_at = $3, resolved_at = $3, resolution = 'acknowledged'
      WHERE id = $1 AND resolved_at IS NULL
      RETURNING ${ESCALATION_COLUMNS}`,
    [id, actor, at],
  );
  return result.rows[0] ?? null;
}

/** A team's open escalations, for the alert: how many and since when. */
export interface TeamEscalationCount {
  team: string;
  open: number;
  oldestEscalatedAt: Date | null;
}

/** Every team with its count of open escalations (zero included, so an alert can end). */
export async function countOpenEscalationsByTeam(db: Queryable): Promise<TeamEscalationCount[]> {
  const result = await db.query<{ team: string; open: string; oldest: Date | null }>(
    `SELECT t.name AS team, count(x.id) AS open, min(x.escalated_at) AS oldest
       FROM teams t LEFT JOIN escalations x ON x.team = t.name AND x.resolved_at IS NULL
      GROUP BY t.name ORDER BY t.name`,
  );
  return result.rows.map((row) => ({
    team: row.team,
    open: Number(row.open),
    oldestEscalatedAt: row.oldest,
  }));
}
