import { addCalendarDays } from './business-days.js';

/** How a report's period is split for its trend: ISO weeks (Monday to Sunday) or calendar months. */
export const REPORT_INTERVALS = ['week', 'month'] as const;
export type ReportInterval = (typeof REPORT_INTERVALS)[number];

/** A run of practice dates, both inclusive, `YYYY-MM-DD`. */
export interface DateRange {
  from: string;
  to: string;
}

const DAYS_PER_WEEK = 7;

/** 0 for Monday … 6 for Sunday: ISO weeks start on Monday. */
function isoWeekday(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + DAYS_PER_WEEK - 1) % DAYS_PER_WEEK;
}

/** The first date of the bucket after the one holding `date`. */
function nextBucketStart(date: string, interval: ReportInterval): string {
  switch (interval) {
    case 'week':
      return addCalendarDays(date, DAYS_PER_WEEK - isoWeekday(date));
    case 'month': {
      const [year = 0, month = 1] = date.split('-').map(Number);
      const next = new Date(Date.UTC(year, month, 1));
      return next.toISOString().slice(0, 10);
    }
    default:
      return interval satisfies never;
  }
}

/**
 * Splits a period into its weeks or months, the first and last clipped to the period (a period
 * from a Wednesday starts with a Wednesday-to-Sunday bucket), in date order.
 * @param period - practice dates, `from` not after `to`
 * @param interval - ISO week or calendar month
 */
export function reportBuckets(period: DateRange, interval: ReportInterval): DateRange[] {
  const buckets: DateRange[] = [];
  for (let from = period.from; from <= period.to;) {
    const next = nextBucketStart(from, interval);
    const last = addCalendarDays(next, -1);
    buckets.push({ from, to: last < period.to ? last : period.to });
    from = next;
  }
  return buckets;
}
