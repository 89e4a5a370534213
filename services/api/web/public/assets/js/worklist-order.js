// @ts-check
// The order of the list the navigator is working, remembered for this tab so the follow-up page
// can open the next one. Only ids are kept (no patient data), in sessionStorage.

const ORDER_KEY = 'worklist-order';
const LIST_URL_KEY = 'worklist-url';
// The API lists at most this many follow-ups at a time.
const MAX_IDS = 1000;

/**
 * @typedef {{ ids: string[], listUrl: string }} WorklistOrder
 */

/**
 * Remembers the list as shown: its follow-ups in order and the address of the list (with filters).
 * @param {string[]} ids - follow-up ids in list order
 * @param {string} listUrl - the worklist's address, with its filters
 */
export function saveWorklistOrder(ids, listUrl) {
  /** @type {WorklistOrder} */
  const order = { ids: ids.slice(0, MAX_IDS), listUrl };
  sessionStorage.setItem(ORDER_KEY, JSON.stringify(order));
  sessionStorage.setItem(LIST_URL_KEY, listUrl);
}

/**
 * The remembered list, if this tab came from one.
 * @returns {WorklistOrder | null}
 */
export function readWorklistOrder() {
  try {
    const parsed = /** @type {unknown} */ (JSON.parse(sessionStorage.getItem(ORDER_KEY) ?? 'null'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { ids, listUrl } = /** @type {Record<string, unknown>} */ (parsed);
    if (!Array.isArray(ids) || typeof listUrl !== 'string') return null;
    return { ids: ids.filter((id) => typeof id === 'string'), listUrl };
  } catch {
    return null;
  }
}

/**
 * Where a follow-up stands in the list, and the one after it.
 * @param {WorklistOrder | null} order - the remembered list
 * @param {string} id - the follow-up shown
 * @returns {{ position: number, total: number, next: string | null } | null} null when it is not on the list
 */
export function positionInOrder(order, id) {
  if (!order) return null;
  const at = order.ids.indexOf(id);
  if (at === -1) return null;
  return { position: at + 1, total: order.ids.length, next: order.ids[at + 1] ?? null };
}
