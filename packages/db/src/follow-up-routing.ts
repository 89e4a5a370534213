/**
 * What routing a follow-up reads in the processing transaction: whether the patient is attributed
 * (roster), the team rules and the team marked default, and the patient's ED history for the risk
 * score. Queries only; the decisions are the application's (`@adt/application`).
 */
import type { EdVisit, FollowUpKind, TeamRule } from '@adt/adt';
import type { Queryable } from './pool.js';
import type { RosterAttribution } from './roster-repository.js';

/**
 * The patient's ED visits on other encounters in a period, and whether this encounter began in
 * the ED. An encounter is an ED visit when its class is `E` or it had an `ed_visit` follow-up (an
 * ED visit admitted on the same visit number changes class to `I`). Its arrival is PV1-44, else
 * its first applied event.
 * @param query - patient, the encounter to leave out, and the period `[since, before)`
 */
export async function findEdVisitHistory(
  db: Queryable,
  query: { patientId: string; encounterId: string; since: Date; before: Date },
): Promise<{ otherEdVisits: EdVisit[]; startedInEd: boolean }> {
  // One statement (one round trip): whether this encounter had an ED follow-up, joined to the
  // other encounters' visits; with no visit in the period the single row carries nulls.
  const result = await db.query<{ started: boolean; arrived_at: Date | null; left_at: Date | null }>(
    `SELECT s.started, v.arrived_at, v.left_at
       FROM (SELECT EXISTS (SELECT 1 FROM follow_ups WHERE encounter_id = $2 AND kind = 'ed_visit') AS started) s
       LEFT JOIN (
         SELECT COALESCE(e.admitted_at,
                         (SELECT min(ee.occurred_at) FROM encounter_events ee WHERE ee.encounter_id = e.id),
                         e.created_at) AS arrived_at,
                e.discharged_at AS left_at
           FROM encounters e
          WHERE e.patient_id = $1 AND e.id <> $2
            AND (upper(trim(e.patient_class)) = 'E'
                 OR EXISTS (SELECT 1 FROM follow_ups f WHERE f.encounter_id = e.id AND f.kind = 'ed_visit'))
       ) v ON v.arrived_at >= $3 AND v.arrived_at < $4
      ORDER BY v.arrived_at`,
    [query.patientId, query.encounterId, query.since, query.before],
  );
  const otherEdVisits: EdVisit[] = [];
  for (const row of result.rows) {
    if (row.arrived_at !== null) otherEdVisits.push({ arrivedAt: row.arrived_at, leftAt: row.left_at });
  }
  return { otherEdVisits, startedInEd: result.rows[0]?.started ?? false };
}

/**
 * What routing reads besides the encounter: the patient's roster attribution (as
 * `findRosterAttribution`), the team rules (as `listTeamRules`) and the team marked default (as `findDefaultTeam`), in one
 * round trip. The rules are read even for a patient off the roster; that costs nothing next to a
 * second statement.
 * @param db - the processing transaction
 * @param patientId - patient id
 */
export async function findRoutingInputs(
  db: Queryable,
  patientId: string,
): Promise<{ attribution: RosterAttribution; teamRules: TeamRule[]; markedDefaultTeam: string | null }> {
  // One row per rule (one row with null rule columns when there is none), each carrying the
  // patient's attribution; roster_enrollments has at most one row per patient.
  const result = await db.query<{
    roster_loaded: boolean;
    enrolled: boolean;
    team: string | null;
    default_team: string | null;
    rule_id: string | null;
    rule_facility: string | null;
    rule_kind: FollowUpKind | null;
    rule_patient_class: string | null;
    rule_team: string | null;
    rule_priority: number | null;
  }>(
    `SELECT EXISTS (SELECT 1 FROM roster_entries WHERE removed_at IS NULL) AS roster_loaded,
            e.patient_id IS NOT NULL AS enrolled, NULLIF(e.team, '') AS team,
            (SELECT name FROM teams WHERE is_default) AS default_team,
            r.id AS rule_id, r.facility AS rule_facility, r.kind AS rule_kind,
            r.patient_class AS rule_patient_class, r.team AS rule_team, r.priority AS rule_priority
       FROM (SELECT 1) one
       LEFT JOIN roster_enrollments e ON e.patient_id = $1
       LEFT JOIN team_rules r ON true
      ORDER BY r.priority, r.id`,
    [patientId],
  );
  const first = result.rows[0];
  const teamRules: TeamRule[] = [];
  for (const row of result.rows) {
    if (row.rule_id === null || row.rule_team === null || row.rule_priority === null) continue;
    teamRules.push({
      id: row.rule_id,
      facility: row.rule_facility,
      kind: row.rule_kind,
      patientClass: row.rule_patient_class,
      team: row.rule_team,
      priority: row.rule_priority,
    });
  }
  return {
    attribution: {
      rosterLoaded: first?.roster_loaded ?? false,
      enrolled: first?.enrolled ?? false,
      team: first?.team ?? null,
    },
    teamRules,
    markedDefaultTeam: first?.default_team ?? null,
  };
}
