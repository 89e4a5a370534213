// @ts-check
// How the inbox words and formats things. Pure functions (no DOM), unit-tested in web/test. The
// words for stored codes come from the server's vocabulary (vocabulary.js).
import { words } from './vocabulary.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * @typedef {'overdue' | 'due-soon' | 'upcoming' | 'paused'} DueState
 */

/**
 * The due clock of a follow-up: "overdue 1 day", "due in 5 h", "due in 40 min".
 * Within a day of the deadline counts as due soon.
 * @param {Date} dueAt - the deadline
 * @param {Date} now - the current time
 * @returns {{ state: DueState, text: string }}
 */
export function dueClock(dueAt, now) {
  const ms = dueAt.getTime() - now.getTime();
  const span = Math.abs(ms);
  let amount;
  if (span < HOUR_MS) amount = `${Math.max(1, Math.floor(span / MINUTE_MS))} min`;
  else if (span < DAY_MS) amount = `${Math.floor(span / HOUR_MS)} h`;
  else {
    const days = Math.floor(span / DAY_MS);
    amount = `${days} ${days === 1 ? 'day' : 'days'}`;
  }
  if (ms < 0) return { state: 'overdue', text: `overdue ${amount}` };
  return { state: ms < DAY_MS ? 'due-soon' : 'upcoming', text: `due in ${amount}` };
}

/**
 * The clock of a follow-up as the list shows it: paused while the patient is in hospital (nobody
 * calls a patient in a hospital bed; the API does not count it as overdue either), else the due clock.
 * @param {{ dueAt: string, patientInHospital?: { facility: string } | null }} f - the follow-up
 * @param {Date} now - the current time
 * @returns {{ state: DueState, text: string }}
 */
export function followUpClock(f, now) {
  if (f.patientInHospital) return { state: 'paused', text: 'paused: in hospital' };
  return dueClock(new Date(f.dueAt), now);
}

/**
 * The calendar date (YYYY-MM-DD) of an instant in a time zone.
 * @param {Date} at - the instant
 * @param {string} timeZone - IANA zone
 */
