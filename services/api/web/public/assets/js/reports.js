// @ts-check
// The reports page: the impact measures of a period (GET /api/reports/measures), each figure
// opening the patients behind it (…/members, audited), charts of the trend, the targets and the
// readmission split (…/trend), each figure beside the previous period's, the TCM claim readiness
// of the period's discharges (…/tcm-readiness), CSV downloads and the printable monthly summary.
import { api, ApiError } from './api.js';
import { h, replace, required, requiredAll } from './dom.js';
import { localDate } from './format.js';
import {
  hoursText,
  measureTitle,
  meetsTarget,
  MEASURES,
  percentText,
  periodText,
  presetPeriod,
  trendInterval,
} from './reports-format.js';
import { drawReadmissionSplit, drawTargetChart, drawTrendCharts, figureOf } from './reports-sections.js';
import { startShell } from './shell.js';
import { fillTeamSelect } from './team-select.js';

/**
 * @typedef {import('./reports-sections.js').Figure} Figure
 * @typedef {import('./reports-sections.js').Report} Report
 * @typedef {import('./reports-sections.js').Trend} Trend
 * @typedef {import('./reports-charts.js').Target} Target
 * @typedef {{
 *   followUpId: string | null, encounterId: string | null,
 *   patient: { id: string, mrn: string, familyName: string, givenName: string },
 *   eventDate: string, team: string | null, facility: string, inNumerator: boolean,
 *   readmissionEncounterId?: string | null, contacted2bd?: boolean, hours?: number
 * }} Member
 * @typedef {'last-month' | 'last-quarter' | 'last-12-months'} Preset
 * @typedef {import('./api-types.js').GetJson<'/api/reports/tcm-readiness'>} TcmReadinessReport
 */

const form = required('#filters', HTMLFormElement);
const [presetSelect, teamSelect, kindSelect, riskSelect] = requiredAll(HTMLSelectElement, [
  '#preset',
  '#team',
  '#kind',
  '#risk',
]);
const [fromInput, toInput, facilityInput] = requiredAll(HTMLInputElement, ['#from', '#to', '#facility']);
const [notice, cards, members] = requiredAll(HTMLElement, ['#notice', '#cards', '#members']);
const [csvLink, printLink] = requiredAll(HTMLAnchorElement, ['#csv-link', '#print-link']);
const membersRows = required('#members-rows', HTMLTableSectionElement);

const session = await startShell('reports');
const today = localDate(new Date(), session.practiceTimeZone);
const url = new URLSearchParams(window.location.search);

await fillTeamSelect(teamSelect, session.user, url.get('team'));
facilityInput.value = url.get('facility') ?? '';
kindSelect.value = url.get('kind') ?? '';
riskSelect.value = url.get('risk') ?? '';
const asked = { from: url.get('from') ?? '', to: url.get('to') ?? '' };
if (asked.from && asked.to) {
  presetSelect.value = 'custom';
  fromInput.value = asked.from;
  toInput.value = asked.to;
} else {
  usePreset('last-month');
}

presetSelect.addEventListener('change', () => {
  if (presetSelect.value === 'custom') return;
  usePreset(/** @type {Preset} */ (presetSelect.value));
  void load();
});
for (const input of [fromInput, toInput])
  input.addEventListener('input', () => (presetSelect.value = 'custom'));
form.addEventListener('submit', (event) => {
  event.preventDefault();
  void load();
});
required('#members-close', HTMLButtonElement).addEventListener('click', () => (members.hidden = true));
await load();

/** @param {Preset} preset */
function usePreset(preset) {
  presetSelect.value = preset;
  const period = presetPeriod(preset, today);
  fromInput.value = period.from;
  toInput.value = period.to;
}

/** The query every request of the page shares: the period and the slices. */
function query() {
  const params = new URLSearchParams({ from: fromInput.value, to: toInput.value });
  if (teamSelect.value) params.set('team', teamSelect.value);
  if (facilityInput.value.trim()) params.set('facility', facilityInput.value.trim());
  if (kindSelect.value) params.set('kind', kindSelect.value);
  if (riskSelect.value) params.set('risk', riskSelect.value);
  return params;
}

/** @param {unknown} error */
function showError(error) {
  replace(
    notice,
    h(
      'p.notice.notice-error',
      { role: 'alert' },
      error instanceof ApiError ? error.message : 'Could not load the report.',
    ),
  );
}

