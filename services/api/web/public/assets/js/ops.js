// @ts-check
// The operations page: alerts, feeds by facility, processing, unattributed patients, message
// search, one message's raw HL7 and history, and replay of failed messages.
import { api, ApiError } from './api.js';
import { append, asyncHandler, h, replace, required, requiredAll, toast } from './dom.js';
import { formatDateTime } from './format.js';
import { messageDetail, statusBadge } from './ops-message.js';
import { startShell } from './shell.js';

/**
 * @typedef {import('./ops-message.js').Message} Message
 * @typedef {import('./ops-message.js').MessageDetail} MessageDetail
 * @typedef {{ facility: string, lastReceivedAt: string, minutesSinceLast: number, silentAfterMinutes: number, silent: boolean, messagesToday: number, messagesLastHour: number, rejectedToday: number, ackCodesToday: Record<string, number> }} Feed
 * @typedef {{ key: string, alert: string, firing: boolean, summary: string, since: string, runbook: string | null }} AlertState
 * @typedef {{ backlog: { waiting: number, oldestReceivedAt: string | null }, queue: { counts: Record<string, number> } | null, lastWindow: { minutes: number, failed: number, processed: number } }} Processing
 */

const REFRESH_MS = 30_000;
const REPLAY_POLL_MS = 1_000;
const REPLAY_POLL_LIMIT = 30;

const [notice, alerts, stats, detail] = requiredAll(HTMLElement, ['#notice', '#alerts', '#stats', '#detail']);
const [feedRows, messageRows] = requiredAll(HTMLTableSectionElement, ['#feed-rows', '#message-rows']);
const form = required('#search', HTMLFormElement);
const [more, replayAll] = requiredAll(HTMLButtonElement, ['#more', '#replay-all']);

const session = await startShell('ops');
const zone = session.practiceTimeZone;
/** @type {string | null} */
let cursor = null;

/**
 * Shows an error above the page.
 * @param {unknown} caught - what went wrong
 */
function showError(caught) {
  const text = caught instanceof ApiError ? caught.message : 'Something went wrong; try again.';
  replace(notice, h('p.notice.notice-error', { role: 'alert' }, text));
}

/** @param {boolean} background - a timed refresh rather than someone's click */
async function loadStatus(background) {
  const [feeds, alertStates, processing, unattributed] = await Promise.all([
    /** @type {Promise<{ items: Feed[] }>} */ (api('/api/ops/feeds', { background })),
    /** @type {Promise<{ items: AlertState[] }>} */ (api('/api/ops/alerts', { background })),
    /** @type {Promise<Processing>} */ (api('/api/ops/processing', { background })),
    /** @type {Promise<{ total: number }>} */ (api('/api/patients/unattributed?limit=1', { background })),
  ]);
  const firing = alertStates.items.filter((a) => a.firing);
  replace(
    alerts,
    firing.length === 0
      ? h('li.muted', null, 'No alert is firing.')
      : firing.map((a) =>
          h(
            'li.ops-alert',
            { 'data-alert': a.key },
            h('strong', null, a.alert),
            ` since ${formatDateTime(a.since, zone)}: ${a.summary}`,
            a.runbook ? h('span.cell-sub', null, ` Runbook: ${a.runbook}`) : null,
          ),
        ),
  );
  const stat = (
    /** @type {string} */ label,
    /** @type {string | number} */ value,
    /** @type {string} */ id,
  ) => h('div.card.ops-stat', null, h('div.ops-stat-value', { id }, value), h('div.muted', null, label));
  replace(
    stats,
    stat('messages waiting for processing', processing.backlog.waiting, 'stat-waiting'),
    stat(
      `failed in the last ${processing.lastWindow.minutes} min`,
      processing.lastWindow.failed,
      'stat-failed',
    ),
    stat(
      'jobs in the queue',
      processing.queue ? (processing.queue.counts['waiting'] ?? 0) : 'Redis down',
      'stat-queue',
    ),
    stat('unattributed patients', unattributed.total, 'stat-unattributed'),
  );
  replace(
    feedRows,
    feeds.items.length === 0
      ? h('tr', null, h('td.empty', { colspan: 6 }, 'No facility has sent anything yet.'))
      : feeds.items.map((f) =>
          h(
            `tr${f.silent ? '.feed-silent' : ''}`,
            { 'data-facility': f.facility },
            h('th', { scope: 'row' }, f.facility),
            h(
              'td',
              null,
              formatDateTime(f.lastReceivedAt, zone),
              h('div.cell-sub', null, `${f.minutesSinceLast} min ago`),
              f.silent
                ? h('span.badge.badge-overdue', { title: `limit ${f.silentAfterMinutes} min` }, 'Silent')
                : null,
            ),
            h('td', null, f.messagesToday),
            h('td', null, f.messagesLastHour),
            h(
              'td',
              null,
              Object.entries(f.ackCodesToday)
                .map(([code, count]) => `${code} ${count}`)
                .join(' · ') || '—',
            ),
            h('td', null, f.rejectedToday),
          ),
        ),
  );
}

