import type { MeasureId } from './measure-rules.js';

/** A practice goal for one measure: the value to reach, and which side of it is better. */
export interface MeasureTarget {
  /** A rate between 0 and 1, or hours for `first_contact_hours`. */
  value: number;
  better: 'higher' | 'lower';
  /** Why this goal, for the person reading the chart. */
  reason: string;
}

/**
 * The practice's goals that the reports page draws as target lines (docs/measures.md). These are
 * the practice's own aims for its program, not CMS or HEDIS thresholds: neither sets a required
 * rate. They live here, in one place, so the charts, the printed summary and the docs agree.
 */
export const MEASURE_TARGETS: Readonly<Record<MeasureId, MeasureTarget>> = {
  tcm_contact_2bd: {
    value: 0.8,
    better: 'higher',
    reason: 'Reach most discharged patients within the TCM window; some cannot be reached in time.',
  },
  tcm_outreach_2bd: {
    value: 0.95,
    better: 'higher',
    reason: 'Every discharge should at least get two documented, timely attempts.',
  },
  visit_7d: {
    value: 0.5,
    better: 'higher',
    reason: 'High-complexity patients (99496) need a visit within 7 days; not every discharge is one.',
  },
  visit_14d: {
    value: 0.8,
    better: 'higher',
    reason: 'Most discharged patients should be seen within 14 days.',
  },
  med_rec_30d: {
    value: 0.8,
    better: 'higher',
    reason: 'Medication reconciliation after most discharges, as payer quality programs reward.',
  },
  ed_contact_7d: {
    value: 0.7,
    better: 'higher',
    reason: 'Most ED visits should get a follow-up contact within a week.',
  },
  readmit_30d: {
    value: 0.15,
    better: 'lower',
    reason: 'Stay below the usual all-cause 30-day readmission rate of about 15 %.',
  },
  first_contact_hours: {
    value: 24,
    better: 'lower',
    reason: 'Half of contacted patients reached within a day of discharge (median hours).',
  },
};
