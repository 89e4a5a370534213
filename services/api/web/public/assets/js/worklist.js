// @ts-check
// The daily worklist: filters kept in the address bar, the list from GET /api/worklist (audited),
// and live updates by polling a fingerprint that carries no patient data. A navigator's list is one
// queue across their teams unless the team filter narrows it; "find a patient" asks the API.
import { api, ApiError } from './api.js';
import { h, replace, required, requiredAll } from './dom.js';
import { followUpClock, formatDate, formatDateTime, localDate, riskReasons } from './format.js';
import { startShell } from './shell.js';
import { fillTeamSelect } from './team-select.js';
import { worklistRow } from './worklist-row.js';
import { saveWorklistOrder } from './worklist-order.js';
import { watchPatientSearch } from './worklist-search.js';
import { searchSummaryText, worklistDayText } from './worklist-wording.js';

/** @typedef {import('./worklist-row.js').FollowUp} FollowUp */

// Browser tests shorten the poll by setting this session key before the page loads.
const REFRESH_INTERVAL_MS = Math.max(250, Number(sessionStorage.getItem('worklist-refresh-ms')) || 15_000);
const PAGE_SIZE = 1000;

const [dateInput, findInput] = requiredAll(HTMLInputElement, ['#date', '#find']);
const [teamSelect, statusSelect] = requiredAll(HTMLSelectElement, ['#team', '#status']);
const rows = required('#rows', HTMLTableSectionElement);
const [summary, notice, announce] = requiredAll(HTMLElement, ['#summary', '#notice', '#announce']);
const exportLink = required('#export', HTMLAnchorElement);

const session = await startShell('worklist');
const zone = session.practiceTimeZone;
const me = session.user;

/** @type {FollowUp[]} */
let items = [];
/** @type {Set<string> | null} */
let shownIds = null;
/** @type {string | null} */
let fingerprint = null;
let updatedAt = new Date();
let truncated = false;
/** @type {import('./worklist-search.js').SearchResult | null} */
let searchResult = null;

/** The list's query string from the filters (empty values left out). */
function query() {
  const params = new URLSearchParams();
  params.set('date', dateInput.value);
  if (teamSelect.value) params.set('team', teamSelect.value);
  if (statusSelect.value) params.set('status', statusSelect.value);
  return params;
}

async function setUpFilters() {
  const url = new URLSearchParams(window.location.search);
  const today = localDate(new Date(), zone);
  dateInput.value = url.get('date') ?? today;
  statusSelect.value = url.get('status') ?? '';
  await fillTeamSelect(teamSelect, me, url.get('team'), { allTeams: true });
}

/**
 * Loads the list.
 * @param {{ background?: boolean }} [options] - a background refresh highlights new follow-ups
 */
async function load(options = {}) {
  const params = query();
  window.history.replaceState(null, '', `/?${params.toString()}`);
  sessionStorage.setItem('worklist-url', `/?${params.toString()}`);
  exportLink.href = `/api/worklist?${params.toString()}&format=csv`;
  const changes = /** @type {{ fingerprint: string }} */ (
    await api(`/api/worklist/changes?${teamParam()}`, { background: options.background ?? false })
  );
  const page = /** @type {{ items: FollowUp[], nextCursor: string | null }} */ (
    await api(`/api/worklist?${params.toString()}&limit=${PAGE_SIZE}`, {
      background: options.background ?? false,
    })
  );
  fingerprint = changes.fingerprint;
  const before = shownIds;
  items = page.items;
  truncated = page.nextCursor !== null;
  updatedAt = new Date();
  shownIds = new Set(items.map((f) => f.id));
  const arrived = before ? items.filter((f) => !before.has(f.id)) : [];
  if (arrived.length > 0) {
    announce.textContent = `${arrived.length} new follow-up${arrived.length === 1 ? '' : 's'} on the list`;
  }
  render(new Set(arrived.map((f) => f.id)));
}

function teamParam() {
  return teamSelect.value ? `team=${encodeURIComponent(teamSelect.value)}` : '';
}

/** The teams the list covers, for people. */
function teamLabel() {
  if (teamSelect.value) return `team ${teamSelect.value}`;
  if (me.role === 'navigator')
    return me.teams.length > 1 ? `all my teams (${me.teams.join(', ')})` : `team ${me.teams[0] ?? ''}`;
  return 'all teams';
}

/**
 * Draws the summary and the rows.
 * @param {Set<string>} arrived - ids to highlight as new
 */
