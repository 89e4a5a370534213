/**
 * The database side of routing a follow-up: whether the patient is attributed (roster), which team
 * inbox it goes to (roster, team rules, default team) and its readmission risk (LACE from the
 * encounter and the patient's ED history). The decisions themselves are the pure functions of
 * `@adt/adt`; this module reads what they need and writes the outcome, in the caller's transaction.
 */
import {
  assessRisk,
  chooseTeam,
  orderTeamRules,
  prioritizeByRisk,
  type EdVisit,
  type FollowUpKind,
  type Priority,
  type RiskAssessment,
  type TeamChoice,
  type TeamRule,
} from '@adt/adt';
import { createFollowUp, type FollowUpChanges } from './follow-up-repository.js';
import type { Queryable } from './pool.js';
import type { RosterAttribution } from './roster-repository.js';
import { FALLBACK_DEFAULT_TEAM } from './team-repository.js';

/** ED history is read this far back; the risk rules look at most 12 calendar months back. */
const ED_HISTORY_LOOKBACK_DAYS = 400;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The encounter fields routing and risk read (an `EncounterRecord` has them all). */
export interface RoutingEncounter {
  id: string;
  patientId: string;
  facility: string;
  patientClass: string;
  admissionType: string;
  admittedAt: Date | null;
  dischargedAt: Date | null;
  disposition: string;
  diagnoses: readonly { code: string; codingSystem: string }[];
  lastEventAt: Date | null;
}

/** Practice settings routing needs. */
export interface RoutingSettings {
  /**
   * `DEFAULT_TEAM`: the team when neither the roster nor a rule names one; null (not set) uses the
   * team marked default, else `default`.
   */
  defaultTeam: string | null;
  /** Practice zone (length of stay counts its midnights). */
  zone: string;
}

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
 * Scores an encounter's readmission risk (LACE and the high-risk flags) from its state and the
 * patient's stored ED history, counted back from the admission (else discharge, else last event).
 * @param encounter - the encounter's current state
 * @param zone - practice zone
 * @param now - the instant used when the encounter carries no time at all
 */
export async function assessEncounterRisk(
  db: Queryable,
  encounter: RoutingEncounter,
  zone: string,
  now: Date = new Date(),
): Promise<RiskAssessment> {
  const at = encounter.admittedAt ?? encounter.dischargedAt ?? encounter.lastEventAt ?? now;
  const history = await findEdVisitHistory(db, {
    patientId: encounter.patientId,
    encounterId: encounter.id,
    since: new Date(at.getTime() - ED_HISTORY_LOOKBACK_DAYS * DAY_MS),
    before: at,
  });
  return assessRisk({
    admitAt: encounter.admittedAt,
    dischargeAt: encounter.dischargedAt,
    zone,
    patientClass: encounter.patientClass,
    admissionType: encounter.admissionType,
    startedInEd: history.startedInEd,
    diagnoses: encounter.diagnoses,
    disposition: encounter.disposition,
    otherEdVisits: history.otherEdVisits,
    at,
  });
}

/**
 * Stores a follow-up's risk score and flags (open and in-progress follow-ups only).
 * @param followUpId - follow-up id
 * @param risk - the assessment
 */
export async function saveFollowUpRisk(
  db: Queryable,
  followUpId: string,
  risk: RiskAssessment,
): Promise<void> {
  await db.query(
    `UPDATE follow_ups SET risk_score = $2, risk_flags = $3, updated_at = now()
      WHERE id = $1 AND status IN ('open', 'in_progress')`,
    [followUpId, risk.score, risk.flags],
  );
}

/** A follow-up the rules decided to create, before routing. */
export interface PlannedFollowUp {
  kind: FollowUpKind;
  dueAt: Date;
  visitDueBy: Date | null;
  priority: Priority;
  inEdNow: boolean;
}

/** What {@link createRoutedFollowUp} did. */
export type RoutedCreation =
  | { status: 'created'; followUpId: string; team: TeamChoice; risk: RiskAssessment }
  | { status: 'exists' }
  | { status: 'unattributed' };

