// @ts-check
// The call context of a follow-up: every number to call, the people to call, language and
// interpreter, address, primary care provider, coverage and when the patient was last tried.
import { h } from './dom.js';
import { formatDateTime, formatPhone, telHref } from './format.js';

/**
 * @typedef {import('./follow-up-panels.js').Detail} Detail
 * @typedef {{ number: string, use: string, equipment: string, field: string }} Phone
 */

// HL7 table 0201 (telecommunication use) and 0202 (equipment) as people say them.
/** @type {Record<string, string>} */
const PHONE_USES = {
  PRN: 'Home',
  ORN: 'Other',
  WPN: 'Work',
  VHN: 'Vacation home',
  ASN: 'Answering service',
  EMR: 'Emergency',
  NET: 'E-mail',
  BPN: 'Beeper',
};
/** @type {Record<string, string>} */
const EQUIPMENT = {
  CP: 'mobile',
  FX: 'fax',
  PH: '',
  Internet: '',
  BP: 'beeper',
  MD: 'modem',
  TDD: 'TDD',
  TTY: 'TTY',
};

/**
 * What a number is, in words: "Home", "Work mobile", "Mobile" (PID-14 without a use code: work).
 * @param {Phone} phone - one number
 */
export function phoneLabel(phone) {
  const use = PHONE_USES[phone.use] ?? (phone.field === 'PID-14' || phone.field === 'NK1-6' ? 'Work' : '');
  const equipment = EQUIPMENT[phone.equipment] ?? phone.equipment;
  if (use === '') return equipment === '' ? 'Phone' : capitalize(equipment);
  return equipment === '' ? use : `${use} ${equipment}`;
}

/** @param {string} text */
function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * One number as a call link (or a mail link), labelled.
 * @param {Phone} phone - the number
 */
function phoneItem(phone) {
  const label = phoneLabel(phone);
  if (phone.use === 'NET' || phone.number.includes('@')) {
    return h('li', null, h('span.muted', null, `${label}: `), phone.number);
  }
  const [main = '', extension] = phone.number.split(/\s+x/);
  const href = telHref(main);
  const shown = `${formatPhone(main)}${extension ? ` ext. ${extension}` : ''}`;
  return h(
    'li',
    null,
    h('span.muted', null, `${label}: `),
    href ? h('a', { href, 'aria-label': `Call ${label.toLowerCase()} ${shown}` }, shown) : shown,
  );
}

/**
 * @param {string} term - what
 * @param {string | HTMLElement | null} value - its value; a dash when empty
 */
function fact(term, value) {
  return [h('dt', null, term), h('dd', null, value || '—')];
}

/** @param {Detail['patient']['address']} a */
function addressText(a) {
  if (!a) return '';
  const place = [a.city, [a.state, a.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [a.street, a.other, place, a.country === 'USA' || a.country === 'US' ? '' : a.country]
    .filter(Boolean)
    .join(', ');
}

/** @param {Detail['patient']['language']} language */
function languageText(language) {
  if (!language) return '';
  return language.text || language.code;
}

/**
 * A coded value for people: "Pneumonia, unspecified organism (J18.9)".
 * @param {{ code: string, text: string } | null} value
 */
function codedText(value) {
  if (!value) return '';
  if (value.text && value.code) return `${value.text} (${value.code})`;
  return value.text || value.code;
}

/**
 * The contact panel.
 * @param {Detail} d - the follow-up
 * @param {{ zone: string }} ctx - time zone
 */
export function contactPanel(d, ctx) {
  const p = d.patient;
  const coverage = p.coverages.map((c) =>
    h(
      'li',
      null,
      [c.planName || c.planId, c.companyName].filter(Boolean).join(' · '),
      c.policyNumber ? h('span.muted', null, ` · member ${c.policyNumber}`) : null,
    ),
  );
  return h(
    'section.card',
    { 'aria-labelledby': 'contact-title' },
    h('h2', { id: 'contact-title' }, 'Contact'),
    p.interpreterNeeded
      ? h('p', null, h('span.badge.badge-risk', null, `Interpreter · ${languageText(p.language)}`))
      : null,
    h('h3', null, 'Phone numbers'),
    p.phones.length === 0
      ? h('p.muted', null, 'None sent by the hospital.')
      : h('ul.contact-list', null, p.phones.map(phoneItem)),
    h('h3', null, 'Family and other contacts'),
    p.contacts.length === 0
      ? h('p.muted', null, 'None sent by the hospital.')
      : h(
          'ul.contact-list',
          null,
          p.contacts.map((c) =>
            h(
              'li',
              null,
              h('strong', null, c.name || 'Name not sent'),
              c.relationship.text || c.relationship.code
                ? h('span.muted', null, ` · ${c.relationship.text || c.relationship.code}`)
                : null,
              c.phones.length > 0 ? h('ul.contact-list', null, c.phones.map(phoneItem)) : null,
            ),
          ),
        ),
    h(
      'dl.facts-list',
      null,
      fact(
        'Last tried',
        d.lastAttemptAt ? formatDateTime(d.lastAttemptAt, ctx.zone, { year: true }) : 'Not yet',
      ),
      fact('Language', languageText(p.language)),
      fact('Address', addressText(p.address)),
      fact(
        'Primary care',
        p.primaryCareProvider
          ? `${p.primaryCareProvider.name}${p.primaryCareProvider.source === 'roster' ? ' (roster)' : ' (hospital record)'}`
          : '',
      ),
      fact('Coverage', coverage.length === 0 ? '' : h('ul.contact-list', null, coverage)),
    ),
  );
}

/**
 * The encounter facts the call context adds: reason for visit, admitting diagnosis, attending.
 * @param {Detail['encounter']} e - the encounter
 */
export function visitContextFacts(e) {
  const admitting = codedText(e.admittingDiagnosis);
  return [
    ...fact('Reason for visit', codedText(e.reasonForVisit)),
    // The admit reason stands in for a missing admitting diagnosis: shown once, not twice.
    ...(e.admittingDiagnosis?.source === 'PV2-3' ? [] : fact('Admitting diagnosis', admitting)),
    ...fact('Attending', e.attending ? e.attending.name || e.attending.id : ''),
  ];
}
