// @ts-check
// Test feeds for ops: a sandbox message per row with its ACK and the follow-ups its visit would
// have had live, newest first, older pages on demand.
import { h, required } from './dom.js';
import { formatDateTime } from './format.js';
import { pagedRows } from './paged-rows.js';
import { startShell } from './shell.js';
import { words } from './vocabulary.js';

/** @typedef {import('./api-types.js').SandboxMessage} SandboxMessage */

const form = required('#filters', HTMLFormElement);
const rows = required('#rows', HTMLTableSectionElement);
const notice = required('#notice', HTMLElement);
const more = required('#more', HTMLButtonElement);

const session = await startShell('sandbox');
const zone = session.practiceTimeZone;
const loadPage = pagedRows({ rows, more, notice }, row, {
  empty: 'No test-feed messages yet.',
  failure: 'Could not load the test feeds.',
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void load(false);
});
more.addEventListener('click', () => void load(true));
await load(false);

/**
 * Loads the first page, or the next one.
 * @param {boolean} older - append the next page
 */
async function load(older) {
  const params = new URLSearchParams();
  const facility = new FormData(form).get('facility');
  if (typeof facility === 'string' && facility.trim()) params.set('facility', facility.trim());
  await loadPage('/api/ops/sandbox', params, older);
}

/**
 * One message and what it made.
 * @param {SandboxMessage} m - the message
 */
function row(m) {
  const made =
    m.followUps.length === 0
      ? 'No follow-up'
      : m.followUps.map((f) =>
          h(
            'div',
            null,
            `${words().kinds[f.kind] ?? f.kind} · ${f.team} · due ${formatDateTime(f.dueAt, zone)} · ${words().statuses[f.status] ?? f.status}`,
            f.priority === 'high' ? ' · high priority' : '',
            f.statusReason ? ` (${f.statusReason})` : '',
          ),
        );
  return h(
    'tr',
    null,
    h('td', null, formatDateTime(m.receivedAt, zone)),
    h('td', null, m.sendingFacility),
    h('td', null, `${m.messageType} ${m.controlId}`),
    h('td', null, m.ackCode ?? ''),
    h('td', null, m.status, m.statusReason ? ` · ${m.statusReason}` : ''),
    h('td', null, m.visitNumber),
    h('td', null, made),
  );
}
