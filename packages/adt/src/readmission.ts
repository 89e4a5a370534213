/**
 * Readmission and "back in hospital" rules: which stays put a patient in hospital, what counts as
 * a readmission after a discharge, and what happens to the earlier follow-up when the
 * readmission's own discharge brings a new one. The database finds the same person's stays
 * (`@adt/db`); these rules decide.
 */
import { addCalendarDays, localDate } from './business-days.js';

/** An admission no later than this many days (practice dates) after a discharge is a readmission. */
export const READMISSION_WINDOW_DAYS = 30;

/**
 * An ED visit whose departure is never sent (many ED feeds send none) stops counting as "in
 * hospital" this long after the arrival.
 */
export const ED_STAY_LIMIT_HOURS = 24;

/** The stay limits the in-hospital and readmission queries take as parameters. */
export interface StayLimits {
  /** {@link ED_STAY_LIMIT_HOURS}. */
  edStayLimitHours: number;
  /** {@link READMISSION_WINDOW_DAYS}. */
  readmissionWindowDays: number;
}

/** The practice's stay limits, for the queries that apply them in SQL. */
export const STAY_LIMITS: StayLimits = {
  edStayLimitHours: ED_STAY_LIMIT_HOURS,
  readmissionWindowDays: READMISSION_WINDOW_DAYS,
};

/**
 * Whether an admission is a readmission after a discharge: after it, and on a practice date no
 * later than the discharge's practice date + {@link READMISSION_WINDOW_DAYS}.
 * @param dischargedAt - the discharge the follow-up is about
 * @param admittedAt - a later admission of the same person
 * @param zone - practice time zone
 */
export function isReadmission(dischargedAt: Date, admittedAt: Date, zone: string): boolean {
  if (admittedAt.getTime() <= dischargedAt.getTime()) return false;
  const last = addCalendarDays(localDate(dischargedAt, zone), READMISSION_WINDOW_DAYS);
  return localDate(admittedAt, zone) <= last;
}

/**
 * Whether a follow-up's clock counts as overdue: past due, still to do, and the patient is not in
 * hospital (nobody phones a patient in a hospital bed; the clock resumes when they leave).
 * @param followUp - due time, status and whether the patient is in hospital now
 * @param overdueBefore - the instant due times are compared with (now for today's list)
 */
export function isFollowUpOverdue(
  followUp: { dueAt: Date; status: string; patientInHospital: boolean },
  overdueBefore: Date,
): boolean {
  const active = followUp.status === 'open' || followUp.status === 'in_progress';
  return active && !followUp.patientInHospital && followUp.dueAt.getTime() < overdueBefore.getTime();
}

/** What an encounter says about a stay: where, what kind, since and until when. */
export interface StayFields {
  patientClass: string;
  hospitalService: string;
  patientType: string;
  assignedLocation: string;
  admittedAt: Date | null;
  dischargedAt: Date | null;
}

/**
 * Whether an event changed what the same person's follow-ups show about this stay (in hospital or
 * not, where, since when), so the lists showing them must refresh.
 * @param before - the encounter before the event
 * @param after - the encounter after it
 */
export function changesHospitalStay(before: StayFields, after: StayFields): boolean {
  const time = (d: Date | null) => d?.getTime() ?? null;
  return (
    before.patientClass !== after.patientClass ||
    before.hospitalService !== after.hospitalService ||
    before.patientType !== after.patientType ||
    before.assignedLocation !== after.assignedLocation ||
    time(before.admittedAt) !== time(after.admittedAt) ||
    time(before.dischargedAt) !== time(after.dischargedAt)
  );
}
