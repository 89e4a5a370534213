// @ts-check
// "Find a patient" on the worklist: asks the API (GET /api/follow-ups?q=, audited) across the
// navigator's teams instead of filtering the rows on screen, so a patient who is not on the loaded
// list (closed, another day, past the first page) is found too.
import { api } from './api.js';

/** Wait this long after the last key before asking: one request per pause, not per letter. */
export const SEARCH_DEBOUNCE_MS = 300;
/** The API's shortest and longest search. */
export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 100;
const SEARCH_PAGE_SIZE = 50;

/** @typedef {import('./worklist-row.js').FollowUp} FollowUp */
/** @typedef {{ text: string, items: FollowUp[], more: boolean }} SearchResult */

/**
 * Watches the search box and reports results; an answer that arrives after a newer search is
 * dropped, so the rows always match what is typed.
 * @param {HTMLInputElement} input - the search box
 * @param {{
 *   filters: () => URLSearchParams,
 *   onResult: (result: SearchResult) => void,
 *   onClear: () => void,
 *   onError: (error: unknown) => void,
 * }} handlers - the team and status to search within; what to do with an answer, an empty box, a failure
 */
export function watchPatientSearch(input, handlers) {
  input.maxLength = SEARCH_MAX_LENGTH;
  /** @type {number | undefined} */
  let timer;
  let sequence = 0;

  /** @param {string} text - what to find */
  async function search(text) {
    sequence += 1;
    const mine = sequence;
    const params = handlers.filters();
    params.set('q', text);
    params.set('limit', String(SEARCH_PAGE_SIZE));
    try {
      const page = /** @type {{ items: FollowUp[], nextCursor: string | null }} */ (
        await api(`/api/follow-ups?${params.toString()}`)
      );
      if (mine === sequence) handlers.onResult({ text, items: page.items, more: page.nextCursor !== null });
    } catch (error) {
      if (mine === sequence) handlers.onError(error);
    }
  }

  function schedule() {
    window.clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < SEARCH_MIN_LENGTH) {
      sequence += 1;
      handlers.onClear();
      return;
    }
    timer = window.setTimeout(() => void search(text), SEARCH_DEBOUNCE_MS);
  }

  input.addEventListener('input', schedule);
  return {
    /** Whether a search is showing instead of the list. */
    active: () => input.value.trim().length >= SEARCH_MIN_LENGTH,
    /** Searches again now (the filters changed). */
    rerun: () => {
      window.clearTimeout(timer);
      const text = input.value.trim();
      if (text.length >= SEARCH_MIN_LENGTH) void search(text);
    },
    /** Empties the box and shows the list again. */
    clear: () => {
      input.value = '';
      schedule();
    },
  };
}