async function load() {
  if (!form.reportValidity()) return;
  const params = query();
  window.history.replaceState(null, '', `/reports?${params.toString()}`);
  const period = { from: fromInput.value, to: toInput.value };
  const trendParams = new URLSearchParams(params);
  trendParams.set('interval', trendInterval(period));
  try {
    const compared = new URLSearchParams(params);
    compared.set('compare', 'previous');
    const [report, trend, readiness] = await Promise.all([
      /** @type {Promise<Report & { previous?: Report }>} */ (
        api(`/api/reports/measures?${compared.toString()}`)
      ),
      /** @type {Promise<Trend>} */ (api(`/api/reports/measures/trend?${trendParams.toString()}`)),
      /** @type {Promise<TcmReadinessReport>} */ (api(`/api/reports/tcm-readiness?${params.toString()}`)),
    ]);
    replace(notice);
    members.hidden = true;
    required('#period-text', HTMLElement).textContent = periodText(report);
    required('#trend-interval', HTMLElement).textContent = trend.interval;
    const csv = new URLSearchParams(params);
    csv.set('format', 'csv');
    csvLink.href = `/api/reports/measures?${csv.toString()}`;
    const print = new URLSearchParams({ month: period.to.slice(0, 7) });
    for (const key of ['team', 'facility']) {
      const value = params.get(key);
      if (value) print.set(key, value);
    }
    printLink.href = `/reports/print?${print.toString()}`;
    const previous = report.previous;
    replace(
      cards,
      ...MEASURES.map((m) =>
        measureCard(
          figureOf(report, m.id),
          trend.targets[m.id],
          previous && figureOf(previous, m.id),
          previous,
        ),
      ),
    );
    const readinessCsv = new URLSearchParams(params);
    readinessCsv.set('format', 'csv');
    required('#tcm-csv-link', HTMLAnchorElement).href =
      `/api/reports/tcm-readiness?${readinessCsv.toString()}`;
    drawReadiness(readiness.summary);
    drawTargetChart(required('#target-chart', HTMLElement), report, trend.targets);
    drawReadmissionSplit(required('#split-chart', HTMLElement), report);
    drawTrendCharts(required('#trend-charts', HTMLElement), trend);
  } catch (error) {
    showError(error);
  }
}

/**
 * @param {Target | undefined} target
 * @param {number | null} value
 * @param {(value: number) => string} format
 */
function targetLine(target, value, format) {
  if (!target) return null;
  const meets = meetsTarget(value, target);
  return h(
    'p.figure-target',
    { title: target.reason },
    `Target: ${target.better === 'lower' ? 'at most' : 'at least'} ${format(target.value)}`,
    meets === null
      ? null
      : h(
          `span.target-state.${meets ? 'target-met' : 'target-missed'}`,
          null,
          meets ? ' · met' : ' · not met',
        ),
  );
}

/**
 * The same figure in the previous period, for comparison.
 * @param {Figure | undefined} figure - the previous period's figure
 * @param {Report | undefined} period - the previous period
 */
function previousLine(figure, period) {
  if (!figure || !period) return null;
  const text =
    figure.id === 'first_contact_hours'
      ? `${hoursText(figure.median)} median`
      : `${percentText(figure.rate)} (${String(figure.numerator ?? 0)} of ${String(figure.denominator ?? 0)})`;
  return h(
    'p.figure-previous.muted',
    null,
    `Previous period (${periodText(period)}): `,
    h('span.figure-previous-value', null, text),
  );
}

/**
 * The TCM readiness summary: how many discharge follow-ups support which code.
 * @param {TcmReadinessReport['summary']} summary
 */
function drawReadiness(summary) {
  const entry = (/** @type {string} */ label, /** @type {number} */ value, /** @type {string} */ key) => [
    h('dt', null, label),
    h('dd', { 'data-readiness': key }, String(value)),
  ];
  replace(
    required('#tcm-summary', HTMLElement),
    ...entry('Discharge follow-ups', summary.total, 'total'),
    ...entry('Support 99496 (visit within 7 days)', summary.supports99496, 'supports99496'),
    ...entry('Support 99495 (visit within 14 days)', summary.supports99495, 'supports99495'),
    ...entry('Not supported', summary.notSupported, 'notSupported'),
    ...entry('Window still open', summary.pending, 'pending'),
  );
}

