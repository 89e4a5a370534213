// @ts-check
// The printable monthly summary (/reports/print?month=YYYY-MM[&team=][&facility=]): a month's
// figures beside the previous month's, against the targets, and the same charts as the reports
// page, with no controls, for a leader to print and bring to a meeting.
import { api, ApiError, goToSignIn, loadSession } from './api.js';
import { h, replace, required } from './dom.js';
import { localDate } from './format.js';
import {
  hoursText,
  MEASURES,
  monthPeriod,
  percentText,
  periodText,
  presetPeriod,
  previousMonth,
  shortDate,
} from './reports-format.js';
import { drawReadmissionSplit, drawTargetChart, drawTrendCharts, figureOf } from './reports-sections.js';

/**
 * @typedef {import('./reports-sections.js').Figure} Figure
 * @typedef {import('./reports-sections.js').Report} Report
 * @typedef {import('./reports-sections.js').Trend} Trend
 * @typedef {import('./reports-charts.js').Target} Target
 */

const MONTH_NAMES = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

const session = await loadSession();
if (!session.user) {
  goToSignIn();
  throw new Error('not signed in');
}
const today = localDate(new Date(), session.practiceTimeZone);
const url = new URLSearchParams(window.location.search);
const askedMonth = url.get('month') ?? '';
const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(askedMonth)
  ? askedMonth
  : presetPeriod('last-month', today).from.slice(0, 7);
const before = previousMonth(month);

/** @param {string} m - YYYY-MM */
const monthName = (m) => MONTH_NAMES.format(new Date(`${m}-01T12:00:00Z`));

/** @param {string} m - YYYY-MM */
function query(m) {
  const params = new URLSearchParams(monthPeriod(m));
  for (const key of ['team', 'facility']) {
    const value = url.get(key);
    if (value) params.set(key, value);
  }
  return params;
}

const back = new URLSearchParams(query(month));
required('#back-link', HTMLAnchorElement).href = `/reports?${back.toString()}`;
required('#summary-period', HTMLElement).textContent =
  `${monthName(month)} (${periodText(monthPeriod(month))})`;
required('#summary-scope', HTMLElement).textContent = [
  url.get('team')
    ? `Team ${url.get('team')}`
    : session.user.role === 'admin'
      ? 'All teams'
      : `Teams ${session.user.teams.join(', ')}`,
  url.get('facility') ? `facility ${url.get('facility')}` : 'all facilities',
  `prepared ${shortDate(today, true)}`,
].join(' · ');
required('#this-month-head', HTMLElement).textContent = monthName(month);
required('#previous-month-head', HTMLElement).textContent = monthName(before);

try {
  const trendQuery = query(month);
  trendQuery.set('interval', 'week');
  const [report, previous, trend] = await Promise.all([
    /** @type {Promise<Report>} */ (api(`/api/reports/measures?${query(month).toString()}`)),
    /** @type {Promise<Report | null>} */ (
      api(`/api/reports/measures?${query(before).toString()}`).catch(() => null)
    ),
    /** @type {Promise<Trend>} */ (api(`/api/reports/measures/trend?${trendQuery.toString()}`)),
  ]);
  replace(
    required('#summary-rows', HTMLTableSectionElement),
    ...MEASURES.map((m) =>
      h(
        'tr',
        { 'data-measure': m.id },
        h('th', { scope: 'row' }, m.title),
        h('td.summary-current', null, figureText(figureOf(report, m.id))),
        h('td.summary-previous', null, previous ? figureText(figureOf(previous, m.id)) : 'not available'),
        h('td', null, targetText(trend.targets[m.id], m.id)),
      ),
    ),
  );
  const provisional = [report, previous].some((r) => r && figureOf(r, 'readmit_30d').provisional);
  required('#summary-note', HTMLElement).textContent = provisional
    ? 'Readmissions marked provisional: fewer than 30 days have passed since the month ended, so late readmissions may still come.'
    : '';
  drawTargetChart(required('#target-chart', HTMLElement), report, trend.targets);
  drawReadmissionSplit(required('#split-chart', HTMLElement), report);
  drawTrendCharts(required('#trend-charts', HTMLElement), trend);
} catch (error) {
  replace(
    required('#notice', HTMLElement),
    h(
      'p.notice.notice-error',
      { role: 'alert' },
      error instanceof ApiError ? error.message : 'Could not load the summary.',
    ),
  );
}

/**
 * A figure in one cell: "75% (3 of 4)", or the hours to first contact.
 * @param {Figure} f
 */
function figureText(f) {
  if (f.id === 'first_contact_hours') {
    return `median ${hoursText(f.median)}, 90th percentile ${hoursText(f.p90)} (${f.count ?? 0} patients)`;
  }
  const text = `${percentText(f.rate)} (${f.numerator ?? 0} of ${f.denominator ?? 0})`;
  return f.provisional ? `${text}, provisional` : text;
}

/**
 * @param {Target | undefined} target
 * @param {string} id - the measure
 */
function targetText(target, id) {
  if (!target) return '';
  const value = id === 'first_contact_hours' ? hoursText(target.value) : percentText(target.value);
  return `${target.better === 'lower' ? 'at most' : 'at least'} ${value}`;
}
