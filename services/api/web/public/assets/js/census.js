// @ts-check
// The census: who is in hospital now, post-acute discharges, and encounters without a follow-up,
// from GET /api/census (audited). Each list pages on with its own "show more" button.
import { api, ApiError } from './api.js';
import { h, append, replace, required } from './dom.js';
import { censusClassLabel, locationLabel, noFollowUpReasonLabel } from './census-format.js';
import { eventLabel, formatDateTime, mrnLabel } from './format.js';
import { startShell } from './shell.js';
import { fillTeamSelect } from './team-select.js';

/**
 * @typedef {{
 *   encounterId: string,
 *   patient: { id: string, mrn: string, name: string, birthDate: string | null, sex: string },
 *   facility: string, facilityName: string, visitNumber: string, location: string, patientClass: string,
 *   censusClass: string | null, since: string | null, reasonForVisit: string | null,
 *   dischargedAt: string | null, disposition: string, destination: string | null,
 *   noFollowUpReason: string | null, team: string | null,
 *   lastEvent: { type: string, at: string } | null
 * }} CensusEntry
 * @typedef {{ items: CensusEntry[], nextCursor: string | null }} CensusPage
 * @typedef {{ windowDays: number, inHospital?: CensusPage, postAcute?: CensusPage, noFollowUp?: CensusPage }} Census
 * @typedef {'in_hospital' | 'post_acute' | 'no_follow_up'} Section
 */

const teamSelect = required('#team', HTMLSelectElement);
const notice = required('#notice', HTMLElement);

const session = await startShell('census');
const zone = session.practiceTimeZone;
const me = session.user;

/**
 * Each list: the API's key, its table body, its "show more" button, its column headings beside how a
 * row is drawn (so the two cannot disagree).
 * @type {Record<Section, { key: 'inHospital' | 'postAcute' | 'noFollowUp', rows: HTMLTableSectionElement, more: HTMLButtonElement, headings: string[], empty: string, row: (e: CensusEntry) => HTMLElement, cursor: string | null }>}
 */
const lists = {
  in_hospital: {
    key: 'inHospital',
    rows: required('#in-hospital-rows', HTMLTableSectionElement),
    more: required('#in-hospital-more', HTMLButtonElement),
    headings: ['Patient', 'Class', 'Facility and location', 'Since', 'Reason for visit'],
    empty: 'Nobody is in hospital now.',
    row: inHospitalRow,
    cursor: null,
  },
  post_acute: {
    key: 'postAcute',
    rows: required('#post-acute-rows', HTMLTableSectionElement),
    more: required('#post-acute-more', HTMLButtonElement),
    headings: ['Patient', 'Discharged', 'To', 'From', 'Reason for visit'],
    empty: 'No discharges to post-acute care.',
    row: postAcuteRow,
    cursor: null,
  },
  no_follow_up: {
    key: 'noFollowUp',
    rows: required('#no-follow-up-rows', HTMLTableSectionElement),
    more: required('#no-follow-up-more', HTMLButtonElement),
    headings: ['Patient', 'Encounter', 'Last event', 'Why no follow-up'],
    empty: 'Every recent encounter has a follow-up.',
    row: noFollowUpRow,
    cursor: null,
  },
};

await setUpTeams();
teamSelect.addEventListener('change', () => void load());
for (const [section, list] of /** @type {[Section, (typeof lists)[Section]][]} */ (Object.entries(lists))) {
  list.rows.before(
    h('thead', null, h('tr', null, ...list.headings.map((text) => h('th', { scope: 'col' }, text)))),
  );
  list.more.addEventListener('click', () => void loadMore(section));
}
await load();

async function setUpTeams() {
  await fillTeamSelect(teamSelect, me, new URLSearchParams(window.location.search).get('team'));
}

function teamQuery() {
  const params = new URLSearchParams();
  if (teamSelect.value) params.set('team', teamSelect.value);
  return params;
}

/** @param {unknown} error */
function showError(error) {
  replace(
    notice,
    h(
      'p.notice.notice-error',
      { role: 'alert' },
      error instanceof ApiError ? error.message : 'Could not load the census.',
    ),
  );
}

async function load() {
  const params = teamQuery();
  window.history.replaceState(null, '', `/census${params.size > 0 ? `?${params.toString()}` : ''}`);
  try {
    const census = /** @type {Census} */ (await api(`/api/census?${params.toString()}`));
    replace(notice);
    for (const span of document.querySelectorAll('.window-days'))
      span.textContent = String(census.windowDays);
    for (const list of Object.values(lists)) {
      const page = census[list.key] ?? { items: [], nextCursor: null };
      list.cursor = page.nextCursor;
      list.more.hidden = list.cursor === null;
      if (page.items.length === 0)
        replace(list.rows, h('tr', null, h('td.empty', { colspan: list.headings.length }, list.empty)));
      else replace(list.rows, ...page.items.map(list.row));
    }
  } catch (error) {
    showError(error);
  }
}

/** @param {Section} section */
async function loadMore(section) {
  const list = lists[section];
  if (!list.cursor) return;
  const params = teamQuery();
  params.set('section', section);
  params.set('cursor', list.cursor);
  try {
    const census = /** @type {Census} */ (await api(`/api/census?${params.toString()}`));
    const page = census[list.key] ?? { items: [], nextCursor: null };
    list.cursor = page.nextCursor;
    list.more.hidden = list.cursor === null;
    append(list.rows, page.items.map(list.row));
  } catch (error) {
    showError(error);
  }
}

/** @param {CensusEntry} e */
function patientCell(e) {
  return h(
    'td',
    null,
    h('strong', null, e.patient.name || 'Name not sent'),
    h(
      'div.muted',
      null,
      mrnLabel(e.patient.mrn),
      e.patient.birthDate ? ` · born ${e.patient.birthDate}` : '',
    ),
  );
}

/** @param {CensusEntry} e */
function facilityText(e) {
  return [e.facilityName || e.facility, locationLabel(e.location)].filter(Boolean).join(' · ');
}

/** @param {CensusEntry} e */
function inHospitalRow(e) {
  return h(
    'tr',
    { 'data-encounter': e.encounterId },
    patientCell(e),
    h('td', null, censusClassLabel(e.censusClass, e.patientClass)),
    h('td', null, facilityText(e)),
    h('td', null, formatDateTime(e.since, zone) || 'Not sent'),
    h('td', null, e.reasonForVisit ?? h('span.muted', null, 'Not sent')),
  );
}

/** @param {CensusEntry} e */
function postAcuteRow(e) {
  return h(
    'tr',
    { 'data-encounter': e.encounterId },
    patientCell(e),
    h('td', null, formatDateTime(e.dischargedAt, zone)),
    h('td', null, e.destination ?? ''),
    h('td', null, e.facilityName || e.facility),
    h('td', null, e.reasonForVisit ?? h('span.muted', null, 'Not sent')),
  );
}

/** @param {CensusEntry} e */
function noFollowUpRow(e) {
  return h(
    'tr',
    { 'data-encounter': e.encounterId },
    patientCell(e),
    h(
      'td',
      null,
      censusClassLabel(e.censusClass, e.patientClass),
      h('div.muted', null, e.facilityName || e.facility),
    ),
    h(
      'td',
      null,
      e.lastEvent ? eventLabel(e.lastEvent.type) : '',
      e.lastEvent ? h('div.muted', null, formatDateTime(e.lastEvent.at, zone)) : null,
    ),
    h(
      'td.census-reason',
      { 'data-reason': e.noFollowUpReason ?? '' },
      noFollowUpReasonLabel(e.noFollowUpReason ?? ''),
    ),
  );
}