export function localDate(at, timeZone) {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/**
 * Age in whole years on a date.
 * @param {string | null} birthDate - YYYY-MM-DD
 * @param {string} onDate - YYYY-MM-DD
 * @returns {number | null}
 */
export function ageOn(birthDate, onDate) {
  if (!birthDate) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  if (!by || !bm || !bd || !y || !m || !d) return null;
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Builds "Wed 18 Nov 2026, 14:00" from the parts Intl gives for an instant.
 * @param {Date} at - the instant
 * @param {string} timeZone - IANA zone
 * @param {{ year?: boolean, time?: boolean }} options - include the year; include the time
 */
function partsText(at, timeZone, options) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  /** @param {string} type */
  const part = (type) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${part('weekday')} ${part('day')} ${part('month')}${options.year ? ` ${part('year')}` : ''}`;
  return options.time ? `${date}, ${part('hour')}:${part('minute')}` : date;
}

/**
 * A date and time for people, in the practice's time zone: "Wed 18 Nov, 14:00".
 * @param {string | null} iso - ISO-8601 instant
 * @param {string} timeZone - IANA zone
 * @param {{ year?: boolean, time?: boolean }} [options] - include the year; include the time (default)
 */
export function formatDateTime(iso, timeZone, options = {}) {
  if (!iso) return '';
  return partsText(new Date(iso), timeZone, { year: options.year ?? false, time: options.time ?? true });
}

/**
 * A calendar date (YYYY-MM-DD) for people: "Wed 25 Nov 2026".
 * @param {string} date - YYYY-MM-DD
 */
export function formatDate(date) {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return partsText(new Date(Date.UTC(y, m - 1, d, 12)), 'UTC', { year: true, time: false });
}

/**
 * A medical record number with its label, unless the number already says it: "MRN 12345", "MRN100234".
 * @param {string} mrn - as stored
 */
export function mrnLabel(mrn) {
  return /^mrn/i.test(mrn) ? mrn : `MRN ${mrn}`;
}

/**
 * A phone number for people: 10-digit North American numbers as (413) 555-0142, others as sent.
 * @param {string} phone - as stored
 */
export function formatPhone(phone) {
  const digits = phone.replace(/\D/g, '');
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  if (national.length === 10) return `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`;
  return phone;
}

/**
 * A `tel:` link target, or null when there is no number.
 * @param {string} phone - as stored
 */
export function telHref(phone) {
  const digits = phone.replace(/[^\d+]/g, '');
  return digits.length >= 7 ? `tel:${digits}` : null;
}

/**
 * The discharge disposition for people: "Home or self-care (01)".
 * @param {string} code - PV1-36
 */
export function dispositionLabel(code) {
  if (!code) return '';
  const normalized = /^\d$/.test(code) ? `0${code}` : code;
  const label = words().dispositions[normalized];
  return label ? `${label} (${normalized})` : `Disposition ${code}`;
}

/**
 * The patient class (PV1-2) for people.
 * @param {string} code - PV1-2
 */
export function patientClassLabel(code) {
  return words().patientClasses[code] ?? code;
}

/**
 * What kind of event brought the follow-up.
 * @param {'discharge' | 'ed_visit'} kind - follow-up kind
 */
export function kindLabel(kind) {
  return words().kinds[kind] ?? kind;
}

/**
 * An ADT event for people: "Discharged (A03)".
 * @param {string} eventType - trigger event code
 */
export function eventLabel(eventType) {
  const label = words().events[eventType];
  return label ? `${label} (${eventType})` : eventType;
}

/**
 * A care action for people: "Call attempt — no answer", "Took over from Sam Ortiz, RN".
 * @param {{ type: string, outcome: string | null, previousHolder?: { name: string } | null, handedTo?: { name: string } | null }} action - the logged action
 */
export function actionLabel(action) {
  const { attemptOutcomes: attempts, closeOutcomes: closes } = words();
  const outcome = action.outcome ?? '';
  switch (action.type) {
    case 'claim':
      return action.previousHolder ? `Took over from ${action.previousHolder.name}` : 'Claimed';
    case 'hand_off':
      return `Handed to ${action.handedTo?.name ?? 'a colleague'}`;
    case 'reopen':
      return 'Reopened';
    case 'contact_attempt':
      return `Call attempt — ${(attempts[outcome] ?? outcome) || 'not reached'}`;
    case 'contact_made':
      return 'Reached the patient';
    case 'appointment_scheduled':
      return /^\d{4}-\d{2}-\d{2}$/.test(outcome)
        ? `Appointment scheduled for ${formatDate(outcome)}`
        : `Appointment scheduled${outcome ? ` — ${outcome}` : ''}`;
    case 'med_reconciliation':
      return 'Medications reconciled';
    case 'note':
      return 'Note';
    case 'close':
      return `Closed — ${(closes[outcome] ?? outcome) || 'done'}`;
    default:
      return action.type;
  }
}

/**
 * Initials for an avatar: "Jo Rivera, RN" → "JR".
 * @param {string} name - a person's name
 */
export function initials(name) {
  const words = name.replace(/,.*$/, '').split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/**
 * Why a follow-up is high risk, for people.
 * @param {{ priority: string, riskScore: number | null, riskFlags: string[] }} followUp - the follow-up
 * @returns {string[]} the reasons; empty when not high risk
 */
export function riskReasons(followUp) {
  /** @type {string[]} */
  const reasons = [];
  for (const flag of followUp.riskFlags) {
    if (flag === 'lace_high') reasons.push(`LACE ${followUp.riskScore ?? '≥ 10'}`);
    else if (flag === 'ama') reasons.push('Left AMA');
    else if (flag === 'frequent_ed') reasons.push('Frequent ED');
    else reasons.push(flag);
  }
  if (reasons.length === 0 && followUp.priority === 'high') reasons.push('High priority');
  return reasons;
}
