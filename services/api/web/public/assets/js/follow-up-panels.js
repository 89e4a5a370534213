// @ts-check
// The read-only panels of a follow-up: TCM deadlines, timeline, encounter and source messages.
import { api, ApiError } from './api.js';
import { asyncHandler, h, replace, required } from './dom.js';
import { words } from './vocabulary.js';
import {
  actionLabel,
  dispositionLabel,
  eventLabel,
  followUpClock,
  formatDateTime,
  kindLabel,
  patientClassLabel,
} from './format.js';
import { visitContextFacts } from './follow-up-context.js';

/**
 * @typedef {import('./api-types.js').CareAction} CareAction
 * @typedef {import('./api-types.js').SourceMessage} SourceMessage
 * @typedef {import('./api-types.js').FollowUpDetail} Detail
 */

/**
 * What the panels need besides the follow-up.
 * @typedef {{ zone: string, me: import('./api.js').Who }} PanelContext
 */

/**
 * @param {Detail} d - the follow-up
 * @param {PanelContext} ctx - time zone and who is signed in
 */
export function deadlinesPanel(d, ctx) {
  const { zone } = ctx;

  const now = new Date();
  const clock = followUpClock(d, now);
  const reached = d.actions.find((a) => a.type === 'contact_made');
  const active = d.status === 'open' || d.status === 'in_progress';
  return h(
    'section.card',
    { 'aria-labelledby': 'deadlines-title' },
    h(
      'h2',
      { id: 'deadlines-title' },
      d.kind === 'discharge' ? 'Transitional care deadlines' : 'Follow-up deadline',
    ),
    h(
      'div.deadlines',
      null,
      h(
        'div.deadline',
        null,
        h('div.label', null, d.kind === 'discharge' ? 'Interactive contact due (TCM)' : 'Follow-up call due'),
        h('div.value', null, formatDateTime(d.dueAt, zone, { year: true })),
        active || !reached
          ? h(
              `span.badge.badge-${clock.state}`,
              null,
              clock.text.charAt(0).toUpperCase() + clock.text.slice(1),
            )
          : null,
        d.kind === 'discharge' ? h('p.muted', null, words().rules.dischargeDeadlineText) : null,
      ),
      d.visitDueBy
        ? h(
            'div.deadline',
            null,
            h('div.label', null, 'Face-to-face visit due by'),
            h('div.value', null, formatDateTime(d.visitDueBy, zone, { year: true, time: false })),
            h(
              'p.muted',
              null,
              d.priority === 'high'
                ? 'Day 7: high complexity (CPT 99496).'
                : 'Day 14: moderate complexity (CPT 99495).',
            ),
          )
        : null,
      h(
        'div.deadline',
        null,
        h('div.label', null, 'Contact'),
        reached
          ? h('div.value', null, `Reached ${formatDateTime(reached.at, zone)}`)
          : h(
              'div.value',
              null,
              d.failedAttempts === 0
                ? 'No attempts yet'
                : `${d.failedAttempts} failed attempt${d.failedAttempts === 1 ? '' : 's'}`,
            ),
        !reached && d.failedAttempts >= 2
          ? h('span.badge.badge-attempts', null, 'Two attempts documented')
          : null,
        !reached && d.failedAttempts >= 2
          ? h('p.muted', null, 'TCM accepts two documented attempts when the patient cannot be reached.')
          : null,
      ),
    ),
  );
}

/**
 * @param {Detail} d - the follow-up
 * @param {PanelContext} ctx - time zone and who is signed in
 */
export function timelinePanel(d, ctx) {
  const { zone, me } = ctx;

  /** @type {{ at: string, kind: string, title: string, meta: string, note: string | null }[]} */
  const entries = [
    ...d.sourceMessages.map((m) => ({
      at: m.occurredAt,
      kind: 'event',
      title: eventLabel(m.eventType),
      meta: `Hospital message · ${formatDateTime(m.occurredAt, zone)}`,
      note: m.note,
    })),
    ...d.actions.map((a) => {
      const late = new Date(a.recordedAt).getTime() - new Date(a.at).getTime() > 10 * 60_000;
      return {
        at: a.at,
        kind: a.type === 'close' ? 'close' : a.type === 'contact_attempt' ? 'attempt' : 'action',
        title: actionLabel(a),
        meta: `${a.actor === me.actor ? 'You' : a.actorName} · ${formatDateTime(a.at, zone)}${late ? ` (logged ${formatDateTime(a.recordedAt, zone)})` : ''}`,
        note: a.note,
      };
    }),
    {
      at: d.createdAt,
      kind: 'event',
      title: 'Follow-up created',
      meta: `${kindLabel(d.kind)} for team ${d.team} · ${formatDateTime(d.createdAt, zone)}`,
      note: null,
    },
  ].sort((a, b) => b.at.localeCompare(a.at));
  return h(
    'section.card',
    { 'aria-labelledby': 'timeline-title' },
    h('h2', { id: 'timeline-title' }, 'Timeline'),
    h(
      'ol.timeline',
      { id: 'timeline' },
      entries.map((e) =>
        h(
          `li.kind-${e.kind}`,
          null,
          h('span.marker', { 'aria-hidden': 'true' }),
          h('div.title', null, e.title),
          h('div.meta', null, e.meta),
          e.note ? h('p.note', null, e.note) : null,
        ),
      ),
    ),
  );
}