/** The search as API query parameters (times from the browser's clock as ISO instants). */
function searchQuery() {
  const data = new FormData(form);
  const query = new URLSearchParams({ limit: '50' });
  for (const name of ['controlId', 'mrn', 'facility', 'status']) {
    const value = formText(data, name).trim();
    if (value) query.set(name, value);
  }
  for (const name of ['from', 'to']) {
    const value = formText(data, name);
    if (value) query.set(name, new Date(value).toISOString());
  }
  return query;
}

/** @param {boolean} older - append the next page instead of starting over */
async function loadMessages(older) {
  const query = searchQuery();
  if (older && cursor) query.set('cursor', cursor);
  const page = /** @type {{ items: Message[], nextCursor: string | null }} */ (
    await api(`/api/messages?${query.toString()}`)
  );
  cursor = page.nextCursor;
  more.hidden = cursor === null;
  const rows = page.items.map((m) =>
    h(
      'tr',
      { 'data-message-id': m.id },
      h('td', null, formatDateTime(m.receivedAt, zone)),
      h('td', null, m.sendingFacility),
      h('td.mono', null, m.controlId),
      h('td', null, m.messageType),
      h('td', null, statusBadge(m.status)),
      h('td', null, m.statusReason ?? ''),
      h(
        'td',
        null,
        h('button.button-quiet', { type: 'button', onclick: () => void openMessage(m.id) }, 'Open'),
        m.status === 'failed'
          ? h('button', { type: 'button', onclick: () => void replay(m.id) }, 'Replay')
          : null,
      ),
    ),
  );
  if (older) append(messageRows, rows);
  else
    replace(
      messageRows,
      rows.length ? rows : h('tr', null, h('td.empty', { colspan: 7 }, 'No messages match.')),
    );
}

/**
 * Shows one message.
 * @param {string} id - message id
 * @returns {Promise<MessageDetail>}
 */
async function openMessage(id) {
  const message = /** @type {MessageDetail} */ (await api(`/api/messages/${id}`));
  replace(
    detail,
    messageDetail(message, zone, (m) => void replay(m.id)),
  );
  detail.hidden = false;
  detail.dataset['messageId'] = id;
  return message;
}

/**
 * Replays one failed message, then follows it until the worker has had its go.
 * @param {string} id - message id
 */
async function replay(id) {
  try {
    await api(`/api/messages/${id}/replay`, { method: 'POST' });
    toast(`Message ${id} sent for processing again.`);
    let message = await openMessage(id);
    for (let i = 0; i < REPLAY_POLL_LIMIT && message.status === 'received'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, REPLAY_POLL_MS));
      message = await openMessage(id);
    }
    await Promise.all([loadMessages(false), loadStatus(false)]);
  } catch (caught) {
    showError(caught);
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  loadMessages(false).catch(showError);
});
more.addEventListener('click', () => void loadMessages(true).catch(showError));
replayAll.addEventListener(
  'click',
  asyncHandler(async () => {
    if (!window.confirm('Send every failed message for processing again?')) return;
    try {
      const result = /** @type {{ replayed: string[] }} */ (
        await api('/api/messages/replay-failed', { method: 'POST' })
      );
      toast(`${result.replayed.length} failed message(s) sent for processing again.`);
      await Promise.all([loadMessages(false), loadStatus(false)]);
    } catch (caught) {
      showError(caught);
    }
  }),
);

const params = new URLSearchParams(window.location.search);
for (const name of ['controlId', 'mrn', 'facility', 'status']) {
  const control = form.elements.namedItem(name);
  const value = params.get(name);
  if (value && (control instanceof HTMLInputElement || control instanceof HTMLSelectElement))
    control.value = value;
}
await Promise.all([loadStatus(false), loadMessages(false)]).catch(showError);
window.setInterval(() => void loadStatus(true).catch(() => undefined), REFRESH_MS);

/**
 * A text field of a submitted form ('' when absent; the form has no file inputs).
 * @param {FormData} data - the submitted form
 * @param {string} name - the field
 */
function formText(data, name) {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}
