/**
 * The database side of routing a follow-up: whether the patient is attributed (roster), which team
 * inbox it goes to (roster, team rules, default team) and its readmission risk (LACE from the
 * encounter and the patient's ED history). The decisions themselves are the pure functions of
 * `@adt/adt`; this module reads what they need and writes the outcome, in the caller's transaction.
 */
import {
  assessRisk,
  chooseTeam,
  prioritizeByRisk,
  type EdVisit,
  type FollowUpKind,
  type Priority,
  type RiskAssessment,
  type TeamChoice,
} from '@adt/adt';
import { createFollowUp, updateFollowUp, type FollowUpChanges } from './follow-up-repository.js';
import type { Queryable } from './pool.js';
import { findRosterAttribution } from './roster-repository.js';
import { listTeamRules } from './team-rule-repository.js';

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
  /** `DEFAULT_TEAM`: the team when neither the roster nor a rule names one. */
  defaultTeam: string;
  /** Practice zone (length of stay counts its midnights). */
  zone: string;
}

/**
 * The patient's ED visits on other encounters in a period, and whether this encounter began in
 * the ED. An encounter is an ED visit when its class is `E` or it had an `ed_visit` follow-up (an
 * ED visit admitted on the same visit number changes class to `I`). Its arrival is PV1-44, else
 * its first applied event.
 * @param db - pool or transaction client
 * @param query - patient, the encounter to leave out, and the period `[since, before)`
 */
export async function findEdVisitHistory(
  db: Queryable,
  query: { patientId: string; encounterId: string; since: Date; before: Date },
): Promise<{ otherEdVisits: EdVisit[]; startedInEd: boolean }> {
  // One after the other: the caller's transaction is a single connection.
  const visits = await db.query<{ arrived_at: Date; left_at: Date | null }>(
    `SELECT v.arrived_at, v.left_at FROM (
       SELECT COALESCE(e.admitted_at,
                       (SELECT min(ee.occurred_at) FROM encounter_events ee WHERE ee.encounter_id = e.id),
                       e.created_at) AS arrived_at,
              e.discharged_at AS left_at
         FROM encounters e
        WHERE e.patient_id = $1 AND e.id <> $2
          AND (upper(trim(e.patient_class)) = 'E'
               OR EXISTS (SELECT 1 FROM follow_ups f WHERE f.encounter_id = e.id AND f.kind = 'ed_visit'))
     ) v
     WHERE v.arrived_at >= $3 AND v.arrived_at < $4
     ORDER BY v.arrived_at`,
    [query.patientId, query.encounterId, query.since, query.before],
  );
  const started = await db.query<{ started: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM follow_ups WHERE encounter_id = $1 AND kind = 'ed_visit') AS started`,
    [query.encounterId],
  );
  return {
    otherEdVisits: visits.rows.map((row) => ({ arrivedAt: row.arrived_at, leftAt: row.left_at })),
    startedInEd: started.rows[0]?.started ?? false,
  };
}

/**
 * Scores an encounter's readmission risk (LACE and the high-risk flags) from its state and the
 * patient's stored ED history, counted back from the admission (else discharge, else last event).
 * @param db - pool or transaction client
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
 * @param db - transaction client
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
  const attribution = await findRosterAttribution(db, encounter.patientId);
  if (attribution.rosterLoaded && !attribution.enrolled) return { status: 'unattributed' };
  const team = chooseTeam(
    {
      rosterTeam: attribution.team,
      facility: encounter.facility,
      kind: planned.kind,
      patientClass: encounter.patientClass,
    },
    await listTeamRules(db),
    settings.defaultTeam,
  );
  const risk = await assessEncounterRisk(db, encounter, settings.zone);
  const { priority, visitDueBy } = prioritizeByRisk(
    { priority: planned.priority, visitDueBy: planned.visitDueBy },
    risk,
    settings.zone,
  );
  const followUpId = await createFollowUp(db, {
    encounterId: encounter.id,
    patientId: encounter.patientId,
    kind: planned.kind,
    dueAt: planned.dueAt,
    visitDueBy,
    priority,
    inEdNow: planned.inEdNow,
    team: team.team,
  });
  if (followUpId === null) return { status: 'exists' };
  await saveFollowUpRisk(db, followUpId, risk);
  return { status: 'created', followUpId, team, risk };
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
  await updateFollowUp(db, followUpId, prioritizeByRisk(changes, risk, zone));
  await saveFollowUpRisk(db, followUpId, risk);
  return risk;
}