/**
 * @param {Detail} d - the follow-up
 * @param {PanelContext} ctx - time zone and who is signed in
 */
export function encounterPanel(d, ctx) {
  const { zone } = ctx;

  const e = d.encounter;
  return h(
    'section.card',
    { 'aria-labelledby': 'encounter-title' },
    h('h2', { id: 'encounter-title' }, 'Encounter'),
    h(
      'dl.facts-list',
      null,
      fact('Facility', e.facilityName || e.facility),
      fact('Visit number', e.visitNumber),
      fact('Patient class', patientClassLabel(e.patientClass)),
      fact('Admitted', formatDateTime(e.admittedAt, zone, { year: true })),
      fact(
        d.kind === 'ed_visit' ? 'Left the ED' : 'Discharged',
        formatDateTime(e.dischargedAt, zone, { year: true }),
      ),
      fact('Disposition', dispositionLabel(e.disposition)),
      visitContextFacts(e),
    ),
    h('h3', null, 'Diagnoses'),
    e.diagnoses.length === 0
      ? h('p.muted', null, 'None sent by the hospital.')
      : h(
          'ul.dx',
          null,
          e.diagnoses.map((dx) => h('li', null, h('span.code', null, dx.code), dx.text)),
        ),
  );
}

/**
 * @param {string} term - what
 * @param {string} value - its value; a dash when empty
 */
function fact(term, value) {
  return [h('dt', null, term), h('dd', null, value || '—')];
}

/**
 * @param {Detail} d - the follow-up
 * @param {PanelContext} ctx - time zone and who is signed in
 */
export function sourcesPanel(d, ctx) {
  const { zone, me } = ctx;

  const canSeeHl7 = me.role === 'ops' || me.role === 'admin';
  return h(
    'section.card',
    { 'aria-labelledby': 'sources-title' },
    h('h2', { id: 'sources-title' }, 'Source messages'),
    d.sourceMessages.length === 0
      ? h('p.muted', null, 'No hospital messages recorded.')
      : h(
          'table.messages',
          null,
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              h('th', { scope: 'col' }, 'Event'),
              h('th', { scope: 'col' }, 'Received'),
              h('th', { scope: 'col' }, 'Control ID'),
              canSeeHl7 ? h('th', { scope: 'col' }, h('span.visually-hidden', null, 'HL7')) : null,
            ),
          ),
          h(
            'tbody',
            null,
            d.sourceMessages.map((m) =>
              h(
                'tr',
                null,
                h('td', null, m.eventType),
                h('td', null, formatDateTime(m.receivedAt, zone)),
                h('td.mono', null, m.controlId),
                canSeeHl7 ? h('td', null, hl7Button(m)) : null,
              ),
            ),
          ),
        ),
    h('div', { id: 'hl7' }),
  );
}

/** @param {SourceMessage} m */
function hl7Button(m) {
  return h(
    'button.button-quiet',
    {
      type: 'button',
      'aria-controls': 'hl7',
      onclick: asyncHandler(async () => {
        const target = required('#hl7', HTMLElement);
        try {
          const message = /** @type {{ raw: string | null }} */ (await api(`/api/messages/${m.messageId}`));
          replace(
            target,
            h('h3', null, `${m.eventType} · ${m.controlId}`),
            h(
              'pre.hl7',
              { tabindex: 0, 'aria-label': 'Raw HL7 message' },
              (message.raw ?? '').split('\r').join('\n'),
            ),
          );
        } catch (error) {
          replace(
            target,
            h(
              'p.notice.notice-error',
              null,
              error instanceof ApiError ? error.message : 'Could not load the message.',
            ),
          );
        }
      }),
    },
    'Show HL7',
  );
}