/**
 * Creates a follow-up the rules planned, routed: nothing when a roster is loaded and the patient
 * is not on it (the event is still applied; the patient shows as unattributed); otherwise in the
 * chosen team's inbox, scored, with the priority raised (and the visit due by day 7) when the risk
 * is high.
 * @param db - the processing transaction (the encounter row is locked)
 * @param planned - the rules' create effect
 * @param encounter - the encounter's current state
 * @param settings - default team and practice zone
 */
export async function createRoutedFollowUp(
  db: Queryable,
  planned: PlannedFollowUp,
  encounter: RoutingEncounter,
  settings: RoutingSettings,
): Promise<RoutedCreation> {
  const { attribution, teamRules, markedDefaultTeam } = await findRoutingInputs(db, encounter.patientId);
  if (attribution.rosterLoaded && !attribution.enrolled) return { status: 'unattributed' };
  const team = chooseTeam(
    {
      rosterTeam: attribution.team,
      facility: encounter.facility,
      kind: planned.kind,
      patientClass: encounter.patientClass,
    },
    teamRules,
    settings.defaultTeam ?? markedDefaultTeam ?? FALLBACK_DEFAULT_TEAM,
  );
  const risk = await assessEncounterRisk(db, encounter, settings.zone);
  const { priority, visitDueBy } = prioritizeByRisk(
    { priority: planned.priority, visitDueBy: planned.visitDueBy },
    risk,
    settings.zone,
  );
  const followUpId = await createFollowUp(
    db,
    {
      encounterId: encounter.id,
      patientId: encounter.patientId,
      kind: planned.kind,
      dueAt: planned.dueAt,
      visitDueBy,
      priority,
      inEdNow: planned.inEdNow,
      team: team.team,
    },
    risk,
  );
  if (followUpId === null) return { status: 'exists' };
  return { status: 'created', followUpId, team, risk };
}

/**
 * What routing reads besides the encounter: the patient's roster attribution (as
 * `findRosterAttribution`), the team rules in the order routing tries them (as `listTeamRules`)
 * and the team marked default (as `findDefaultTeam`), in one round trip. The rules are read even for a patient off the roster; that costs nothing
 * next to a second statement.
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
    teamRules: orderTeamRules(teamRules),
    markedDefaultTeam: first?.default_team ?? null,
  };
}

/**
 * Applies the rules' update to a follow-up and re-scores it: the encounter may have gained a
 * discharge time, diagnoses or a disposition. High risk raises the priority the update sets.
 * @param db - the processing transaction
 * @param followUpId - follow-up id
 * @param changes - the rules' update
 * @param encounter - the encounter's current state
 * @param zone - practice zone
 */
export async function updateRoutedFollowUp(
  db: Queryable,
  followUpId: string,
  changes: FollowUpChanges,
  encounter: RoutingEncounter,
  zone: string,
): Promise<RiskAssessment> {
  const risk = await assessEncounterRisk(db, encounter, zone);
  await updateScoredFollowUp(db, followUpId, prioritizeByRisk(changes, risk, zone), risk);
  return risk;
}

/**
 * `updateFollowUp` and {@link saveFollowUpRisk} in one statement (both touch only open and
 * in-progress follow-ups, so the row either takes both or neither).
 * @param db - the processing transaction
 * @param id - follow-up id
 * @param changes - the new values; absent fields stay as they are
 * @param risk - the new assessment
 */
async function updateScoredFollowUp(
  db: Queryable,
  id: string,
  changes: FollowUpChanges,
  risk: RiskAssessment,
): Promise<void> {
  await db.query(
    `UPDATE follow_ups SET
       due_at = COALESCE($2, due_at),
       visit_due_by = CASE WHEN $3::boolean THEN $4 ELSE visit_due_by END,
       priority = COALESCE($5, priority),
       in_ed_now = COALESCE($6, in_ed_now),
       discharge_cancelled = COALESCE($7, discharge_cancelled),
       risk_score = $8,
       risk_flags = $9,
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
      risk.score,
      risk.flags,
    ],
  );
}
