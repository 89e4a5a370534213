/**
 * Names for people to read: hospitals send `RIVERA^JO`, navigators read "Rivera, Jo". The one place
 * names are case-folded; the API applies it, so every screen and export shows the same name.
 */

/** A name's parts as sent (XPN/XCN). */
export interface NameParts {
  family: string;
  given: string;
  middle: string;
}

const LETTER = /\p{L}/u;

/**
 * One name part in normal case. A part sent in mixed case is the sender's spelling and is kept
 * (`McDonald`, `de la Cruz`); an all-capitals or all-lowercase part gets a capital at the start of
 * each word, after a hyphen or an apostrophe (`O'Brien`, `Nguyen-Park`) and after a leading `Mc`
 * (`McDonald`). `Mac` is left alone: `Mack` and `Macy` are not `MacK` and `MacY`.
 * @param part - a family, given or middle name as sent
 */
export function displayNameCase(part: string): string {
  const trimmed = part.trim().replace(/\s+/g, ' ');
  if (trimmed !== trimmed.toUpperCase() && trimmed !== trimmed.toLowerCase()) return trimmed;
  let result = '';
  let capitalNext = true;
  for (const char of trimmed.toLowerCase()) {
    result += capitalNext ? char.toUpperCase() : char;
    capitalNext = !LETTER.test(char);
  }
  return result.replace(/\bMc(\p{Ll})/gu, (_, letter: string) => `Mc${letter.toUpperCase()}`);
}

/**
 * A person's name for lists and headings: "Family, Given Middle" in normal case.
 * @param name - the parts as sent
 * @returns '' when no part was sent
 */
export function displayPersonName(name: NameParts): string {
  const given = [name.given, name.middle].map(displayNameCase).filter(Boolean).join(' ');
  return [displayNameCase(name.family), given].filter(Boolean).join(', ');
}

/**
 * A clinician's name with their degree as sent: "Nguyen-Park, Anh T, MD".
 * @param clinician - the XCN parts
 * @returns '' when no name was sent (the identifier alone names nobody)
 */
export function displayClinicianName(clinician: NameParts & { degree: string }): string {
  const name = displayPersonName(clinician);
  if (name === '') return '';
  return clinician.degree.trim() === '' ? name : `${name}, ${clinician.degree.trim()}`;
}
