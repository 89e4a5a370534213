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