function render(arrived = new Set()) {
  const now = new Date();
  const date = dateInput.value;
  const today = localDate(now, zone);
  const visible = searchResult ? searchResult.items : items;
  const day = worklistDayText(date, today, zone);
  const overdue = items.filter((f) => followUpClock(f, now).state === 'overdue').length;
  const dueToday = items.filter(
    (f) => followUpClock(f, now).state !== 'overdue' && localDate(new Date(f.dueAt), zone) <= date,
  ).length;
  const highRisk = items.filter((f) => riskReasons(f).length > 0).length;
  const unclaimed = items.filter((f) => !f.claimedBy).length;
  const team = teamLabel();

  required('#heading', HTMLElement).textContent = day.heading;
  required('#subtitle', HTMLElement).textContent = day.description;
  required('#date-label', HTMLElement).textContent = day.dateLabel;
  required('#print-heading', HTMLElement).textContent =
    `Follow-up worklist · ${team} · ${formatDate(date)} · ${items.length} follow-ups · printed ${formatDateTime(now.toISOString(), zone, { year: true })} by ${me.displayName}`;
  replace(
    summary,
    stat(items.length, items.length === 1 ? 'follow-up' : 'follow-ups', ''),
    stat(overdue, 'overdue', 'overdue'),
    stat(dueToday, day.dueLabel, 'due'),
    stat(highRisk, 'high risk', 'risk'),
    stat(unclaimed, 'unclaimed', ''),
    h(
      'span.updated',
      null,
      `Updated ${formatDateTime(updatedAt.toISOString(), zone)} · refreshes automatically`,
    ),
  );
  saveWorklistOrder(
    visible.map((f) => f.id),
    `/?${query().toString()}`,
  );
  replace(
    notice,
    searchResult
      ? h(
          // Not a live region: the list redraws every refresh, and the count is announced once.
          'p.notice.search-notice',
          null,
          searchSummaryText(searchResult.items.length, searchResult.text, {
            more: searchResult.more,
            status: statusSelect.value,
            teamLabel: team,
          }),
        )
      : truncated
        ? h(
            'p.notice',
            null,
            `Showing the first ${PAGE_SIZE} follow-ups. Narrow the list with the filters, or export it.`,
          )
        : null,
  );
  if (visible.length === 0) {
    replace(
      rows,
      h(
        'tr',
        null,
        h(
          'td.empty',
          { colspan: 6 },
          h('strong', null, searchResult ? 'No patient matches' : 'Nothing on the list'),
          searchResult
            ? 'Check the spelling, try the family name alone, the MRN or the phone number, or clear the search.'
            : 'No open follow-ups for this day and team. New discharges and ED visits appear here as they arrive.',
        ),
      ),
    );
    return;
  }
  replace(rows, ...visible.map((f) => worklistRow(f, { now, today, isNew: arrived.has(f.id), zone, me })));
}

/**
 * One figure of the summary strip.
 * @param {number} count - the number
 * @param {string} label - what it counts
 * @param {string} tone - overdue | due | risk | ''
 */
function stat(count, label, tone) {
  return h(`span.stat${tone ? `.${tone}` : ''}`, null, h('strong', null, count), label);
}

/**
 * Shows a failure to load in place of the list.
 * @param {unknown} error - what went wrong
 */
function showError(error) {
  const message =
    error instanceof ApiError && error.status === 403 && me.role === 'ops'
      ? 'Follow-ups are for navigators and admins. Operations tools are in the API (see /docs).'
      : error instanceof ApiError
        ? error.message
        : 'The list could not be loaded. Check the connection; it will be tried again.';
  replace(notice, h('p.notice.notice-error', { role: 'alert' }, message));
}

async function refresh() {
  if (document.hidden || fingerprint === null) return;
  try {
    const changes = /** @type {{ fingerprint: string }} */ (
      await api(`/api/worklist/changes?${teamParam()}`, { background: true })
    );
    if (changes.fingerprint !== fingerprint) await load({ background: true });
    else render();
  } catch {
    // A missed refresh is tried again at the next tick; the page keeps what it shows.
  }
}

function moveFocus(/** @type {number} */ step) {
  const links = [...rows.querySelectorAll('a.patient-link')];
  const at = links.findIndex((link) => link === document.activeElement);
  const next = links[at === -1 ? 0 : Math.min(links.length - 1, Math.max(0, at + step))];
  if (next instanceof HTMLElement) next.focus();
}

document.addEventListener('keydown', (event) => {
  const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
  if (event.key === '/' && !typing) {
    event.preventDefault();
    findInput.focus();
  } else if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && !typing) {
    event.preventDefault();
    moveFocus(event.key === 'ArrowDown' ? 1 : -1);
  } else if (event.key === 'Escape' && event.target === findInput) {
    patientSearch.clear();
  }
});

const patientSearch = watchPatientSearch(findInput, {
  filters: () => {
    const params = new URLSearchParams();
    if (teamSelect.value) params.set('team', teamSelect.value);
    if (statusSelect.value) params.set('status', statusSelect.value);
    return params;
  },
  onResult: (result) => {
    searchResult = result;
    announce.textContent = `${result.items.length} follow-up${result.items.length === 1 ? '' : 's'} found`;
    render();
  },
  onClear: () => {
    if (searchResult === null) return;
    searchResult = null;
    render();
  },
  onError: showError,
});

for (const control of [dateInput, teamSelect, statusSelect]) {
  control.addEventListener('change', () => {
    shownIds = null;
    load().catch(showError);
    patientSearch.rerun();
  });
}
required('#filters', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
});
required('#print', HTMLButtonElement).addEventListener('click', () => {
  window.print();
});
document.addEventListener('visibilitychange', () => void refresh());

try {
  await setUpFilters();
  await load();
} catch (error) {
  showError(error);
}
window.setInterval(() => void refresh(), REFRESH_INTERVAL_MS);
