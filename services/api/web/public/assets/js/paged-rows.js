// @ts-check
// A table body filled from a cursor-paged API list (`{ items, nextCursor }`), newest first: the
// first page replaces the rows, "more" appends the next one and shows while there is one.
import { api, ApiError } from './api.js';
import { h, append, replace } from './dom.js';

/**
 * @typedef {object} PagedRowsElements
 * @property {HTMLTableSectionElement} rows - the table body
 * @property {HTMLButtonElement} more - the button that loads the next page
 * @property {HTMLElement} notice - where a failure is said (cleared by a page that loads)
 */

/**
 * @typedef {object} PagedRowsWording
 * @property {string} empty - what an empty first page says
 * @property {string} failure - what a failure says when the API gives no reason
 */

/**
 * @template T
 * @param {PagedRowsElements} elements - the page's table body, "more" button and notice
 * @param {(item: T) => HTMLElement} row - one item's row
 * @param {PagedRowsWording} wording - what the table says when empty or failing
 * @returns {(path: string, params: URLSearchParams, older: boolean) => Promise<void>} loads the
 *   first page of `path` with `params`, or with `older` the page after the last one loaded
 */
export function pagedRows({ rows, more, notice }, row, { empty, failure }) {
  // The row that says the table is empty spans the header's columns.
  const columns = rows.closest('table')?.tHead?.rows[0]?.cells.length ?? 1;
  /** @type {string | null} */
  let cursor = null;
  return async (path, params, older) => {
    if (older && cursor) params.set('cursor', cursor);
    try {
      const page = /** @type {{ items: T[], nextCursor: string | null }} */ (
        await api(`${path}?${params.toString()}`)
      );
      cursor = page.nextCursor;
      more.hidden = cursor === null;
      replace(notice);
      const built = page.items.map(row);
      if (older) append(rows, built);
      else if (built.length === 0) replace(rows, h('tr', null, h('td.empty', { colspan: columns }, empty)));
      else replace(rows, ...built);
    } catch (error) {
      replace(
        notice,
        h('p.notice.notice-error', { role: 'alert' }, error instanceof ApiError ? error.message : failure),
      );
    }
  };
}
