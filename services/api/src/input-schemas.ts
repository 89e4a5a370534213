import { z } from 'zod';

// Control characters are never part of a name, code or filter, and Postgres refuses NUL in text
// outright: both are turned away here with a 400 instead of failing in the database with a 500.
const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

function hasControlCharacter(text: string, allowLineBreaks: boolean): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code !== 0x7f) continue;
    // Free text (notes) may span lines and carry tabs.
    if (allowLineBreaks && (code === TAB || code === LINE_FEED || code === CARRIAGE_RETURN)) continue;
    return true;
  }
  return false;
}

/**
 * A one-line string (a filter, a name, a code): at most `max` characters, no control characters.
 * @param max - the longest accepted
 */
export function lineText(max = 200) {
  return z
    .string()
    .max(max)
    .refine((text) => !hasControlCharacter(text, false), 'may not contain control characters');
}

/**
 * A one-line filter value: {@link lineText} that is not empty.
 * @param max - the longest accepted
 */
export function filterText(max = 200) {
  return lineText(max).pipe(z.string().min(1));
}

/**
 * Free text such as a note: line breaks and tabs allowed, other control characters not.
 * @param max - the longest accepted
 */
export function freeText(max: number) {
  return z
    .string()
    .max(max)
    .refine(
      (text) => !hasControlCharacter(text, true),
      'may not contain control characters other than line breaks and tabs',
    );
}

/** A password as typed: any printable text up to 1024 characters, never NUL (scrypt takes bytes). */
export const passwordText = z
  .string()
  .max(1024)
  .refine((text) => !text.includes('\u0000'), 'may not contain NUL characters');

/**
 * A database id in a path, in its one canonical spelling: `7`, never `07` or `+7`, and small enough
 * for a bigint. Ids compare as strings elsewhere, so a second spelling of one id must not pass.
 * @param what - the thing identified, for the message
 */
export function idParam(what: string) {
  return z.string().regex(/^[1-9][0-9]{0,17}$/, `must be a ${what} id (digits, no leading zero)`);
}

/** The opaque `cursor` of list endpoints (its content is checked by `decodeCursor`). */
export const cursorParam = z.string().max(200).optional();

/** Page size of list endpoints. */
export const limitParam = z.coerce.number().int().min(1).max(1000).default(100);

// Postgres has no year 0 (ISO's 1 BC) and the product no use for dates before its patients' births:
// a year outside this range is a typo, answered 400 instead of failing in the database.
const EARLIEST_YEAR = 1900;
const inRange = (text: string) => {
  const year = Number(text.slice(0, 4));
  return year >= EARLIEST_YEAR && year <= 9999;
};
const yearMessage = `must be in the years ${EARLIEST_YEAR} to 9999`;

/** A calendar date `YYYY-MM-DD`. */
export const dateText = z.iso.date().refine(inRange, yearMessage);

/** An ISO-8601 instant with its offset (`2026-11-23T14:00:00-05:00`). */
export const instantText = z.iso.datetime({ offset: true }).refine(inRange, yearMessage);

/** An instant, or a date meaning its midnight UTC (filters). */
export const instantOrDateText = instantText.or(dateText);
