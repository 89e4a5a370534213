import { DateTime } from 'luxon';

import { InvalidLocalDateError } from './errors.js';
import { assertTimeZone } from './time-zone.js';

/** The practice's working calendar: its zone and the days it is closed. */
export interface BusinessCalendar {
  /** IANA zone of the practice (`PRACTICE_TZ`), e.g. `America/New_York`. */
  zone: string;
  /** Closed days as local dates, `YYYY-MM-DD`. */
  holidays: ReadonlySet<string>;
}

const LOCAL_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** Luxon numbers weekdays 1 (Monday) to 7 (Sunday). */
const FRIDAY = 5;

/**
 * Reads a local date as a zone-free calendar day. UTC is used only as a
 * neutral carrier: calendar arithmetic on a date has no DST to trip over.
 */
function toCalendarDay(date: string): DateTime<true> {
  const day = LOCAL_DATE_PATTERN.test(date) ? DateTime.fromISO(date, { zone: 'UTC' }) : null;
  if (day?.isValid !== true) {
    throw new InvalidLocalDateError();
  }
  return day;
}

/**
 * The local calendar date of an instant in a zone.
 *
 * @param instant - the moment, e.g. a discharge time
 * @param zone - IANA zone to read the wall clock in
 * @returns the date as `YYYY-MM-DD`
 * @throws InvalidTimeZoneError for an unknown zone
 * @throws InvalidLocalDateError for an invalid `Date`
 */
export function localDate(instant: Date, zone: string): string {
  assertTimeZone(zone);
  const local = DateTime.fromJSDate(instant, { zone });
  if (!local.isValid) {
    throw new InvalidLocalDateError();
  }
  return local.toISODate();
}

/**
 * Whether a date is a business day: Monday to Friday and not a holiday.
 *
 * @param date - local date, `YYYY-MM-DD`
 * @param cal - the practice calendar
 * @throws InvalidLocalDateError for a malformed date
 */
export function isBusinessDay(date: string, cal: BusinessCalendar): boolean {
  return toCalendarDay(date).weekday <= FRIDAY && !cal.holidays.has(date);
}

/**
 * The n-th business day strictly after a date (the TCM "within 2 business
 * days" counts days after the discharge date, whatever day that was).
 *
 * @param date - local start date, `YYYY-MM-DD`; need not be a business day
 * @param n - how many business days to move; 0 returns `date` unchanged
 * @param cal - the practice calendar
 * @returns the resulting local date, `YYYY-MM-DD`
 * @throws RangeError when `n` is negative or not an integer
 * @throws InvalidLocalDateError for a malformed date
 */
export function addBusinessDays(date: string, n: number, cal: BusinessCalendar): string {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError('business days to add must be a non-negative integer');
  }
  let day = toCalendarDay(date);
  let remaining = n;
  // Terminates: the holiday set is finite and weekdays recur every week.
  while (remaining > 0) {
    day = day.plus({ days: 1 });
    if (isBusinessDay(day.toISODate(), cal)) {
      remaining -= 1;
    }
  }
  return day.toISODate();
}

/**
 * Adds calendar days to a local date (negative values go back).
 *
 * @param date - local date, `YYYY-MM-DD`
 * @param n - whole days to add
 * @returns the resulting local date, `YYYY-MM-DD`
 * @throws RangeError when `n` is not an integer
 * @throws InvalidLocalDateError for a malformed date
 */
export function addCalendarDays(date: string, n: number): string {
  if (!Number.isInteger(n)) {
    throw new RangeError('calendar days to add must be an integer');
  }
  return toCalendarDay(date).plus({ days: n }).toISODate();
}

/**
 * The last millisecond of a local day (23:59:59.999 wall-clock time).
 *
 * Computed in the zone rather than as midnight + 24 h, because DST days are
 * 23 or 25 hours long.
 *
 * @param date - local date, `YYYY-MM-DD`
 * @param zone - IANA zone of that local day
 * @returns the instant at which the day ends
 * @throws InvalidTimeZoneError for an unknown zone
 * @throws InvalidLocalDateError for a malformed date
 */
export function endOfLocalDay(date: string, zone: string): Date {
  assertTimeZone(zone);
  const day = toCalendarDay(date);
  return DateTime.fromObject({ year: day.year, month: day.month, day: day.day }, { zone })
    .endOf('day')
    .toJSDate();
}
