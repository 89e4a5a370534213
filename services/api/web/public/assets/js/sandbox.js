// @ts-check
// Test feeds for ops: a sandbox message per row with its ACK and the follow-ups its visit would
// have had live, newest first, older pages on demand.
import { api, ApiError } from './api.js';
import { h, append, replace, required } from './dom.js';
import { formatDateTime } from './format.js';
import { startShell } from './shell.js';
import { words } from './vocabulary.js';

/** @typedef {import('./api-types.js').SandboxMessage} SandboxMessage */

const form = required('#filters', HTMLFormElement);
const rows = required('#rows', HTMLTableSectionElement);
const notice = required('#notice', HTMLElement);
const more = required('#more', HTMLButtonElement);

const session = await startShell('sandbox');
const zone = session.practiceTimeZone;
/** @type {string | null} */
let cursor = null;

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
  if (older && cursor) params.set('cursor', cursor);
  try {
    const page = /** @type {{ items: SandboxMessage[], nextCursor: string | null }} */ (
      await api(`/api/ops/sandbox?${params.toString()}`)
    );
    cursor = page.nextCursor;
    more.hidden = cursor === null;
    replace(notice);
    const built = page.items.map(row);
    if (older) append(rows, built);
    else if (built.length === 0)
      replace(rows, h('tr', null, h('td.empty', { colspan: 7 }, 'No test-feed messages yet.')));
    else replace(rows, ...built);
  } catch (error) {
    replace(
      notice,
      h(
        'p.notice.notice-error',
        { role: 'alert' },
        error instanceof ApiError ? error.message : 'Could not load the test feeds.',
      ),
    );
  }
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
