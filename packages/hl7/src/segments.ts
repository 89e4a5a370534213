/**
 * Canonical HL7 text: one `\r` between segments, no BOM, no blank segments. Everything
 * downstream assumes this form (bytes become text in `character-set.ts`).
 */

const BOM = '\uFEFF';

/**
 * Canonicalises message text: drops a leading BOM and any whitespace before the first
 * segment (MSH, FHS or BHS), turns `\r\n` and `\n` into `\r`, and removes empty segments.
 * @param text - message text as received
 * @returns segments joined by `\r`, without a trailing separator
 */
export function normalizeMessageText(text: string): string {
  let start = 0;
  if (text.startsWith(BOM)) start = 1;
  while (start < text.length && isBlank(text.charCodeAt(start))) start++;
  const body = start === 0 ? text : text.slice(start);
  // Fast path: the usual, already-canonical message is returned without splitting.
  if (!body.includes('\n') && !body.includes('\r\r') && !body.endsWith('\r')) return body;
  return body
    .split(/\r\n|\n|\r/)
    .filter((segment) => segment.trim() !== '')
    .join('\r');
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** A control character found in message text, and where. */
export interface ControlCharacter {
  /** Its code, e.g. 0 for NUL. */
  code: number;
  /** The name of the segment holding it, e.g. `PV1`. */
  segment: string;
  /** The segment's position in the message, from 1 (MSH). */
  segmentNumber: number;
}

/**
 * Finds the first C0 control character (or DEL) other than the segment separator and tab: HL7 text
 * carries them only as escapes (`\Xhh\`), and Postgres text cannot hold NUL at all.
 * @param text - normalized message text
 * @returns the first one found, or null
 */
export function findControlCharacter(text: string): ControlCharacter | null {
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  const at = text.search(/[\u0000-\u0008\u000A-\u000C\u000E-\u001F\u007F]/);
  if (at < 0) return null;
  const before = text.slice(0, at);
  const segmentStart = before.lastIndexOf('\r') + 1;
  return {
    code: text.charCodeAt(at),
    segment: text.slice(segmentStart, Math.min(segmentStart + 3, at)),
    segmentNumber: before.split('\r').length,
  };
}
