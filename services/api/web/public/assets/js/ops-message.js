// @ts-check
// One stored message for ops: status, reason, the raw HL7 one segment per line with each field
// named on hover, and its processing history. Raw HL7 is patient data: it goes in as text only.
import { h } from './dom.js';
import { formatDateTime } from './format.js';

/**
 * @typedef {import('./api-types.js').Message} Message
 * @typedef {import('./api-types.js').MessageDetail} MessageDetail
 */

// Names of the fields ops look at most; others are shown by position only.
/** @type {Record<string, string>} */
const FIELD_NAMES = {
  'MSH-3': 'Sending application',
  'MSH-4': 'Sending facility',
  'MSH-7': 'Message date/time',
  'MSH-9': 'Message type',
  'MSH-10': 'Message control id',
  'MSH-11': 'Processing id',
  'MSH-12': 'Version id',
  'EVN-1': 'Event type',
  'EVN-2': 'Recorded date/time',
  'PID-3': 'Patient identifier list',
  'PID-5': 'Patient name',
  'PID-7': 'Date of birth',
  'PID-8': 'Sex',
  'PID-30': 'Patient death indicator',
  'PV1-2': 'Patient class',
  'PV1-3': 'Assigned location',
  'PV1-4': 'Admission type',
  'PV1-10': 'Hospital service',
  'PV1-18': 'Patient type',
  'PV1-19': 'Visit number',
  'PV1-36': 'Discharge disposition',
  'PV1-44': 'Admit date/time',
  'PV1-45': 'Discharge date/time',
  'MRG-1': 'Prior patient identifier',
  'DG1-3': 'Diagnosis code',
};

/**
 * The label of a field for its hover title: `PID-5 Patient name`.
 * @param {string} segment - segment name
 * @param {number} position - field number
 * @returns {string}
 */
export function fieldLabel(segment, position) {
  const key = `${segment}-${position}`;
  const name = FIELD_NAMES[key];
  return name ? `${key} ${name}` : key;
}

/**
 * Raw HL7 with one line per segment and a title on every field. In MSH the field separator itself
 * is MSH-1, so the text after the first bar is MSH-2.
 * @param {string} raw - the message, segments separated by CR (LF tolerated)
 * @returns {HTMLElement}
 */
export function hl7View(raw) {
  const lines = raw.split(/\r\n|\r|\n/).filter((line) => line.length > 0);
  return h(
    'div.hl7',
    { role: 'list', 'aria-label': 'Raw HL7, one segment per line' },
    lines.map((line) => {
      const fields = line.split('|');
      const segment = fields[0] ?? '';
      const offset = segment === 'MSH' ? 1 : 0;
      return h(
        'div.hl7-segment',
        { role: 'listitem' },
        h('span.hl7-name', { title: segment }, segment),
        fields
          .slice(1)
          .flatMap((field, index) => [
            '|',
            h('span.hl7-field', { title: fieldLabel(segment, index + 1 + offset) }, field),
          ]),
      );
    }),
  );
}

/**
 * A status badge.
 * @param {string} status - message status
 * @returns {HTMLElement}
 */
export function statusBadge(status) {
  const label = status === 'received' ? 'waiting' : status;
  return h(`span.badge.status-${status}`, { 'data-status': status }, label);
}

/**
 * The detail panel's content.
 * @param {MessageDetail} message - the message
 * @param {string} zone - the practice time zone
 * @param {(message: MessageDetail) => void} onReplay - replay this message
 * @returns {HTMLElement[]}
 */
export function messageDetail(message, zone, onReplay) {
  const replayable = message.status === 'failed';
  return [
    h(
      'div.page-head',
      null,
      h(
        'div',
        null,
        h('h2', { id: 'detail-title' }, `Message ${message.controlId || message.id}`),
        h(
          'p.subtitle',
          null,
          `${message.messageType} · ${message.sendingApplication}@${message.sendingFacility} · received ${formatDateTime(message.receivedAt, zone)}`,
        ),
      ),
      replayable
        ? h(
            'button.button-primary',
            {
              type: 'button',
              id: 'replay-one',
              onclick: () => {
                onReplay(message);
              },
            },
            'Replay',
          )
        : null,
    ),
    h(
      'dl.detail-grid',
      null,
      h('dt', null, 'Status'),
      h('dd', { id: 'detail-status' }, statusBadge(message.status)),
      h('dt', null, 'Reason'),
      h('dd', { id: 'detail-reason' }, message.statusReason ?? '—'),
      h('dt', null, 'ACK'),
      h('dd', null, message.ackCode ?? '—'),
      h('dt', null, 'Failed attempts'),
      h('dd', null, message.attempts),
      h('dt', null, 'Correlation id'),
      h('dd.mono', null, message.correlationId),
    ),
    h('h3', null, 'Raw HL7'),
    message.raw === null
      ? h('p.muted', null, 'Not kept (pruned by retention or never stored).')
      : hl7View(message.raw),
    h('h3', null, 'Processing history'),
    h(
      'ol.timeline',
      { id: 'history' },
      message.history.map((entry) =>
        h(
          'li',
          null,
          h('strong', null, entry.event),
          ` · ${formatDateTime(entry.at, zone)}`,
          entry.detail ? h('div.cell-sub', null, entry.detail) : null,
        ),
      ),
    ),
  ];
}
