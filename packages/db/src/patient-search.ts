/** The longest patient search accepted (`q=`): longer text is a paste, not a name or a number. */
export const PATIENT_SEARCH_MAX_LENGTH = 100;
/** The shortest patient search: one letter would match half the list. */
export const PATIENT_SEARCH_MIN_LENGTH = 2;
/** A phone search needs this many digits: fewer match too many numbers. */
export const PHONE_SEARCH_MIN_DIGITS = 7;
// A name of more words than this is not a name; the rest would only slow the query.
const MAX_NAME_WORDS = 4;

/**
 * What a patient search looks for, as LIKE patterns (already escaped, lower case for names). A
 * null pattern is not searched.
 */
export interface PatientSearchTerms {
  /** "family, given": the family name's prefix (with the given name's prefix below). */
  familyPrefix: string | null;
  givenPrefix: string | null;
  /** Words in any order, each the prefix of the family, given or middle name. */
  nameWords: string[];
  /** The MRN, upper case, exact or as a prefix. */
  mrnPrefix: string | null;
  /** The number's digits reversed, so "ends with" is a prefix an index can serve. */
  phoneDigitsReversed: string | null;
}

/**
 * Escapes LIKE's wildcards (`%`, `_`) and its escape character, so typed text matches only itself.
 * @param text - what was typed
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Reads a typed search: a name ("family", "given family", "family, given", any prefix, any case),
 * an MRN (exact or prefix) or a phone number (its digits, whatever the punctuation; a number
 * matches a stored one ending with the same digits, so a number without area code is found).
 * @param q - the text typed, at most {@link PATIENT_SEARCH_MAX_LENGTH} characters
 */
export function patientSearchTerms(q: string): PatientSearchTerms {
  const text = q.trim().replace(/\s+/g, ' ');
  const lower = text.toLowerCase();
  const comma = lower.indexOf(',');
  const family = comma === -1 ? '' : lower.slice(0, comma).trim();
  const given = comma === -1 ? '' : lower.slice(comma + 1).trim();
  const words = comma === -1 ? lower.split(' ').filter(Boolean).slice(0, MAX_NAME_WORDS) : [];
  const digits = text.replace(/\D/g, '');
  const looksLikePhone = /^[\d\s()+.-]+$/.test(text) && digits.length >= PHONE_SEARCH_MIN_DIGITS;
  return {
    familyPrefix: family ? `${escapeLike(family)}%` : null,
    givenPrefix: family ? `${escapeLike(given)}%` : null,
    nameWords: words.map((w) => `${escapeLike(w)}%`),
    mrnPrefix: text && !/[\s,]/.test(text) ? `${escapeLike(text.toUpperCase())}%` : null,
    phoneDigitsReversed: looksLikePhone ? `${Array.from(digits).reverse().join('')}%` : null,
  };
}

/**
 * The `matching_patients (id)` common table expression for a patient search: one indexed select per
 * way of finding a patient, joined by UNION so each uses its own index (see the
 * `patients_search_*` indexes). Another way to find a patient (another stored number) is one more
 * UNION line.
 * @param first - the number of the first of its five parameters (`$first`…)
 */
export function matchingPatientsCte(first: number): string {
  const [family, given, words, mrn, phone] = [0, 1, 2, 3, 4].map((i) => `$${first + i}`);
  const word = `(lower(p.family_name) LIKE w ESCAPE '\\' OR lower(p.given_name) LIKE w ESCAPE '\\'
                OR lower(p.middle_name) LIKE w ESCAPE '\\')`;
  return `matching_patients AS (
      SELECT p.id FROM patients p
       WHERE ${family}::text IS NOT NULL AND lower(p.family_name) LIKE ${family} ESCAPE '\\'
         AND lower(p.given_name) LIKE ${given} ESCAPE '\\'
      UNION
      SELECT p.id FROM patients p
       WHERE cardinality(${words}::text[]) > 0
         AND (lower(p.family_name) LIKE (${words}::text[])[1] ESCAPE '\\'
              OR lower(p.given_name) LIKE (${words}::text[])[1] ESCAPE '\\')
         AND (SELECT bool_and(${word}) FROM unnest(${words}::text[]) AS w)
      UNION
      SELECT p.id FROM patients p WHERE ${mrn}::text IS NOT NULL AND upper(p.mrn) LIKE ${mrn} ESCAPE '\\'
      UNION
      SELECT p.id FROM patients p
       WHERE ${phone}::text IS NOT NULL
         AND reverse(regexp_replace(p.phone, '[^0-9]', '', 'g')) LIKE ${phone} ESCAPE '\\'
      UNION
      -- Every PID-13/PID-14 number of the call context, without an extension ("x22", "ext 22").
      -- Not indexed: read only for a phone search.
      SELECT pc.patient_id FROM patient_contexts pc CROSS JOIN jsonb_array_elements(pc.phones) ph
       WHERE ${phone}::text IS NOT NULL
         AND reverse(regexp_replace(regexp_replace(ph->>'number', '\\s*(x|ext\\.?)\\s*\\d+$', '', 'i'),
                                    '[^0-9]', '', 'g')) LIKE ${phone} ESCAPE '\\'
    )`;
}

/**
 * The five parameters of {@link matchingPatientsCte}, in order.
 * @param terms - the search
 */
export function matchingPatientsParameters(terms: PatientSearchTerms): unknown[] {
  return [terms.familyPrefix, terms.givenPrefix, terms.nameWords, terms.mrnPrefix, terms.phoneDigitsReversed];
}