/**
 * A measure's card: its figure, the count behind it as a button that lists the patients, the target
 * and the previous period's figure.
 * @param {Figure} figure
 * @param {Target | undefined} target
 * @param {Figure | undefined} [previous]
 * @param {Report | undefined} [previousPeriod]
 */
function measureCard(figure, target, previous, previousPeriod) {
  const title = measureTitle(figure.id);
  const open = () => void showMembers(figure.id);
  if (figure.id === 'first_contact_hours') {
    return h(
      'article.measure-card.card',
      { 'data-measure': figure.id },
      h('h3', null, title),
      h(
        'p.figure-main',
        null,
        h('span.figure-median', null, hoursText(figure.median)),
        h('span.figure-unit', null, ' median'),
      ),
      h('p.muted', null, '90th percentile ', h('span.figure-p90', null, hoursText(figure.p90))),
      h(
        'button.figure-count.button-quiet',
        { type: 'button', onclick: open },
        h('span.figure-count-value', null, figure.count ?? 0),
        ' contacted patients',
        h('span.visually-hidden', null, `: show them (${title})`),
      ),
      targetLine(target, figure.median ?? null, hoursText),
      previousLine(previous, previousPeriod),
    );
  }
  return h(
    'article.measure-card.card',
    { 'data-measure': figure.id },
    h('h3', null, title),
    h('p.figure-main', null, h('span.figure-rate', null, percentText(figure.rate))),
    h(
      'button.figure-count.button-quiet',
      { type: 'button', onclick: open },
      h('span.figure-numerator', null, figure.numerator ?? 0),
      ' of ',
      h('span.figure-denominator', null, figure.denominator ?? 0),
      figure.id === 'readmit_30d' ? ' stays' : ' follow-ups',
      h('span.visually-hidden', null, `: show the patients (${title})`),
    ),
    targetLine(target, figure.rate ?? null, percentText),
    previousLine(previous, previousPeriod),
    figure.provisional
      ? h(
          'p.provisional',
          null,
          h('span.badge.badge-due-soon', null, 'Provisional'),
          ' Fewer than 30 days since the period ended: readmissions may still come.',
        )
      : null,
  );
}

/**
 * Lists the patients behind a figure.
 * @param {string} id - the measure
 */
async function showMembers(id) {
  try {
    const answer = /** @type {{ items: Member[] }} */ (
      await api(`/api/reports/measures/${encodeURIComponent(id)}/members?${query().toString()}`)
    );
    const counted = answer.items.filter((m) => m.inNumerator).length;
    required('#members-title', HTMLElement).textContent = `Patients behind: ${measureTitle(id)}`;
    required('#members-summary', HTMLElement).textContent =
      id === 'first_contact_hours'
        ? `${answer.items.length} patients contacted, with the hours from discharge to the first contact.`
        : `${counted} of ${answer.items.length} counted in the numerator.`;
    members.setAttribute('data-measure', id);
    if (answer.items.length === 0) {
      replace(membersRows, h('tr', null, h('td.empty', { colspan: 6 }, 'Nobody in this period.')));
    } else {
      replace(membersRows, ...answer.items.map((m) => memberRow(id, m)));
    }
    members.hidden = false;
    members.focus();
  } catch (error) {
    showError(error);
  }
}

/**
 * @param {string} id - the measure
 * @param {Member} m - one member
 */
function memberRow(id, m) {
  const name = [m.patient.familyName, m.patient.givenName].filter(Boolean).join(', ') || 'Name not sent';
  const detail =
    id === 'first_contact_hours'
      ? hoursText(m.hours)
      : id === 'readmit_30d'
        ? `${m.readmissionEncounterId ? 'Readmitted' : 'Not readmitted'} · ${m.contacted2bd ? 'contacted in 2 business days' : 'not contacted in time'}`
        : '';
  return h(
    'tr',
    { 'data-member': m.followUpId ?? m.encounterId ?? '', 'data-in-numerator': String(m.inNumerator) },
    h(
      'td',
      null,
      m.followUpId ? h('a', { href: `/follow-ups/${m.followUpId}` }, name) : h('strong', null, name),
      h('div.muted', null, `MRN ${m.patient.mrn}`),
    ),
    h('td', null, m.eventDate),
    h('td', null, m.team ?? ''),
    h('td', null, m.facility),
    h('td', null, m.inNumerator ? 'Yes' : 'No'),
    h('td', null, detail),
  );
}
