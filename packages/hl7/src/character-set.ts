/**
 * Character sets (MSH-18, HL7 table 0211): turning received bytes into text, and ACK text
 * back into the bytes the sender expects.
 *
 * Delimiters, segment names and MSH are ASCII in every set handled here, so MSH-18 can be read
 * from the bytes before they are decoded.
 */

/** Strict decoder: throws on invalid UTF-8 so another reading can be tried. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * windows-1252 at 0x80–0x9F, where ISO 8859-1 has C1 control characters that never carry meaning
 * in a name or address, while feeds labelled (or not labelled) Latin-1 use these bytes for
 * `’ “ ” – Š Œ`; browsers read the label "iso-8859-1" the same way. Written out because Node 20's
 * TextDecoder('windows-1252') decodes plain ISO 8859-1. The five bytes windows-1252 leaves
 * undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay as they are.
 */
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Latin-1 with the windows-1252 characters at 0x80–0x9F (see {@link WINDOWS_1252_C1}). */
function decodeLatin1(bytes: Buffer): string {
  const text = bytes.toString('latin1');
  return text.replace(/[\u0080-\u009f]/g, (ch) => WINDOWS_1252_C1.charAt(ch.charCodeAt(0) - 0x80));
}

/** How bytes in a declared set are read. */
type Reading = 'utf-8' | 'latin-1' | 'auto' | { label: string };

/** Table 0211 values, and spellings senders use instead, after {@link normalizeName}. */
const READINGS: ReadonlyMap<string, Reading> = new Map<string, Reading>([
  ['ASCII', 'auto'],
  ['ISO IR6', 'auto'],
  ['8859/1', 'latin-1'],
  ['ISO IR100', 'latin-1'],
  ['ISO-8859-1', 'latin-1'],
  ['ISO8859-1', 'latin-1'],
  ['LATIN1', 'latin-1'],
  ['WINDOWS-1252', 'latin-1'],
  ['CP1252', 'latin-1'],
  ['8859/2', { label: 'iso-8859-2' }],
  ['8859/3', { label: 'iso-8859-3' }],
  ['8859/4', { label: 'iso-8859-4' }],
  ['8859/5', { label: 'iso-8859-5' }],
  ['8859/6', { label: 'iso-8859-6' }],
  ['8859/7', { label: 'iso-8859-7' }],
  ['8859/8', { label: 'iso-8859-8' }],
  ['8859/9', { label: 'iso-8859-9' }],
  ['8859/15', { label: 'iso-8859-15' }],
  ['UNICODE', 'utf-8'],
  ['UNICODE UTF-8', 'utf-8'],
  ['UTF-8', 'utf-8'],
  ['UTF8', 'utf-8'],
  ['ISO IR192', 'utf-8'],
  ['GB 18030-2000', { label: 'gb18030' }],
  ['BIG-5', { label: 'big5' }],
  ['KS X 1001', { label: 'euc-kr' }],
  ['ISO IR87', { label: 'iso-2022-jp' }],
]);

function normalizeName(name: string): string {
  return name.trim().toUpperCase().replace(/_/g, ' ').replace(/\s+/g, ' ');
}

function readingOf(characterSet: string): Reading {
  return characterSet === '' ? 'auto' : (READINGS.get(normalizeName(characterSet)) ?? 'auto');
}

/**
 * Reads MSH-18 (first repetition, first component) from raw bytes, without decoding them.
 * @param bytes - a message or batch as received
 * @returns the declared character set, or '' when the first MSH declares none
 */
export function declaredCharacterSet(bytes: Buffer): string {
  // Latin-1 maps bytes one to one, so offsets and ASCII delimiters survive in any set handled here.
  const view = bytes.toString('latin1', 0, Math.min(bytes.length, 16_384));
  const match = /(?:^|[\r\n])(?:\uFEFF|\u00EF\u00BB\u00BF)?[ \t\r\n]*MSH(.)/.exec(view);
  if (!match?.[1]) return '';
  const fieldSeparator = match[1];
  const start = match.index + match[0].length - 1;
  const lineEnd = view.slice(start).search(/[\r\n]/);
  const fields = view.slice(start, lineEnd < 0 ? undefined : start + lineEnd).split(fieldSeparator);
  const encodingCharacters = fields[1] ?? '';
  // MSH-18 is fields[17] (MSH-1 is the separator itself); only its first repetition names the
  // default set, later ones are ISO 2022 alternates.
  const value = (fields[17] ?? '').split(encodingCharacters.charAt(1) || '~', 1)[0] ?? '';
  return (value.split(encodingCharacters.charAt(0) || '^', 1)[0] ?? '').trim();
}

/**
 * Decodes received bytes into text, honouring the character set declared in MSH-18.
 * - UTF-8 (`UNICODE UTF-8`, `UNICODE`), or none / `ASCII`: read as UTF-8 when the bytes are valid
 *   UTF-8, else as Latin-1 (windows-1252). Real feeds send undeclared Latin-1 (`é` as one byte
 *   0xE9), and valid UTF-8 is rarely valid by chance.
 * - `8859/1`: Latin-1, except bytes that form valid multi-byte UTF-8, which are read as UTF-8: an
 *   interface engine re-encoding to UTF-8 without updating MSH-18 is common, and Latin-1 names
 *   practically never contain the byte pairs (`Ã©`) that would make them valid UTF-8.
 * - Other sets (`8859/2`…`8859/15`, `GB 18030-2000`, `BIG-5`, `KS X 1001`, `ISO IR87`): read in
 *   that set; unknown names fall back to the UTF-8-else-Latin-1 rule.
 * @param bytes - the MLLP payload or file contents
 * @returns the text, with a UTF-8 byte order mark removed
 */
export function decodeHl7Bytes(bytes: Buffer): string {
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  const reading = readingOf(declaredCharacterSet(body));
  if (typeof reading === 'object') return new TextDecoder(reading.label).decode(body);
  // utf-8, latin-1 and auto all start with UTF-8: valid UTF-8 is what the bytes most likely are.
  try {
    return utf8.decode(body);
  } catch {
    return decodeLatin1(body);
  }
}

/**
 * Encodes outgoing text (an ACK) in the character set the sender declared, so echoed names and
 * texts read back correctly. Characters the set cannot hold become `?`.
 * @param text - the ACK text
 * @param characterSet - the request's MSH-18, '' when none was declared
 * @returns the bytes to frame
 */
export function encodeHl7Text(text: string, characterSet: string): Buffer {
  const reading = readingOf(characterSet);
  if (reading === 'utf-8' || (reading === 'auto' && characterSet === '')) return Buffer.from(text, 'utf8');
  // Buffer's latin1 encoder keeps only the low byte of wider characters; replace them first.
  if (reading === 'latin-1') return Buffer.from(limitTo(text, 0xff), 'latin1');
  // ASCII, or a set Node cannot encode: ACK texts are ASCII, anything else becomes `?`.
  return Buffer.from(limitTo(text, 0x7f), 'latin1');
}

function limitTo(text: string, maxCodePoint: number): string {
  let out = '';
  for (const ch of text) out += (ch.codePointAt(0) ?? 0) <= maxCodePoint ? ch : '?';
  return out;
}
