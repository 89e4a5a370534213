// @ts-check
// The words for stored codes and the rule constants, as the server applies them (GET /api/vocabulary):
// the pages hold no copy of their own, so a label or a rule cannot drift from the API.
import { api } from './api.js';

/**
 * @typedef {import('../../../types/api').paths['/api/vocabulary']} Vocabulary
 */

/** @type {Vocabulary | null} */
let current = null;

/**
 * Loads the vocabulary once per page.
 * @returns {Promise<Vocabulary>}
 */
export async function loadVocabulary() {
  current ??= /** @type {Vocabulary} */ (await api('/api/vocabulary'));
  return current;
}

/**
 * Uses this vocabulary from now on (the pages load it; unit tests pass the server's own).
 * @param {Vocabulary} vocabulary - as GET /api/vocabulary answers
 */
export function useVocabulary(vocabulary) {
  current = vocabulary;
}

/**
 * The loaded vocabulary.
 * @returns {Vocabulary}
 */
export function words() {
  if (!current) throw new Error('The vocabulary is not loaded yet');
  return current;
}
