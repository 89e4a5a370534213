/**
 * Routing a follow-up the rules planned: whether the patient is attributed (roster), which team
 * inbox it goes to (roster, team rules, default team) and its readmission risk (LACE from the
 * encounter and the patient's ED history). The decisions are the pure functions of `@adt/adt`;
 * what they read comes from `@adt/db`, in the caller's transaction.
 */
import {
  assessRisk,
  chooseTeam,
  prioritizeByRisk,
  type FollowUpKind,
  type Priority,
  type RiskAssessment,
  type TeamChoice,
} from '@adt/adt';
import {
  createFollowUp,
  FALLBACK_DEFAULT_TEAM,
  findEdVisitHistory,
  findRoutingInputs,
  updateFollowUp,
  type FollowUpChanges,
  type Queryable,
} from '@adt/db';

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
 * Scores an encounter's readmission risk (LACE and the high-risk flags) from its state and the
 * patient's stored ED history, counted back from the admission (else discharge, else last event).
 * @param db - the processing transaction
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
  await updateFollowUp(db, followUpId, prioritizeByRisk(changes, risk, zone), risk);
  return risk;
}
