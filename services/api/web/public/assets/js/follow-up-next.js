// @ts-check
// "Open next" on a follow-up: the next follow-up of the list the navigator came from (the
// worklist's order and filters, or a patient search), one click or the N key away, so working the
// list after an action or a close never means going back and finding one's place.
import { h, replace } from './dom.js';
import { positionInOrder, readWorklistOrder } from './worklist-order.js';

/**
 * Whether a key press belongs to a field being typed in (or a dialog), not to the page.
 * @param {KeyboardEvent} event - the key press
 */
function typing(event) {
  const target = event.target;
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable) ||
    document.querySelector('dialog[open]') !== null
  );
}

/**
 * Shows where this follow-up stands in the list and a link to the next one; N opens it.
 * @param {HTMLElement} bar - the bar to fill (hidden when the follow-up is not on a remembered list)
 * @param {string} id - the follow-up shown
 * @returns {{ afterAction: (type: string) => void }} call after an action is logged: a close moves focus to the link
 */
export function startNextFollowUp(bar, id) {
  const place = positionInOrder(readWorklistOrder(), id);
  if (!place) return { afterAction: () => undefined };
  const href = place.next ? `/follow-ups/${place.next}` : null;
  const link = href
    ? h(
        'a.button.button-primary.next-link',
        { href, id: 'next-follow-up', 'aria-keyshortcuts': 'N' },
        'Open next follow-up ',
        h('kbd', { 'aria-hidden': 'true' }, 'N'),
      )
    : null;
  replace(
    bar,
    h('span.next-position', null, `${place.position} of ${place.total} on your list`),
    link ?? h('span.next-position', null, 'The last one of your list'),
  );
  bar.hidden = false;
  document.body.classList.add('has-next-bar');
  document.addEventListener('keydown', (event) => {
    if (!href || (event.key !== 'n' && event.key !== 'N')) return;
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event)) return;
    event.preventDefault();
    window.location.assign(href);
  });
  return {
    afterAction: (type) => {
      bar.classList.add('next-ready');
      if (type === 'close' && link instanceof HTMLElement) link.focus();
    },
  };
}
