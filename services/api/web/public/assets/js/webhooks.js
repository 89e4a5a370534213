// @ts-check
// Outbound webhooks: admins list, add and delete subscriptions; ops and admins see deliveries and
// send a dead (or delivered) one again.
import { api, ApiError } from './api.js';
import { confirmDialog } from './confirm-dialog.js';
import { h, append, replace, required, toast } from './dom.js';
import { formatDateTime } from './format.js';
import { startShell } from './shell.js';

/**
 * @typedef {import('./api-types.js').WebhookSubscription} WebhookSubscription
 * @typedef {import('./api-types.js').WebhookDelivery} WebhookDelivery
 */

const EVENTS = [
  'follow_up.created',
  'follow_up.updated',
  'follow_up.closed',
  'encounter.admitted',
  'encounter.discharged',
  'patient.deceased',
];

const notice = required('#notice', HTMLElement);
const subscriptionsSection = required('#subscriptions-section', HTMLElement);
const subscriptionRows = required('#subscription-rows', HTMLTableSectionElement);
const subscribeForm = required('#subscribe', HTMLFormElement);
const eventChoices = required('#event-choices', HTMLElement);
const deliveryFilters = required('#delivery-filters', HTMLFormElement);
const deliveryRows = required('#delivery-rows', HTMLTableSectionElement);
const more = required('#more', HTMLButtonElement);

const session = await startShell('webhooks');
const zone = session.practiceTimeZone;
const isAdmin = session.user.role === 'admin';
/** @type {string | null} */
let cursor = null;

/** @param {unknown} error @param {string} fallback */
function showError(error, fallback) {
  replace(
    notice,
    h('p.notice.notice-error', { role: 'alert' }, error instanceof ApiError ? error.message : fallback),
  );
}

/**
 * A form field's text ('' for a file or a missing field).
 * @param {FormData} data
 * @param {string} name
 */
const field = (data, name) => {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
};

/** @param {string} text */
const list = (text) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

if (isAdmin) {
  subscriptionsSection.hidden = false;
  append(
    eventChoices,
    EVENTS.map((event) =>
      h(
        'label.checkbox',
        null,
        h('input', { type: 'checkbox', name: 'events', value: event, checked: true }),
        ` ${event}`,
      ),
    ),
  );
  subscribeForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void subscribe();
  });
  await loadSubscriptions();
}
deliveryFilters.addEventListener('submit', (event) => {
  event.preventDefault();
  void loadDeliveries(false);
});
more.addEventListener('click', () => void loadDeliveries(true));
await loadDeliveries(false);

async function loadSubscriptions() {
  try {
    const page = /** @type {{ items: WebhookSubscription[] }} */ (await api('/api/subscriptions'));
    if (page.items.length === 0) {
      replace(subscriptionRows, h('tr', null, h('td.empty', { colspan: 8 }, 'No subscriptions yet.')));
      return;
    }
    replace(subscriptionRows, ...page.items.map(subscriptionRow));
  } catch (error) {
    showError(error, 'Could not load the subscriptions.');
  }
}

/** @param {WebhookSubscription} s */
function subscriptionRow(s) {
  const d = s.deliveries;
  const filter = [
    s.filter.facility.length > 0 ? `facility ${s.filter.facility.join(', ')}` : null,
    s.filter.team.length > 0 ? `team ${s.filter.team.join(', ')}` : null,
    s.filter.kind.length > 0 ? `kind ${s.filter.kind.join(', ')}` : null,
  ]
    .filter(Boolean)
    .join('; ');
  const last = d.lastAttemptAt
    ? `${formatDateTime(d.lastAttemptAt, zone, { year: true })} · ${d.lastError ?? `HTTP ${String(d.lastStatus)}`}`
    : '—';
  return h(
    'tr',
    null,
    h('td.mono', null, s.url),
    h('td', null, s.events.join(', ')),
    h('td', null, filter || 'all'),
    h('td', null, d.delivered),
    h('td', null, d.pending),
    h('td', null, d.dead > 0 ? h('span.badge.status-dead', null, d.dead) : '0'),
    h('td', null, last),
    h('td', null, h('button', { type: 'button', onclick: () => void remove(s) }, 'Delete')),
  );
}

async function subscribe() {
  const data = new FormData(subscribeForm);
  const kind = field(data, 'kind');
  const facility = list(field(data, 'facility'));
  const team = list(field(data, 'team'));
  /** @type {Record<string, string[]>} */
  const filter = {};
  if (facility.length > 0) filter.facility = facility;
  if (team.length > 0) filter.team = team;
  if (kind) filter.kind = [kind];
  try {
    await api('/api/subscriptions', {
      method: 'POST',
      body: {
        url: field(data, 'url'),
        events: data.getAll('events').map(String),
        secret: field(data, 'secret'),
        filter,
      },
    });
    subscribeForm.reset();
    replace(notice);
    toast('Subscription added');
    await loadSubscriptions();
  } catch (error) {
    showError(error, 'Could not add the subscription.');
  }
}

/** @param {WebhookSubscription} s */
async function remove(s) {
  const confirmed = await confirmDialog({
    title: 'Delete this subscription?',
    text: `Events stop going to ${s.url}. Its pending deliveries end as dead.`,
    confirm: 'Delete',
    danger: true,
  });
  if (!confirmed) return;
  try {
    await api(`/api/subscriptions/${s.id}`, { method: 'DELETE' });
    toast('Subscription deleted');
    await loadSubscriptions();
    await loadDeliveries(false);
  } catch (error) {
    showError(error, 'Could not delete the subscription.');
  }
}

/**
 * Loads the first page of deliveries, or the next one.
 * @param {boolean} older - append the next page
 */
async function loadDeliveries(older) {
  const params = new URLSearchParams();
  const status = field(new FormData(deliveryFilters), 'status');
  if (status) params.set('status', status);
  if (older && cursor) params.set('cursor', cursor);
  try {
    const page = /** @type {{ items: WebhookDelivery[], nextCursor: string | null }} */ (
      await api(`/api/webhook-deliveries?${params.toString()}`)
    );
    cursor = page.nextCursor;
    more.hidden = cursor === null;
    const built = page.items.map(deliveryRow);
    if (older) append(deliveryRows, built);
    else if (built.length === 0)
      replace(deliveryRows, h('tr', null, h('td.empty', { colspan: 8 }, 'No deliveries match.')));
    else replace(deliveryRows, ...built);
  } catch (error) {
    showError(error, 'Could not load the deliveries.');
  }
}

/** @param {WebhookDelivery} d */
function deliveryRow(d) {
  const result = d.lastError ?? (d.lastStatus === null ? '—' : `HTTP ${String(d.lastStatus)}`);
  return h(
    'tr',
    null,
    h('td', null, formatDateTime(d.createdAt, zone, { year: true })),
    h('td', null, `#${d.subscriptionId}`),
    h('td', null, d.type),
    h('td', null, d.followUpId ? `#${d.followUpId}` : '—'),
    h('td', null, h(`span.badge.status-${d.status}`, null, d.status)),
    h('td', null, d.attempts),
    h('td', null, result),
    h(
      'td',
      null,
      d.status === 'pending'
        ? null
        : h('button', { type: 'button', onclick: () => void redeliver(d) }, 'Redeliver'),
    ),
  );
}

/** @param {WebhookDelivery} d */
async function redeliver(d) {
  try {
    await api(`/api/webhook-deliveries/${d.id}/redeliver`, { method: 'POST' });
    toast('Delivery queued again');
    await loadDeliveries(false);
  } catch (error) {
    showError(error, 'Could not queue the delivery again.');
  }
}
