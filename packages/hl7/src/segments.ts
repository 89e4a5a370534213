/**
 * Turning received bytes into canonical HL7 text: one `\r` between segments,
 * no BOM, no blank segments. Everything downstream assumes this form.
 */

const BOM = '\uFEFF';

/** Strict decoder: throws on invalid UTF-8 so we can fall back to Latin-1. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

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

/**
 * Decodes received bytes as UTF-8 when they are valid UTF-8, else as Latin-1.
 * Real feeds send undeclared Latin-1 (e.g. `é` as one byte 0xE9); reading that as UTF-8
 * would turn it into U+FFFD and lose the name, while valid UTF-8 is rarely valid by chance.
 * @param bytes - the MLLP payload or file contents
 * @returns the text, with a UTF-8 BOM removed
 */
export function decodeHl7Bytes(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    // A UTF-8 BOM in front of Latin-1 text is still a BOM, not the three characters "ï»¿".
    const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return bytes.toString('latin1', hasBom ? 3 : 0);
  }
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}
