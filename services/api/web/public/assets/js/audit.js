// @ts-check
// The audit log for admins: filters, newest first, older pages on demand, CSV export.
import { h, replace, required } from './dom.js';
import { formatDateTime } from './format.js';
import { pagedRows } from './paged-rows.js';
import { startShell } from './shell.js';

/**
 * @typedef {{ id: string, at: string, actor: string, action: string, resource: string, resourceId: string | null, remoteAddress: string | null, detail: Record<string, unknown> | null }} AuditEntry
 */

const form = required('#filters', HTMLFormElement);
const rows = required('#rows', HTMLTableSectionElement);
const notice = required('#notice', HTMLElement);
const more = required('#more', HTMLButtonElement);
const exportLink = required('#export', HTMLAnchorElement);

const session = await startShell('audit');
const zone = session.practiceTimeZone;
const loadPage = pagedRows({ rows, more, notice }, row, {
  empty: 'No entries match.',
  failure: 'Could not load the audit log.',
});

if (session.user.role !== 'admin') {
  replace(notice, h('p.notice.notice-error', { role: 'alert' }, 'The audit log is for administrators.'));
  form.setAttribute('hidden', '');
} else {
  const url = new URLSearchParams(window.location.search);
  for (const name of ['actor', 'action', 'followUpId', 'from', 'to']) {
    const control = form.elements.namedItem(name);
    const value = url.get(name);
    if (value && (control instanceof HTMLInputElement || control instanceof HTMLSelectElement))
      control.value = value;
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void load(false);
  });
  more.addEventListener('click', () => void load(true));
  await load(false);
}

function filters() {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (typeof value === 'string' && value.trim()) params.set(name, value.trim());
  }
  return params;
}

/**
 * Loads the first page, or the next one.
 * @param {boolean} older - append the next page
 */
async function load(older) {
  const params = filters();
  window.history.replaceState(null, '', `/audit?${params.toString()}`);
  exportLink.href = `/api/audit?${params.toString()}&format=csv&limit=1000`;
  await loadPage('/api/audit', params, older);
}

/** @param {AuditEntry} e */
function row(e) {
  const ids = Array.isArray(e.detail?.followUpIds) ? /** @type {unknown[]} */ (e.detail.followUpIds) : null;
  const encounters = Array.isArray(e.detail?.encounterIds)
    ? /** @type {unknown[]} */ (e.detail.encounterIds)
    : null;
  const what = [
    e.resource.replace('follow_up', 'follow-up').replaceAll('_', ' '),
    e.resourceId ? `#${e.resourceId}` : null,
    ids ? `(${ids.length} follow-up${ids.length === 1 ? '' : 's'})` : null,
    encounters ? `(${encounters.length} encounter${encounters.length === 1 ? '' : 's'})` : null,
    typeof e.detail?.date === 'string' ? `for ${e.detail.date}` : null,
    typeof e.detail?.team === 'string' ? `team ${e.detail.team}` : null,
    typeof e.detail?.reason === 'string' ? `— ${e.detail.reason}` : null,
  ]
    .filter(Boolean)
    .join(' ');
  return h(
    'tr',
    null,
    h('td', null, formatDateTime(e.at, zone, { year: true })),
    h('td.mono', null, e.actor),
    h('td', null, e.action.replaceAll('_', ' ')),
    h('td', null, what),
    h('td.mono', null, e.remoteAddress ?? ''),
  );
}
