import { addCalendarDays } from './business-days.js';
import { READMISSION_WINDOW_DAYS } from './readmission.js';

/**
 * The impact measures a practice reviews monthly or quarterly (docs/measures.md). The store
 * decides each denominator member's numerator flags; these rules say how flags become figures.
 */
export const MEASURE_IDS = [
  'tcm_contact_2bd',
  'tcm_outreach_2bd',
  'visit_7d',
  'visit_14d',
  'med_rec_30d',
  'ed_contact_7d',
  'readmit_30d',
  'first_contact_hours',
] as const;
export type MeasureId = (typeof MEASURE_IDS)[number];

/**
 * Whether a text names a measure.
 * @param text - e.g. a path parameter
 */
export function isMeasureId(text: string): text is MeasureId {
  return (MEASURE_IDS as readonly string[]).includes(text);
}

/** CMS accepts two documented, timely contact attempts in place of a made contact for TCM. */
export const TCM_TIMELY_ATTEMPTS = 2;
/** TCM face-to-face visit windows after the discharge date: 99496 (7 days), 99495 (14 days). */
export const VISIT_WINDOW_DAYS = { visit_7d: 7, visit_14d: 14 } as const;
/** Medication reconciliation: by the end of the discharge date + 30 days (HEDIS MRP). */
export const MED_REC_WINDOW_DAYS = 30;
/** ED follow-up contact: by the end of the ED visit date + 7 days (HEDIS FUA/FUM-style). */
export const ED_CONTACT_WINDOW_DAYS = 7;
/**
 * Discharge dispositions (PV1-36, UB-04 codes) that leave an encounter out of the readmission
 * denominator: expired (20, 40, 41, 42), and transfer to a short-term general hospital (02), whose
 * next stay is a continuation of care rather than a readmission.
 */
export const READMISSION_EXCLUDED_DISPOSITIONS: readonly string[] = ['02', '20', '40', '41', '42'];
/** The longest period one report may cover, in days (a year and a bit: a fiscal year plus lag). */
export const MAX_MEASURE_PERIOD_DAYS = 400;

/** A numerator over a denominator and their ratio (null for an empty denominator). */
export interface MeasureRate {
  numerator: number;
  denominator: number;
  rate: number | null;
}

/**
 * Counts a rate over denominator members.
 * @param members - every denominator member
 * @param inNumerator - whether a member is in the numerator
 */
export function rateOf<T>(members: readonly T[], inNumerator: (member: T) => boolean): MeasureRate {
  const numerator = members.filter(inNumerator).length;
  const denominator = members.length;
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
}

/**
 * The nearest-rank percentile: the smallest value with at least `percent` % of the values at or
 * below it (so the median of an even count is the lower middle value).
 * @param values - the values, in any order
 * @param percent - between 0 (exclusive) and 100
 * @returns null for no values
 */
export function nearestRankPercentile(values: readonly number[], percent: number): number | null {
  if (!(percent > 0 && percent <= 100)) throw new RangeError('percentile must be in (0, 100]');
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((percent / 100) * sorted.length);
  return sorted[rank - 1] ?? null;
}

/**
 * Whether a readmission rate is still provisional: fewer than 30 days have passed since the end of
 * its period, so readmissions of the last discharges may still come.
 * @param to - the period's last practice date, `YYYY-MM-DD`
 * @param today - today's practice date, `YYYY-MM-DD`
 */
export function isReadmissionProvisional(to: string, today: string): boolean {
  return addCalendarDays(to, READMISSION_WINDOW_DAYS) > today;
}
