// @ts-check
// Asks before a step that is hard to take back (taking a colleague's follow-up, closing one,
// reopening one): a modal dialog that says what will happen, answered with the keyboard or a click.
import { h } from './dom.js';

/**
 * Shows the question and waits for the answer; Escape and Cancel say no.
 * @param {{ title: string, text: string, confirm: string, danger?: boolean }} question - the heading, what happens, and the label of the button that goes ahead
 * @returns {Promise<boolean>} whether to go ahead
 */
export function confirmDialog(question) {
  return new Promise((resolve) => {
    let confirmed = false;
    const dialog = /** @type {HTMLDialogElement} */ (
      h('dialog.confirm', { 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-text' })
    );
    const form = h(
      'form',
      {
        onsubmit: (event) => {
          event.preventDefault();
          confirmed = true;
          dialog.close();
        },
      },
      h('h2', { id: 'confirm-title' }, question.title),
      h('p', { id: 'confirm-text' }, question.text),
      h(
        'div.toolbar',
        null,
        h(
          question.danger ? 'button.button-danger' : 'button.button-primary',
          { type: 'submit' },
          question.confirm,
        ),
        // A dangerous step starts on Cancel, so a reflex Enter does not take it.
        h(
          'button',
          {
            type: 'button',
            autofocus: question.danger === true,
            onclick: () => {
              dialog.close();
            },
          },
          'Cancel',
        ),
      ),
    );
    dialog.append(form);
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(confirmed);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
