// @ts-check
// One follow-up as a worklist row (a card on narrow screens).
import { h } from './dom.js';
import {
  ageOn,
  dispositionLabel,
  followUpClock,
  formatDateTime,
  formatPhone,
  initials,
  kindLabel,
  mrnLabel,
  riskReasons,
  telHref,
} from './format.js';

/**
 * @typedef {import('./api-types.js').FollowUp} FollowUp
 */

/**
 * What a row needs besides the follow-up.
 * @typedef {{ now: Date, today: string, isNew: boolean, zone: string, me: import('./api.js').Who }} RowContext
 */

/**
 * One follow-up as a table row.
 * @param {FollowUp} f - the follow-up
 * @param {RowContext} ctx - the current time and date, whether it just arrived, time zone, who is signed in
 */
export function worklistRow(f, ctx) {
  const { now, today, isNew, zone, me } = ctx;
  // A patient search also finds follow-ups that are off the list: their clock has stopped.
  const clock =
    f.status === 'done' || f.status === 'cancelled'
      ? { state: 'closed', text: f.status === 'done' ? 'closed' : 'cancelled' }
      : followUpClock(f, now);
  const age = ageOn(f.patient.birthDate, today);
  const phone = telHref(f.patient.phone);
  const reasons = riskReasons(f);
  const e = f.encounter;
  const eventTime =
    f.kind === 'ed_visit'
      ? f.inEdNow
        ? `Arrived ${formatDateTime(e.admittedAt, zone)}`
        : `Left the ED ${formatDateTime(e.dischargedAt ?? e.admittedAt, zone)}`
      : `Discharged ${formatDateTime(e.dischargedAt, zone)}`;
  const href = `/follow-ups/${f.id}`;
  return h(
    `tr.row-${clock.state}${isNew ? '.row-new' : ''}`,
    {
      'data-id': f.id,
      onclick: (event) => {
        if (event.target instanceof Element && event.target.closest('a, button')) return;
        window.location.assign(href);
      },
    },
    h(
      'td.col-due',
      { 'data-label': 'Due' },
      h(
        `span.badge.badge-${clock.state}`,
        null,
        h('span.dot', { 'aria-hidden': 'true' }),
        capitalize(clock.text),
      ),
      h('span.due-date', null, formatDateTime(f.dueAt, zone)),
    ),
    h(
      'td.col-patient',
      { 'data-label': 'Patient' },
      h('a.patient-link', { href }, f.patient.name || 'Name not sent'),
      h(
        'span.cell-sub',
        null,
        [age === null ? null : `${age} y`, f.patient.sex, mrnLabel(f.patient.mrn)]
          .filter(Boolean)
          .join(' · '),
      ),
      h(
        'span.cell-sub',
        null,
        phone
          ? h(
              'a',
              { href: phone, 'aria-label': `Call ${formatPhone(f.patient.phone)}` },
              formatPhone(f.patient.phone),
            )
          : 'No phone on file',
      ),
      callContextLine(f, zone),
    ),
    h(
      'td.col-event',
      { 'data-label': 'Event' },
      h(`span.badge${f.kind === 'ed_visit' ? '.badge-ed' : ''}`, null, kindLabel(f.kind)),
      ' ',
      e.facilityName || e.facility,
      h('span.cell-sub', null, eventTime),
      e.disposition ? h('span.cell-sub', null, dispositionLabel(e.disposition)) : null,
    ),
    h(
      'td.col-dx',
      { 'data-label': 'Diagnoses' },
      e.diagnoses.length === 0
        ? h('span.muted', null, 'None sent')
        : h(
            'ul.dx',
            null,
            e.diagnoses.slice(0, 3).map((d) => h('li', null, h('span.code', null, d.code), d.text)),
            e.diagnoses.length > 3 ? h('li.muted', null, `+${e.diagnoses.length - 3} more`) : null,
          ),
    ),
    h(
      'td.col-flags',
      { 'data-label': 'Risk and flags' },
      h(
        'div.flags',
        null,
        reasons.length > 0 ? h('span.badge.badge-risk', null, `High risk · ${reasons.join(', ')}`) : null,
        reasons.length === 0 && f.riskScore !== null
          ? h('span.badge.badge-outline', null, `LACE ${f.riskScore}`)
          : null,
        f.inEdNow ? h('span.badge.badge-ed', null, 'In ED now') : null,
        f.patientInHospital
          ? h(
              'span.badge.badge-ed',
              null,
              `In hospital · ${f.patientInHospital.facilityName || f.patientInHospital.facility} since ${formatDateTime(f.patientInHospital.since, zone)}`,
            )
          : null,
        f.readmittedAt
          ? h('span.badge.badge-risk', null, `Readmitted ${formatDateTime(f.readmittedAt, zone)}`)
          : null,
        f.supersededBy ? h('span.badge.badge-risk', null, 'Superseded: work logged') : null,
        f.dischargeCancelled ? h('span.badge.badge-cancelled', null, 'Discharge cancelled') : null,
        f.failedAttempts > 0
          ? h(
              'span.badge.badge-attempts',
              null,
              `${f.failedAttempts} failed attempt${f.failedAttempts === 1 ? '' : 's'}`,
            )
          : null,
        f.status === 'in_progress' ? h('span.badge.badge-outline', null, 'In progress') : null,
      ),
    ),
    h(
      'td.col-claim',
      { 'data-label': 'Claimed by' },
      f.claimedBy
        ? h(
            'span.claimant',
            null,
            h('span.avatar', { 'aria-hidden': 'true' }, initials(f.claimedBy.name)),
            f.claimedBy.actor === me.actor ? 'You' : f.claimedBy.name,
          )
        : h('span.muted', null, 'Unclaimed'),
    ),
  );
}

/** @param {string} text */
function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * One compact line of the call context: interpreter, more numbers on file, last attempt.
 * @param {FollowUp} f - the follow-up
 * @param {string} zone - practice time zone
 */
function callContextLine(f, zone) {
  const p = f.patient;
  const others = p.phones.length - (p.phone ? 1 : 0) + p.contacts.length;
  const parts = [
    p.interpreterNeeded ? `Interpreter (${p.language?.text || p.language?.code || 'language sent'})` : null,
    others > 0 ? `${others} more contact${others === 1 ? '' : 's'}` : null,
    f.lastAttemptAt ? `Last tried ${formatDateTime(f.lastAttemptAt, zone)}` : null,
  ].filter(Boolean);
  return parts.length === 0 ? null : h('span.cell-sub.call-context', null, parts.join(' · '));
}
