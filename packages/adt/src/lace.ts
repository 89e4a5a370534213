/**
 * Readmission risk from what an ADT feed carries: the LACE index (van
 * Walraven et al., CMAJ 2010;182(6):551-7) plus the product's other
 * high-risk signals (left against medical advice, frequent ED use).
 *
 * LACE point table:
 *
 * | component | value | points |
 * |---|---|---|
 * | L, length of stay (days) | < 1 / 1 / 2 / 3 / 4–6 / 7–13 / ≥ 14 | 0 / 1 / 2 / 3 / 4 / 5 / 7 |
 * | A, acute (emergent) admission | yes | 3 |
 * | C, Charlson comorbidity index | 0 / 1 / 2 / 3 / ≥ 4 | 0 / 1 / 2 / 3 / 5 |
 * | E, ED visits in the prior 6 months | 0 / 1 / 2 / 3 / ≥ 4 | 0 / 1 / 2 / 3 / 4 |
 *
 * The score runs 0–19; 10 or more is high risk.
 */
import { DateTime } from 'luxon';

import { addCalendarDays, endOfLocalDay, localDate } from './business-days.js';
import { charlsonIndex, type CodedDiagnosis } from './charlson.js';
import { classifyDisposition } from './disposition.js';
import type { Priority } from './follow-up.js';
import { HIGH_PRIORITY_VISIT_CALENDAR_DAYS, NORMAL_PRIORITY_VISIT_CALENDAR_DAYS } from './follow-up-clock.js';

/** A LACE score at or above this is high risk. */
export const LACE_HIGH_RISK_THRESHOLD = 10;
/** This many ED visits in 12 months (the current one included) is high risk on its own. */
export const FREQUENT_ED_VISITS_PER_YEAR = 4;
/** Points for an acute (emergent) admission. */
export const ACUTE_ADMISSION_POINTS = 3;
/** An ED visit that ended this close before the admission made it acute. */
export const ED_TO_ADMISSION_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Why a follow-up is high risk, as stored on it and shown to navigators. */
export type RiskFlag = 'lace_high' | 'ama' | 'frequent_ed';

/** An ED visit on another encounter of the patient. */
export interface EdVisit {
  /** Arrival (PV1-44, else the encounter's first event). */
  arrivedAt: Date;
  /** ED discharge (PV1-45), null when never sent. */
  leftAt: Date | null;
}

/** What the risk assessment reads: the encounter's state and the patient's ED history. */
export interface RiskInput {
  /** PV1-44. */
  admitAt: Date | null;
  /** PV1-45; null while the patient is still in (or the feed never said). */
  dischargeAt: Date | null;
  /** Practice zone: length of stay counts midnights on its wall clock. */
  zone: string;
  /** PV1-2; `E` makes the encounter itself an ED visit. */
  patientClass: string;
  /** PV1-4; `E` (emergency) is an acute admission. */
  admissionType: string;
  /** The encounter began as an ED visit (it had an `ed_visit` follow-up before admission). */
  startedInEd: boolean;
  /** DG1 diagnoses. */
  diagnoses: readonly CodedDiagnosis[];
  /** PV1-36. */
  disposition: string;
  /** ED visits on the patient's other encounters; only those before `at` are counted. */
  otherEdVisits: readonly EdVisit[];
  /** The instant history is counted back from: the admission or arrival, else the latest event. */
  at: Date;
}

/** LACE points per component. */
export interface LacePoints {
  lengthOfStay: number;
  acuity: number;
  comorbidity: number;
  edVisits: number;
}

/** The outcome of {@link assessRisk}. */
export interface RiskAssessment {
  /** The LACE score, 0–19. */
  score: number;
  points: LacePoints;
  /** Reasons for high risk, in a fixed order; empty when not high. */
  flags: RiskFlag[];
  /** Whether any flag is set. */
  high: boolean;
}

/**
 * L points for a length of stay.
 * @param days - whole days (midnights) from admission to discharge
 */
export function lengthOfStayPoints(days: number): number {
  if (days < 1) return 0;
  if (days <= 3) return Math.floor(days);
  if (days <= 6) return 4;
  if (days <= 13) return 5;
  return 7;
}

/**
 * C points for a Charlson comorbidity index: the index itself up to 3, then 5.
 * @param index - Charlson comorbidity index
 */
export function comorbidityPoints(index: number): number {
  return index >= 4 ? 5 : Math.max(0, Math.floor(index));
}

/**
 * E points for the number of ED visits in the prior 6 months: the count, capped at 4.
 * @param visits - ED visits in the 6 months before the encounter
 */
export function edVisitPoints(visits: number): number {
  return Math.min(4, Math.max(0, Math.floor(visits)));
}

