import { DateTime } from 'luxon';

import type { BusinessCalendar } from './business-days.js';
import { addCalendarDays, localDate } from './business-days.js';
import { dischargeCallDueAt } from './follow-up-clock.js';
import { TCM_TIMELY_ATTEMPTS, VISIT_WINDOW_DAYS } from './measure-rules.js';

/**
 * TCM claim readiness (CPT 99495/99496, CMS MLN908628 "Transitional Care Management Services"):
 * whether a discharge follow-up's care-action log documents what a TCM claim needs, which code it
 * supports and what is missing. The medical-decision-making level is the clinician's judgement
 * and is not in the log: a 7-day visit supports 99496 only if that decision making is of high
 * complexity.
 */

/** What the readiness of a follow-up says about a claim. */
export const TCM_STATUSES = ['supports_99496', 'supports_99495', 'not_supported', 'pending'] as const;
export type TcmStatus = (typeof TCM_STATUSES)[number];
/** The TCM requirements the documentation may not (yet) meet. */
export const TCM_MISSING = [
  'no_timely_contact',
  'no_visit_scheduled',
  'visit_after_14_days',
  'med_rec_not_by_visit',
  'no_med_rec',
] as const;
/** A TCM requirement the documentation does not (yet) meet. */
export type TcmMissing = (typeof TCM_MISSING)[number];
/** The CPT codes of transitional care management. */
export const TCM_CODES = ['99496', '99495'] as const;
export type TcmCode = (typeof TCM_CODES)[number];

/** A care action as logged; `at` is when it happened. */
export interface TcmCareAction {
  type: string;
  at: Date;
  outcome: string | null;
}

export interface TcmReadinessInput {
  /** The discharge's practice date, `YYYY-MM-DD`. */
  dischargeDate: string;
  calendar: BusinessCalendar;
  /** The follow-up's care actions in log order (a later `appointment_scheduled` reschedules). */
  actions: readonly TcmCareAction[];
  now: Date;
}

/** The interactive contact TCM asks for within 2 business days of the discharge. */
export interface TcmContact {
  /** End of the 2nd business day after the discharge date. */
  dueAt: Date;
  /** The first `contact_made` at or before `dueAt`. */
  madeAt: Date | null;
  /** `contact_attempt` actions at or before `dueAt`. */
  timelyAttempts: number;
  /** Interactive contact in time, or two timely documented attempts. */
  met: boolean;
}

/** The face-to-face visit, within 7 or 14 days of the discharge. */
export interface TcmVisit {
  /** The face-to-face visit date of the latest logged `appointment_scheduled`. */
  date: string | null;
  daysAfterDischarge: number | null;
  within7Days: boolean;
  within14Days: boolean;
  /** The visit date is today or later: it has not been held yet. */
  upcoming: boolean;
}

/** Medication reconciliation, due by the visit. */
export interface TcmMedRec {
  /** Practice date of the first `med_reconciliation`. */
  date: string | null;
  /** Done on or before the visit date. */
  byVisit: boolean;
}

export interface TcmReadiness {
  contact: TcmContact;
  visit: TcmVisit;
  medRec: TcmMedRec;
  status: TcmStatus;
  /** The codes the documentation supports (99496 only with high-complexity decision making). */
  codes: TcmCode[];
  /** Every requirement not met by the log as it stands. */
  missing: TcmMissing[];
  /** Some window is still open (or the visit is still to come): the answer may change. */
  pending: boolean;
}

const VISIT_DATE = /^\d{4}-\d{2}-\d{2}$/;

const daysBetween = (from: string, to: string): number =>
  Math.round(
    DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days,
  );

const isVisitDate = (text: string | null, dischargeDate: string): text is string =>
  text !== null &&
  VISIT_DATE.test(text) &&
  DateTime.fromISO(text, { zone: 'UTC' }).isValid &&
  // A visit before the discharge is a typing slip, not a post-discharge visit.
  text >= dischargeDate;

/**
 * Decides a discharge follow-up's TCM claim readiness from its care actions.
 * @param input - discharge date, calendar, care actions and the current time
 */
export function tcmReadiness(input: TcmReadinessInput): TcmReadiness {
  const { dischargeDate, calendar, actions, now } = input;
  const zone = calendar.zone;
  const today = localDate(now, zone);
  const dueAt = dischargeCallDueAt(dischargeDate, calendar);
  const timely = (a: TcmCareAction) => a.at.getTime() <= dueAt.getTime();
  const byTime = (a: TcmCareAction, b: TcmCareAction) => a.at.getTime() - b.at.getTime();

  const contacts = actions.filter((a) => a.type === 'contact_made' && timely(a)).sort(byTime);
  const timelyAttempts = actions.filter((a) => a.type === 'contact_attempt' && timely(a)).length;
  const madeAt = contacts[0]?.at ?? null;
  const contactMet = madeAt !== null || timelyAttempts >= TCM_TIMELY_ATTEMPTS;

  // The latest booking is the visit on the calendar now; a stable sort keeps log order on ties.
  const bookings = actions
    .filter((a) => a.type === 'appointment_scheduled' && isVisitDate(a.outcome, dischargeDate))
    .sort(byTime);
  const visitDate = bookings.at(-1)?.outcome ?? null;
  const visitDays = visitDate === null ? null : daysBetween(dischargeDate, visitDate);
  const within7Days = visitDays !== null && visitDays <= VISIT_WINDOW_DAYS.visit_7d;
  const within14Days = visitDays !== null && visitDays <= VISIT_WINDOW_DAYS.visit_14d;
  const upcoming = visitDate !== null && visitDate >= today;

  const medRecs = actions.filter((a) => a.type === 'med_reconciliation').sort(byTime);
  const medRecDate = medRecs[0] === undefined ? null : localDate(medRecs[0].at, zone);
  const medRecByVisit = visitDate !== null && medRecDate !== null && medRecDate <= visitDate;

  // Each missing requirement, and whether its window is still open.
  const visitWindowOpen = today <= addCalendarDays(dischargeDate, VISIT_WINDOW_DAYS.visit_14d);
  const gaps: [TcmMissing, boolean][] = [];
  if (!contactMet) gaps.push(['no_timely_contact', now.getTime() <= dueAt.getTime()]);
  if (visitDate === null) gaps.push(['no_visit_scheduled', visitWindowOpen]);
  else if (!within14Days) gaps.push(['visit_after_14_days', visitWindowOpen]);
  if (visitDate === null) {
    if (medRecDate === null) gaps.push(['no_med_rec', visitWindowOpen]);
  } else if (!medRecByVisit) {
    gaps.push(['med_rec_not_by_visit', today <= visitDate || (!within14Days && visitWindowOpen)]);
  }

  let status: TcmStatus;
  if (gaps.some(([, open]) => !open)) status = 'not_supported';
  else if (gaps.length > 0 || upcoming) status = 'pending';
  else status = within7Days ? 'supports_99496' : 'supports_99495';

  return {
    contact: { dueAt, madeAt, timelyAttempts, met: contactMet },
    visit: { date: visitDate, daysAfterDischarge: visitDays, within7Days, within14Days, upcoming },
    medRec: { date: medRecDate, byVisit: medRecByVisit },
    status,
    codes: status === 'supports_99496' ? ['99496', '99495'] : status === 'supports_99495' ? ['99495'] : [],
    missing: gaps.map(([code]) => code),
    pending: status === 'pending',
  };
}
