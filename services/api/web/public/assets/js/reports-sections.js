// @ts-check
// The chart sections the reports page and its printable summary share, drawn from the API's
// answers: the trend per measure, the bars against targets, and the readmission split.
import { replace } from './dom.js';
import { targetBarChart, trendChart } from './reports-charts.js';
import { bucketLabel, RATE_MEASURES } from './reports-format.js';

/**
 * @typedef {{ numerator: number, denominator: number, rate: number | null }} Rate
 * @typedef {{
 *   id: string, numerator?: number, denominator?: number, rate?: number | null,
 *   count?: number, median?: number | null, p90?: number | null, provisional?: boolean,
 *   groups?: { contacted_2bd: Rate, not_contacted_2bd: Rate }
 * }} Figure
 * @typedef {{ from: string, to: string, measures: Figure[] }} Report
 * @typedef {import('./reports-charts.js').Target} Target
 * @typedef {{
 *   from: string, to: string, interval: 'week' | 'month', targets: Record<string, Target>,
 *   buckets: { from: string, to: string, measures: Figure[] }[]
 * }} Trend
 */

/**
 * One measure's figure in a report.
 * @param {{ measures: Figure[] }} report - a report or a trend bucket
 * @param {string} id - the measure
 * @returns {Figure}
 */
export function figureOf(report, id) {
  return report.measures.find((m) => m.id === id) ?? { id };
}

/**
 * @param {Figure | Rate} figure
 * @param {string} label
 */
const point = (figure, label) => ({
  label,
  value: figure.rate ?? null,
  numerator: figure.numerator ?? 0,
  denominator: figure.denominator ?? 0,
});

/**
 * Draws one trend chart per rate measure, a point per week or month.
 * @param {HTMLElement} container - where
 * @param {Trend} trend - GET /api/reports/measures/trend
 * @param {string} [prefix] - keeps chart ids unique when a page draws two sets
 */
export function drawTrendCharts(container, trend, prefix = '') {
  replace(
    container,
    ...RATE_MEASURES.map((m) =>
      trendChart({
        key: `${prefix}trend-${m.id}`,
        caption: m.title,
        target: trend.targets[m.id],
        points: trend.buckets.map((b) => point(figureOf(b, m.id), bucketLabel(b, trend.interval))),
      }),
    ),
  );
}

/**
 * Draws the rate of every measure against its target.
 * @param {HTMLElement} container - where
 * @param {Report} report - GET /api/reports/measures
 * @param {Record<string, Target>} targets - from the trend
 */
export function drawTargetChart(container, report, targets) {
  replace(
    container,
    targetBarChart({
      key: 'targets',
      caption: 'Each measure against its target (the mark across each bar)',
      bars: RATE_MEASURES.map((m) => ({
        ...point(figureOf(report, m.id), m.title),
        id: m.id,
        target: targets[m.id],
      })),
    }),
  );
}

/**
 * Draws the readmission rate of patients contacted within 2 business days beside the others'.
 * @param {HTMLElement} container - where
 * @param {Report} report - GET /api/reports/measures
 */
export function drawReadmissionSplit(container, report) {
  const groups = figureOf(report, 'readmit_30d').groups;
  const none = { numerator: 0, denominator: 0, rate: null };
  replace(
    container,
    targetBarChart({
      key: 'readmission-split',
      caption: '30-day readmission rate by whether the patient was contacted within 2 business days',
      bars: [
        { ...point(groups?.contacted_2bd ?? none, 'Contacted within 2 business days'), id: 'contacted_2bd' },
        { ...point(groups?.not_contacted_2bd ?? none, 'Not contacted in time'), id: 'not_contacted_2bd' },
      ],
    }),
  );
}