/**
 * Length of stay as hospitals count it: midnights between the local admission and discharge dates.
 * 0 when either end is unknown (an ED patient still in, a feed without PV1-44).
 * @param input - admission and discharge instants and the practice zone
 */
export function lengthOfStayDays(input: Pick<RiskInput, 'admitAt' | 'dischargeAt' | 'zone'>): number {
  if (input.admitAt === null || input.dischargeAt === null) return 0;
  const from = DateTime.fromISO(localDate(input.admitAt, input.zone), { zone: 'UTC' });
  const to = DateTime.fromISO(localDate(input.dischargeAt, input.zone), { zone: 'UTC' });
  return Math.max(0, Math.round(to.diff(from, 'days').days));
}

/**
 * Whether the stay was an acute admission: PV1-4 = E, an ED encounter, an encounter that started in
 * the ED, or an ED visit on another encounter that ended within 24 hours before the admission.
 */
function isAcute(input: RiskInput): boolean {
  if (code(input.admissionType) === 'E' || code(input.patientClass) === 'E' || input.startedInEd) return true;
  const admittedAt = (input.admitAt ?? input.at).getTime();
  return input.otherEdVisits.some((visit) => {
    const endedAt = (visit.leftAt ?? visit.arrivedAt).getTime();
    return visit.arrivedAt.getTime() <= admittedAt && admittedAt - endedAt <= ED_TO_ADMISSION_WINDOW_MS;
  });
}

function code(value: string): string {
  return value.trim().toUpperCase();
}

/** ED visits that arrived in the given number of months before `at` (not at or after it). */
function visitsWithinMonths(input: RiskInput, months: number): number {
  const since = DateTime.fromJSDate(input.at, { zone: input.zone }).minus({ months }).toJSDate();
  return input.otherEdVisits.filter((visit) => visit.arrivedAt >= since && visit.arrivedAt < input.at).length;
}

/**
 * Scores one encounter: the LACE index and the high-risk flags.
 *
 * - `lace_high`: LACE ≥ 10.
 * - `ama`: discharged against medical advice (PV1-36 = 07).
 * - `frequent_ed`: 4 or more ED visits in the 12 months up to the encounter, counting the
 *   encounter itself when it is an ED visit.
 *
 * @param input - the encounter's state and the patient's ED history
 */
export function assessRisk(input: RiskInput): RiskAssessment {
  const points: LacePoints = {
    lengthOfStay: lengthOfStayPoints(lengthOfStayDays(input)),
    acuity: isAcute(input) ? ACUTE_ADMISSION_POINTS : 0,
    comorbidity: comorbidityPoints(charlsonIndex(input.diagnoses)),
    edVisits: edVisitPoints(visitsWithinMonths(input, 6)),
  };
  const score = points.lengthOfStay + points.acuity + points.comorbidity + points.edVisits;
  const currentIsEdVisit = code(input.patientClass) === 'E' || input.startedInEd;
  const edVisitsInYear = visitsWithinMonths(input, 12) + (currentIsEdVisit ? 1 : 0);
  const flags: RiskFlag[] = [];
  if (score >= LACE_HIGH_RISK_THRESHOLD) flags.push('lace_high');
  if (classifyDisposition(input.disposition) === 'ama') flags.push('ama');
  if (edVisitsInYear >= FREQUENT_ED_VISITS_PER_YEAR) flags.push('frequent_ed');
  return { score, points, flags, high: flags.length > 0 };
}

/**
 * Raises a planned priority to high when the risk is high; a follow-up that becomes high priority
 * also gets the 7-day visit clock instead of the 14-day one (TCM high complexity). Fields the plan
 * does not set stay unset, so an update only touches what it already meant to change.
 *
 * @param plan - the priority and visit clock the routing rules chose (from the disposition)
 * @param risk - the encounter's risk
 * @param zone - the practice zone (visit clocks end at local midnight)
 */
export function prioritizeByRisk<T extends { priority?: Priority; visitDueBy?: Date | null }>(
  plan: T,
  risk: Pick<RiskAssessment, 'high'>,
  zone: string,
): T {
  if (!risk.high || plan.priority === 'high') return plan;
  const raised: T = { ...plan, priority: 'high' };
  // Only a clock the rules computed for normal priority is known to be the 14-day one.
  if (plan.priority === 'normal' && plan.visitDueBy) {
    const earlierBy = NORMAL_PRIORITY_VISIT_CALENDAR_DAYS - HIGH_PRIORITY_VISIT_CALENDAR_DAYS;
    raised.visitDueBy = endOfLocalDay(addCalendarDays(localDate(plan.visitDueBy, zone), -earlierBy), zone);
  }
  return raised;
}
