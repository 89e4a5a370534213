// @ts-check
// One follow-up: who and what, the TCM deadlines, one-click care actions, and the timeline of ADT
// events and actions. Reading it goes through GET /api/follow-ups/:id (audited); actions through
// POST /api/follow-ups/:id/actions (append-only). Raw HL7 is offered to ops and admins only.
import { api, ApiError } from './api.js';
import { h, replace, required, requiredAll, toast } from './dom.js';
import {
  ageOn,
  formatDateTime,
  formatPhone,
  kindLabel,
  localDate,
  mrnLabel,
  riskReasons,
  telHref,
} from './format.js';
import { actionsPanel } from './follow-up-actions.js';
import { confirmDialog } from './confirm-dialog.js';
import { deadlinesPanel, encounterPanel, sourcesPanel, timelinePanel } from './follow-up-panels.js';
import { contactPanel } from './follow-up-context.js';
import { startShell } from './shell.js';
import { startNextFollowUp } from './follow-up-next.js';
import { words } from './vocabulary.js';

/** @typedef {import('./follow-up-panels.js').Detail} Detail */

const [content, announce] = requiredAll(HTMLElement, ['#content', '#announce']);
const back = required('#back', HTMLAnchorElement);
back.href = sessionStorage.getItem('worklist-url') ?? '/';

const session = await startShell('follow-up');
const zone = session.practiceTimeZone;
const me = session.user;
const id = /^\/follow-ups\/(\d{1,18})$/.exec(window.location.pathname)?.[1] ?? '';
const next = startNextFollowUp(required('#next-bar', HTMLElement), id);

/** @type {Detail | null} */
let detail = null;
let busy = false;

async function load() {
  try {
    detail = /** @type {Detail} */ (await api(`/api/follow-ups/${id}`));
    // Titles end up in browser history, tab lists and screen shares: no patient data in them.
    document.title = `Follow-up ${detail.id} · Follow-up inbox`;
    render(detail);
  } catch (error) {
    replace(
      content,
      h(
        'p.notice.notice-error',
        { role: 'alert' },
        error instanceof ApiError
          ? error.message
          : 'The follow-up could not be loaded. Check the connection and reload.',
      ),
    );
  } finally {
    content.removeAttribute('aria-busy');
  }
}

/** @param {boolean} enabled - whether the action buttons take clicks */
function setButtons(enabled) {
  for (const button of content.querySelectorAll('.actions-card button, .reopen-button')) {
    if (enabled) button.removeAttribute('disabled');
    else button.setAttribute('disabled', '');
  }
}

/**
 * Asks before taking a follow-up a colleague holds: two people must not call the same patient.
 * @param {string} holder - the colleague's name
 */
function confirmTakeOver(holder) {
  return confirmDialog({
    title: 'Take over this follow-up?',
    text: `${holder} is working on this follow-up. If you take it over, the team sees your name instead and the timeline records that you took it over from ${holder}. Let them know, so the patient is not called twice.`,
    confirm: `Take over from ${holder}`,
    danger: true,
  });
}

/**
 * Logs a care action, then shows the follow-up again. A claim or hand-off that finds a colleague
 * holding the follow-up (they claimed it after this page was opened) asks before taking it over.
 * @param {import('./follow-up-actions.js').NewAction} action - what to log
 * @param {string} done - the confirmation to show
 * @returns {Promise<import('./follow-up-actions.js').LogResult>}
 */
async function log(action, done) {
  if (busy) return { ok: false, message: '' };
  busy = true;
  setButtons(false);
  /** @type {string | null} */
  let holder = null;
  try {
    await api(`/api/follow-ups/${id}/actions`, { method: 'POST', body: action });
    toast(done);
    announce.textContent = done;
    await load();
    next.afterAction(action.type);
    return { ok: true, message: '' };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'claimed' && !action.takeOver) {
      const named = /** @type {{ name?: unknown } | undefined} */ (error.body.holder);
      holder = typeof named?.name === 'string' ? named.name : 'A colleague';
    } else {
      const message =
        error instanceof ApiError ? error.message : 'Not saved: check the connection and try again.';
      toast(message);
      setButtons(true);
      return { ok: false, message };
    }
  } finally {
    busy = false;
  }
  if (await confirmTakeOver(holder)) return log({ ...action, takeOver: true }, done);
  // Show who holds it now.
  await load();
  return { ok: false, message: '' };
}

/** Reopens a closed follow-up after asking: the close stays in the timeline. */
async function reopen() {
  const yes = await confirmDialog({
    title: 'Reopen this follow-up?',
    text: 'It goes back on the worklist as in progress. The close stays in the timeline, followed by a “Reopened” entry with your name.',
    confirm: 'Reopen follow-up',
  });
  if (yes) await log({ type: 'reopen' }, 'Reopened: the follow-up is back on the worklist');
}

