// @ts-check
// One-click care actions on a follow-up: claim, call outcomes, care steps, note and close.
import { h, required, toast } from './dom.js';
import { ATTEMPT_OUTCOMES, CLOSE_OUTCOMES, localDate } from './format.js';

/**
 * @typedef {import('./follow-up-panels.js').Detail} Detail
 * @typedef {{ type: string, outcome?: string, note?: string }} NewAction
 * @typedef {{ zone: string, me: import('./api.js').Who, log: (action: NewAction, done: string) => Promise<void> }} ActionContext
 */

/**
 * A text value from a form control, trimmed; undefined when empty.
 * @param {string} selector - the control
 */
function valueOf(selector) {
  const control = document.querySelector(selector);
  const value =
    control instanceof HTMLInputElement ||
    control instanceof HTMLTextAreaElement ||
    control instanceof HTMLSelectElement
      ? control.value.trim()
      : '';
  return value === '' ? undefined : value;
}

/**
 * The "log what happened" panel of an open follow-up.
 * @param {Detail} d - the follow-up
 * @param {ActionContext} ctx - time zone, who is signed in, and how to log an action
 */
export function actionsPanel(d, ctx) {
  const { zone, me, log } = ctx;
  const mine = d.claimedBy?.actor === me.actor;
  const today = localDate(new Date(), zone);
  return h(
    'section.card.actions-card',
    { 'aria-labelledby': 'actions-title' },
    h('h2', { id: 'actions-title' }, 'Log what happened'),
    h(
      'div.actions',
      null,
      mine
        ? null
        : h(
            'div.action-block',
            null,
            h(
              'div.action-group',
              null,
              h(
                'button.button-primary',
                {
                  type: 'button',
                  onclick: () => void log({ type: 'claim' }, 'Claimed: the team sees you are on it'),
                },
                d.claimedBy ? `Take over from ${d.claimedBy.name}` : 'Claim this follow-up',
              ),
              h('span.muted', null, d.claimedBy ? '' : 'Let the team know you are working on it.'),
            ),
          ),
      h(
        'div.action-block',
        { role: 'group', 'aria-labelledby': 'call-title' },
        h('h3', { id: 'call-title' }, 'Phone call'),
        h(
          'div.field',
          null,
          h('label', { for: 'call-note' }, 'Note (optional)'),
          h('textarea', { id: 'call-note', rows: 2 }),
        ),
        h(
          'div.action-group',
          null,
          Object.entries(ATTEMPT_OUTCOMES).map(([outcome, label]) =>
            h(
              'button',
              {
                type: 'button',
                onclick: () =>
                  void log(
                    { type: 'contact_attempt', outcome, note: valueOf('#call-note') },
                    `Logged: call attempt, ${label.toLowerCase()}`,
                  ),
              },
              label,
            ),
          ),
          h(
            'button.button-primary',
            {
              type: 'button',
              onclick: () =>
                void log({ type: 'contact_made', note: valueOf('#call-note') }, 'Logged: patient reached'),
            },
            'Reached the patient',
          ),
        ),
      ),
      h(
        'div.action-block',
        { role: 'group', 'aria-labelledby': 'care-title' },
        h('h3', { id: 'care-title' }, 'Care steps'),
        h(
          'div.action-group',
          null,
          h(
            'div.field',
            null,
            h('label', { for: 'appointment-date' }, 'Appointment date'),
            h('input', { id: 'appointment-date', type: 'date', min: today }),
          ),
          h(
            'button',
            {
              type: 'button',
              onclick: () => {
                const date = valueOf('#appointment-date');
                if (!date) {
                  toast('Choose the appointment date first.');
                  required('#appointment-date', HTMLInputElement).focus();
                  return;
                }
                void log({ type: 'appointment_scheduled', outcome: date }, 'Logged: appointment scheduled');
              },
            },
            'Appointment scheduled',
          ),
          h(
            'button',
            {
              type: 'button',
              onclick: () => void log({ type: 'med_reconciliation' }, 'Logged: medications reconciled'),
            },
            'Medications reconciled',
          ),
        ),
      ),
      h(
        'div.action-block',
        { role: 'group', 'aria-labelledby': 'note-title' },
        h('h3', { id: 'note-title' }, 'Note'),
        h(
          'div.field',
          null,
          h('label.visually-hidden', { for: 'note' }, 'Note'),
          h('textarea', { id: 'note', rows: 3 }),
        ),
        h(
          'div.action-group',
          null,
          h(
            'button',
            {
              type: 'button',
              onclick: () => {
                const note = valueOf('#note');
                if (!note) {
                  toast('Write the note first.');
                  required('#note', HTMLTextAreaElement).focus();
                  return;
                }
                void log({ type: 'note', note }, 'Note added');
              },
            },
            'Add note',
          ),
        ),
      ),
      h(
        'div.action-block',
        { role: 'group', 'aria-labelledby': 'close-title' },
        h('h3', { id: 'close-title' }, 'Close the follow-up'),
        h(
          'div.action-group',
          null,
          h(
            'div.field',
            null,
            h('label', { for: 'close-outcome' }, 'Outcome'),
            h(
              'select',
              { id: 'close-outcome' },
              h('option', { value: '' }, 'Choose…'),
              Object.entries(CLOSE_OUTCOMES).map(([value, label]) => h('option', { value }, label)),
            ),
          ),
          h(
            'button.button-danger',
            {
              type: 'button',
              onclick: () => {
                const outcome = valueOf('#close-outcome');
                if (!outcome) {
                  toast('Choose an outcome to close the follow-up.');
                  required('#close-outcome', HTMLSelectElement).focus();
                  return;
                }
                void log({ type: 'close', outcome, note: valueOf('#note') }, 'Follow-up closed');
              },
            },
            'Close follow-up',
          ),
        ),
      ),
    ),
  );
}
