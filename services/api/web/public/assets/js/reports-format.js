// @ts-check
// How the reports page names measures, picks periods and words figures. Pure functions (no DOM),
// unit-tested in web/test.

/** @typedef {'week' | 'month'} Interval */
/** @typedef {{ from: string, to: string }} Period */

/** The measures in the order the page shows them, with their names for people (docs/measures.md). */
export const MEASURES = /** @type {const} */ ([
  { id: 'tcm_contact_2bd', title: 'Contact within 2 business days', short: 'TCM contact' },
  { id: 'tcm_outreach_2bd', title: 'Contact or 2 attempts within 2 business days', short: 'TCM outreach' },
  { id: 'visit_7d', title: 'Visit within 7 days', short: 'Visit 7 days' },
  { id: 'visit_14d', title: 'Visit within 14 days', short: 'Visit 14 days' },
  { id: 'med_rec_30d', title: 'Medication reconciliation within 30 days', short: 'Med rec 30 days' },
  { id: 'ed_contact_7d', title: 'ED follow-up contact within 7 days', short: 'ED contact 7 days' },
  { id: 'readmit_30d', title: '30-day readmissions', short: 'Readmissions' },
  { id: 'first_contact_hours', title: 'Hours to first contact', short: 'Hours to contact' },
]);

/** @typedef {(typeof MEASURES)[number]['id']} MeasureId */

/** The measures that are rates (all but the hours), for the charts drawn in percent. */
export const RATE_MEASURES = MEASURES.filter((m) => m.id !== 'first_contact_hours');

/**
 * @param {string} id - a measure id
 * @returns {string} its name for people, or the id of a measure this page does not know
 */
export function measureTitle(id) {
  return MEASURES.find((m) => m.id === id)?.title ?? id;
}

// Up to a quarter (92 days) the trend is drawn by week; longer periods by month, so a year is 12
// points rather than 53 crowded ones.
const WEEKLY_TREND_MAX_DAYS = 92;
const DAY_MS = 86_400_000;

/**
 * @param {string} date - YYYY-MM-DD
 * @param {number} days - whole days, negative to go back
 */
export function addDays(date, days) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The first and last date of a calendar month.
 * @param {string} month - YYYY-MM
 * @returns {Period}
 */
export function monthPeriod(month) {
  const [year = 0, m = 1] = month.split('-').map(Number);
  const next = new Date(Date.UTC(year, m, 1)).toISOString().slice(0, 10);
  return { from: `${month}-01`, to: addDays(next, -1) };
}

/**
 * The calendar month before another.
 * @param {string} month - YYYY-MM
 */
export function previousMonth(month) {
  return addDays(`${month}-01`, -1).slice(0, 7);
}

/**
 * The quick choices of the period picker, relative to today's practice date: the last full
 * calendar month, the last full calendar quarter, and the last 12 full months.
 * @param {'last-month' | 'last-quarter' | 'last-12-months'} preset - which
 * @param {string} today - YYYY-MM-DD
 * @returns {Period}
 */
export function presetPeriod(preset, today) {
  const lastMonth = previousMonth(today.slice(0, 7));
  switch (preset) {
    case 'last-month':
      return monthPeriod(lastMonth);
    case 'last-quarter': {
      const [year = 0, month = 1] = today.split('-').map(Number);
      const quarterStart = new Date(Date.UTC(year, Math.floor((month - 1) / 3) * 3, 1));
      const to = addDays(quarterStart.toISOString().slice(0, 10), -1);
      return { from: `${previousMonth(previousMonth(to.slice(0, 7)))}-01`, to };
    }
    case 'last-12-months': {
      let first = lastMonth;
      for (let i = 0; i < 11; i += 1) first = previousMonth(first);
      return { from: `${first}-01`, to: monthPeriod(lastMonth).to };
    }
    default:
      return /** @type {never} */ (preset);
  }
}

/**
 * The trend's interval for a period: weeks up to a quarter, months beyond.
 * @param {Period} period - from and to, inclusive
 * @returns {Interval}
 */
export function trendInterval(period) {
  const days = (Date.parse(period.to) - Date.parse(period.from)) / DAY_MS + 1;
  return days <= WEEKLY_TREND_MAX_DAYS ? 'week' : 'month';
}

/**
 * A rate in whole percent, as every figure of the page shows it.
 * @param {number | null | undefined} rate - between 0 and 1; null without a denominator
 */
export function percentText(rate) {
  return rate === null || rate === undefined ? 'no data' : `${Math.round(rate * 100)}%`;
}

/**
 * Hours to first contact, to one decimal.
 * @param {number | null | undefined} hours - from the API (two decimals)
 */
export function hoursText(hours) {
  return hours === null || hours === undefined ? 'no data' : `${Math.round(hours * 10) / 10} h`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A date for an axis or caption: "7 Sep", with the year when asked: "7 Sep 2026".
 * @param {string} date - YYYY-MM-DD
 * @param {boolean} [withYear]
 */
export function shortDate(date, withYear = false) {
  const [year, month = 1, day = 1] = date.split('-').map(Number);
  return `${day} ${MONTHS[month - 1] ?? ''}${withYear ? ` ${year ?? ''}` : ''}`;
}

/**
 * A trend bucket's label: "7 Sep" (the week's first date in the period) or "Sep 2026".
 * @param {Period} bucket - the bucket's dates
 * @param {Interval} interval - weeks or months
 */
export function bucketLabel(bucket, interval) {
  if (interval === 'week') return shortDate(bucket.from);
  const [year, month = 1] = bucket.from.split('-').map(Number);
  return `${MONTHS[month - 1] ?? ''} ${year ?? ''}`;
}

/**
 * A period for people: "1 Nov 2026 – 30 Nov 2026".
 * @param {Period} period - from and to
 */
export function periodText(period) {
  return period.from === period.to
    ? shortDate(period.from, true)
    : `${shortDate(period.from, true)} – ${shortDate(period.to, true)}`;
}

/**
 * Whether a figure meets the practice's target, in the direction that is better.
 * @param {number | null} value - a rate or hours
 * @param {{ value: number, better: 'higher' | 'lower' } | undefined} target - the goal
 * @returns {boolean | null} null when there is nothing to compare
 */
export function meetsTarget(value, target) {
  if (value === null || target === undefined) return null;
  return target.better === 'higher' ? value >= target.value : value <= target.value;
}
