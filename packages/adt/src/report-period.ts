import { DateTime } from 'luxon';

import { addCalendarDays } from './business-days.js';
import { InvalidLocalDateError } from './errors.js';

/** A report period: first and last practice date, `YYYY-MM-DD`, both inclusive. */
export interface ReportPeriod {
  from: string;
  to: string;
}

const dayOf = (date: string): DateTime<true> => {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? DateTime.fromISO(date, { zone: 'UTC' }) : null;
  if (day?.isValid !== true) throw new InvalidLocalDateError();
  return day;
};

/**
 * The period a report is compared with: for whole calendar months (from the 1st of a month to the
 * last day of a month), the same number of months just before; otherwise the same number of days
 * just before. So September compares with August, a quarter with the quarter before, and a week
 * with the week before.
 * @param period - the period reported; `from` not after `to`
 * @throws InvalidLocalDateError for a malformed date
 */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  const from = dayOf(period.from);
  const to = dayOf(period.to);
  const dayBefore = addCalendarDays(period.from, -1);
  if (from.day === 1 && to.plus({ days: 1 }).day === 1) {
    const months = (to.year - from.year) * 12 + (to.month - from.month) + 1;
    return { from: from.minus({ months }).toISODate(), to: dayBefore };
  }
  const days = Math.round(to.diff(from, 'days').days) + 1;
  return { from: addCalendarDays(period.from, -days), to: dayBefore };
}
