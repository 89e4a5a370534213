/**
 * HL7 v2 escape sequences (chapter 2.7): how delimiter characters travel inside values.
 */
import type { MessageHeader } from './message-header.js';
import { decodeHl7Bytes } from './character-set.js';

/** The part of a message header that defines its delimiters. */
export type Hl7Delimiters = Pick<MessageHeader, 'fieldSeparator' | 'encodingCharacters'>;

/** Standard delimiters, used when no header is given (and by nearly every sender). */
export const DEFAULT_DELIMITERS: Hl7Delimiters = { fieldSeparator: '|', encodingCharacters: '^~\\&' };

interface DelimiterSet {
  field: string;
  component: string;
  repetition: string;
  escape: string;
  subcomponent: string;
  /** v2.7 truncation character, '' before v2.7. */
  truncation: string;
}

function delimiterSet(header: Hl7Delimiters = DEFAULT_DELIMITERS): DelimiterSet {
  const enc = header.encodingCharacters;
  return {
    field: header.fieldSeparator,
    component: enc.charAt(0),
    repetition: enc.charAt(1),
    escape: enc.charAt(2),
    subcomponent: enc.charAt(3),
    truncation: enc.charAt(4),
  };
}

/**
 * Escapes a value so it can be placed in a field: delimiters become `\F\ \S\ \R\ \E\ \T\`
 * (and `\P\` for a v2.7 truncation character), CR and LF become `\X0D\` and `\X0A\`
 * because a raw line break would end the segment.
 * @param text - the plain value
 * @param header - delimiters of the message the value goes into; standard ones by default
 * @returns the escaped value
 */
export function escapeHl7(text: string, header?: Hl7Delimiters): string {
  const d = delimiterSet(header);
  const codes = new Map<string, string>([
    [d.escape, 'E'],
    [d.field, 'F'],
    [d.component, 'S'],
    [d.repetition, 'R'],
    [d.subcomponent, 'T'],
    ['\r', 'X0D'],
    ['\n', 'X0A'],
  ]);
  if (d.truncation !== '') codes.set(d.truncation, 'P');
  let out = '';
  for (const ch of text) {
    const code = codes.get(ch);
    out += code === undefined ? ch : `${d.escape}${code}${d.escape}`;
  }
  return out;
}

/**
 * Decodes escape sequences in a value read from a message.
 * - `\F\ \S\ \R\ \E\ \T\ \P\` become the delimiter they stand for.
 * - `\Xhh…\` becomes the bytes it names, read as UTF-8 when valid, else Latin-1.
 * - `\.br\` and `\.sp\` become a line break; highlighting (`\H\ \N\`), other formatting
 *   commands and character-set switches (`\C…\ \M…\`) are dropped, since the value is
 *   stored as plain text.
 * - Anything else (locally defined `\Z…\`, malformed or unterminated sequences) is kept
 *   verbatim so no data is silently lost.
 * @param text - the raw value
 * @param header - delimiters of the message the value came from; standard ones by default
 * @returns the plain value
 */
export function unescapeHl7(text: string, header?: Hl7Delimiters): string {
  const d = delimiterSet(header);
  // Fast path: most values contain no escape character at all.
  if (d.escape === '' || !text.includes(d.escape)) return text;
  let out = '';
  let pos = 0;
  while (pos < text.length) {
    const open = text.indexOf(d.escape, pos);
    if (open < 0) break;
    const close = text.indexOf(d.escape, open + 1);
    if (close < 0) break;
    out += text.slice(pos, open);
    const decoded = decodeSequence(text.slice(open + 1, close), d);
    out += decoded ?? text.slice(open, close + 1);
    pos = close + 1;
  }
  return out + text.slice(pos);
}

/** @returns the replacement for one sequence body, or undefined to keep it verbatim */
function decodeSequence(body: string, d: DelimiterSet): string | undefined {
  switch (body) {
    case 'F':
      return d.field;
    case 'S':
      return d.component;
    case 'R':
      return d.repetition;
    case 'E':
      return d.escape;
    case 'T':
      return d.subcomponent;
    case 'P':
      return d.truncation === '' ? undefined : d.truncation;
    case 'H':
    case 'N':
      return '';
    default:
      break;
  }
  const kind = body.charAt(0);
  if (kind === 'X') return decodeHex(body.slice(1));
  if (kind === '.') {
    if (/^\.(?:br|sp\d*)$/.test(body)) return '\n';
    return /^\.(?:fi|nf|ce|in[+-]?\d+|ti[+-]?\d+|sk[+-]?\d*)$/.test(body) ? '' : undefined;
  }
  if ((kind === 'C' || kind === 'M') && /^[CM](?:[0-9A-Fa-f]{4}|[0-9A-Fa-f]{6})$/.test(body)) return '';
  return undefined;
}

function decodeHex(hex: string): string | undefined {
  if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9A-Fa-f]+$/.test(hex)) return undefined;
  return decodeHl7Bytes(Buffer.from(hex, 'hex'));
}
