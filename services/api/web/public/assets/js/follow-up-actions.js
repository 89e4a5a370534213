// @ts-check
// One-click care actions on a follow-up: claim (or take over, after asking), hand off to a
// colleague, call outcomes, care steps, note, and close (after asking, and only by the close rules).
import { api } from './api.js';
import { confirmDialog } from './confirm-dialog.js';
import { asyncHandler, h, required, toast } from './dom.js';
import { localDate } from './format.js';
import { words } from './vocabulary.js';

/**
 * @typedef {import('./follow-up-panels.js').Detail} Detail
 * @typedef {{ type: string, outcome?: string, note?: string, takeOver?: boolean, to?: string }} NewAction
 * @typedef {{ ok: boolean, message: string }} LogResult
 * @typedef {{ zone: string, me: import('./api.js').Who, log: (action: NewAction, done: string) => Promise<LogResult>, confirmTakeOver: (holder: string) => Promise<boolean> }} ActionContext
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
      mine ? null : claimBlock(d, ctx),
      handOffBlock(d, ctx),
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
          Object.entries(words().attemptOutcomes).map(([outcome, label]) =>
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
      closeBlock(d, ctx),
    ),
  );
}

/**
 * Claim a follow-up nobody holds, or take over a colleague's after saying who holds it.
 * @param {Detail} d - the follow-up
 * @param {ActionContext} ctx - how to log, and how to ask before a take-over
 */
function claimBlock(d, ctx) {
  const holder = d.claimedBy;
  return h(
    'div.action-block',
    null,
    h(
      'div.action-group',
      null,
      h(
        'button.button-primary',
        {
          type: 'button',
          onclick: asyncHandler(async () => {
            if (!holder) {
              await ctx.log({ type: 'claim' }, 'Claimed: the team sees you are on it');
            } else if (await ctx.confirmTakeOver(holder.name)) {
              await ctx.log({ type: 'claim', takeOver: true }, `Taken over from ${holder.name}`);
            }
          }),
        },
        holder ? `Take over from ${holder.name}` : 'Claim this follow-up',
      ),
      h('span.muted', null, holder ? '' : 'Let the team know you are working on it.'),
    ),
  );
}

/**
 * Hand the follow-up to a colleague on its team (they then hold it).
 * @param {Detail} d - the follow-up
 * @param {ActionContext} ctx - who is signed in, and how to log
 */
function handOffBlock(d, ctx) {
  const select = /** @type {HTMLSelectElement} */ (
    h('select', { id: 'hand-off-to' }, h('option', { value: '' }, 'Choose a colleague…'))
  );
  void api(`/api/follow-ups/${d.id}/colleagues`, { background: true })
    .then((answer) => {
      const { items } = /** @type {{ items: { username: string, name: string }[] }} */ (answer);
      for (const colleague of items) {
        const actor = `user:${colleague.username}`;
        if (actor === ctx.me.actor || actor === d.claimedBy?.actor) continue;
        select.append(h('option', { value: colleague.username }, colleague.name));
      }
    })
    .catch(() => undefined);
  return h(
    'div.action-block',
    { role: 'group', 'aria-labelledby': 'hand-off-title' },
    h('h3', { id: 'hand-off-title' }, 'Hand off'),
    h(
      'div.action-group',
      null,
      h('div.field', null, h('label', { for: 'hand-off-to' }, 'Hand off to'), select),
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            const to = valueOf('#hand-off-to');
            if (!to) {
              toast('Choose the colleague first.');
              select.focus();
              return;
            }
            const name = select.selectedOptions[0]?.textContent ?? to;
            void ctx.log({ type: 'hand_off', to }, `Handed to ${name}`);
          },
        },
        'Hand off',
      ),
    ),
  );
}

/**
 * Close the follow-up: an outcome, a note when it is "other", two logged attempts before
 * "unable to reach" (TCM), and a confirmation.
 * @param {Detail} d - the follow-up
 * @param {ActionContext} ctx - how to log
 */
function closeBlock(d, ctx) {
  const problem = h('p.notice.notice-error', { id: 'close-problem', role: 'alert', hidden: true });
  /** @param {string} text - why the follow-up was not closed */
  const explain = (text) => {
    problem.textContent = text;
    problem.removeAttribute('hidden');
  };
  const labels = words().closeOutcomes;
  return h(
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
          Object.entries(labels).map(([value, label]) => h('option', { value }, label)),
        ),
      ),
    ),
    h(
      'div.field',
      null,
      h('label', { for: 'close-note' }, 'Closing note (needed for “Other”)'),
      h('textarea', { id: 'close-note', rows: 2 }),
    ),
    problem,
    h(
      'div.action-group',
      null,
      h(
        'button.button-danger',
        {
          type: 'button',
          onclick: asyncHandler(async () => {
            problem.setAttribute('hidden', '');
            const outcome = valueOf('#close-outcome');
            const note = valueOf('#close-note');
            if (!outcome) {
              toast('Choose an outcome to close the follow-up.');
              required('#close-outcome', HTMLSelectElement).focus();
              return;
            }
            if (outcome === 'unreachable' && d.failedAttempts < words().rules.unreachableMinAttempts) {
              const logged =
                d.failedAttempts === 0
                  ? 'none is'
                  : d.failedAttempts === 1
                    ? 'one is'
                    : `${d.failedAttempts} are`;
              explain(
                `Not closed: “Unable to reach” needs at least ${words().rules.unreachableMinAttempts} logged call attempts (TCM), and ${logged} logged. Log each call first.`,
              );
              return;
            }
            if (outcome === 'other' && !note) {
              explain('Not closed: write a closing note saying why before closing as “Other”.');
              required('#close-note', HTMLTextAreaElement).focus();
              return;
            }
            const label = labels[outcome] ?? outcome;
            const yes = await confirmDialog({
              title: 'Close this follow-up?',
              text: `Outcome: ${label}. It leaves the worklist for the whole team. If it was a mistake, reopen it from its page.`,
              confirm: 'Close follow-up',
              danger: true,
            });
            if (!yes) return;
            const result = await ctx.log({ type: 'close', outcome, note }, 'Follow-up closed');
            if (!result.ok && result.message) explain(`Not closed: ${result.message}`);
          }),
        },
        'Close follow-up',
      ),
    ),
  );
}