/** @param {Detail} d */
function render(d) {
  const active = d.status === 'open' || d.status === 'in_progress';
  replace(
    content,
    header(d),
    active ? null : closedNotice(d),
    h(
      'div.detail-grid',
      null,
      h(
        'div',
        null,
        deadlinesPanel(d, { zone, me }),
        active ? actionsPanel(d, { zone, me, log, confirmTakeOver }) : null,
        timelinePanel(d, { zone, me }),
      ),
      h(
        'aside',
        { 'aria-label': 'Contact, encounter and source messages' },
        contactPanel(d, { zone }),
        encounterPanel(d, { zone, me }),
        sourcesPanel(d, { zone, me }),
      ),
    ),
  );
}

/** @param {Detail} d */
function header(d) {
  const today = localDate(new Date(), zone);
  const age = ageOn(d.patient.birthDate, today);
  const phone = telHref(d.patient.phone);
  const reasons = riskReasons(d);
  return h(
    'section.card.patient-head',
    { 'aria-labelledby': 'patient-name' },
    h(
      'div',
      null,
      h('h1', { id: 'patient-name' }, d.patient.name || 'Name not sent'),
      h(
        'p.facts',
        null,
        [
          age === null ? null : `${age} years`,
          d.patient.sex === 'F' ? 'Female' : d.patient.sex === 'M' ? 'Male' : d.patient.sex,
          d.patient.birthDate ? `born ${d.patient.birthDate}` : null,
          `${mrnLabel(d.patient.mrn)} (${d.patient.assigningAuthority})`,
          `team ${d.team}`,
        ]
          .filter(Boolean)
          .join(' · '),
      ),
      h(
        'div.flags',
        null,
        h(`span.badge${d.kind === 'ed_visit' ? '.badge-ed' : ''}`, null, kindLabel(d.kind)),
        reasons.length > 0 ? h('span.badge.badge-risk', null, `High risk · ${reasons.join(', ')}`) : null,
        reasons.length === 0 && d.riskScore !== null
          ? h('span.badge.badge-outline', null, `LACE ${d.riskScore}`)
          : null,
        d.inEdNow ? h('span.badge.badge-ed', null, 'In ED now') : null,
        d.patientInHospital
          ? h(
              'span.badge.badge-ed',
              null,
              `In hospital · ${d.patientInHospital.facilityName || d.patientInHospital.facility}${d.patientInHospital.location ? ` ${d.patientInHospital.location}` : ''} since ${formatDateTime(d.patientInHospital.since, zone)}`,
            )
          : null,
        d.readmittedAt
          ? h('span.badge.badge-risk', null, `Readmitted ${formatDateTime(d.readmittedAt, zone)}`)
          : null,
        d.supersededBy
          ? h(
              'a.badge.badge-risk',
              { href: `/follow-ups/${d.supersededBy}` },
              'Superseded by the readmission’s follow-up',
            )
          : null,
        d.dischargeCancelled ? h('span.badge.badge-cancelled', null, 'Discharge cancelled') : null,
        h('span.badge.badge-outline', null, statusLabel(d.status)),
      ),
    ),
    h(
      'div',
      null,
      phone
        ? h(
            'a.phone-big',
            { href: phone, 'aria-label': `Call ${formatPhone(d.patient.phone)}` },
            '☎ ',
            formatPhone(d.patient.phone),
          )
        : h('span.muted', null, 'No phone number on file'),
      h('p.muted', null, claimText(d)),
    ),
  );
}

/** @param {string} status */
function statusLabel(status) {
  return words().statuses[status] ?? status;
}

/** @param {Detail} d */
function claimText(d) {
  if (!d.claimedBy) return 'Nobody has claimed this follow-up yet.';
  const who = d.claimedBy.actor === me.actor ? 'you' : d.claimedBy.name;
  return `Claimed by ${who}, ${formatDateTime(d.claimedBy.at, zone)}.`;
}

/** @param {Detail} d */
function closedNotice(d) {
  const reason = d.statusReason ? ` (${d.statusReason.replaceAll('_', ' ')})` : '';
  return d.status === 'done'
    ? h(
        'div.notice.notice-done.closed-notice',
        { role: 'status' },
        h('p', null, `This follow-up is closed${reason}. The log below is kept as it was.`),
        h(
          'button.reopen-button.no-print',
          { type: 'button', onclick: () => void reopen() },
          'Reopen follow-up',
        ),
      )
    : h('p.notice', { role: 'status' }, `This follow-up was cancelled${reason}: no call is needed.`);
}

await load();
