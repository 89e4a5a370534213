/**
 * A hand-rolled MSH reader for the receive path. The listener needs only the header to
 * deduplicate, route and acknowledge, and a full parse costs more than the database commit
 * (see docs: about 5,000 full parses/s against 275,000 MSH splits/s).
 */
import { unescapeHl7 } from './escape.js';

/** The MSH fields the system acts on; values are unescaped, HL7 nulls (`""`) read as ''. */
export interface MessageHeader {
  /** MSH-1, usually `|`. */
  fieldSeparator: string;
  /** MSH-2: component, repetition, escape, subcomponent (and v2.7 truncation) characters. */
  encodingCharacters: string;
  /** MSH-3, first component (namespace ID) only. */
  sendingApplication: string;
  /** MSH-4, first component only. */
  sendingFacility: string;
  /** MSH-5, first component only. */
  receivingApplication: string;
  /** MSH-6, first component only. */
  receivingFacility: string;
  /** MSH-7, first component (the timestamp as sent). */
  messageDateTime: string;
  /** MSH-9.1, e.g. `ADT`. */
  messageCode: string;
  /** MSH-9.2, e.g. `A03`; '' when the sender put the event only in EVN-1. */
  triggerEvent: string;
  /** MSH-9.3, e.g. `ADT_A03`. */
  messageStructure: string;
  /** MSH-10. */
  controlId: string;
  /** MSH-11.1: `P`, `T` or `D`. */
  processingId: string;
  /** MSH-12.1, e.g. `2.5.1`. */
  versionId: string;
  /** MSH-15 (enhanced mode accept acknowledgment: AL, NE, ER, SU). */
  acceptAckType: string;
  /** MSH-16 (enhanced mode application acknowledgment). */
  applicationAckType: string;
  /** MSH-18, first repetition. */
  characterSet: string;
}

/** Why a message could not be read: `not_hl7` (no MSH at all), `bad_msh`, `missing_field`. */
export type Hl7ParseErrorCode = 'not_hl7' | 'bad_msh' | 'missing_field';

/** A message that cannot be read far enough to process; the message says what to fix. */
export class Hl7ParseError extends Error {
  override readonly name = 'Hl7ParseError';

  /**
   * @param code - stable machine-readable reason
   * @param message - what is wrong, in words a person can act on
   * @param field - the field at fault, e.g. `MSH-10` or `PID-3`, when there is one
   */
  constructor(
    readonly code: Hl7ParseErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * Reads the MSH segment of a normalized message (see `normalizeMessageText`).
 * @param text - message text starting with MSH, segments separated by `\r`
 * @returns the header fields
 * @throws {@link Hl7ParseError} when there is no MSH, its delimiters are unusable, or
 *   MSH-9 (message type), MSH-10 (control ID) or MSH-12 (version) is empty
 */
export function readMessageHeader(text: string): MessageHeader {
  if (!text.startsWith('MSH')) {
    throw new Hl7ParseError('not_hl7', 'Message does not start with an MSH segment; is this HL7 v2?');
  }
  const fieldSeparator = text.charAt(3);
  if (fieldSeparator === '' || !isDelimiterChar(fieldSeparator)) {
    throw new Hl7ParseError(
      'bad_msh',
      'MSH-1 (field separator) is missing: expected a character such as | right after "MSH"',
      'MSH-1',
    );
  }
  const segmentEnd = text.indexOf('\r');
  const segment = text.slice(0, segmentEnd < 0 ? text.length : segmentEnd);
  const control = firstControlCharacter(segment);
  if (control >= 0) {
    // A NUL or other control byte in the header is line noise or a binary payload, and Postgres
    // text columns cannot hold NUL: refuse the message rather than store a garbled identity.
    throw new Hl7ParseError(
      'bad_msh',
      `The MSH segment contains a control character (0x${control.toString(16).padStart(2, '0')}); check the sender's encoding`,
      'MSH',
    );
  }
  const fields = segment.split(fieldSeparator);
  const encodingCharacters = fields[1] ?? '';
  checkEncodingCharacters(encodingCharacters, fieldSeparator);
  const delimiters = { fieldSeparator, encodingCharacters };
  const component = encodingCharacters.charAt(0);
  const repetition = encodingCharacters.charAt(1);

  /** MSH-n is fields[n - 1], because MSH-1 is the separator itself. */
  const raw = (n: number): string => fields[n - 1] ?? '';
  const first = (value: string, separator: string): string => value.split(separator, 1)[0] ?? '';
  const value = (rawValue: string): string => (rawValue === '""' ? '' : unescapeHl7(rawValue, delimiters));
  const firstComponent = (n: number): string => value(first(first(raw(n), repetition), component));

  const messageType = first(raw(9), repetition).split(component);
  const header: MessageHeader = {
    fieldSeparator,
    encodingCharacters,
    sendingApplication: firstComponent(3),
    sendingFacility: firstComponent(4),
    receivingApplication: firstComponent(5),
    receivingFacility: firstComponent(6),
    messageDateTime: firstComponent(7),
    messageCode: value(messageType[0] ?? ''),
    triggerEvent: value(messageType[1] ?? ''),
    messageStructure: value(messageType[2] ?? ''),
    controlId: value(raw(10)),
    processingId: firstComponent(11),
    versionId: firstComponent(12),
    // Spaces alone do not value a field: such a message asks for the original acknowledgment mode.
    acceptAckType: firstComponent(15).trim(),
    applicationAckType: firstComponent(16).trim(),
    characterSet: firstComponent(18),
  };
  requireField(header.messageCode, 'MSH-9', 'message type');
  requireField(header.controlId, 'MSH-10', 'message control ID');
  requireField(header.versionId, 'MSH-12', 'version ID');
  return header;
}

/**
 * The trigger event: MSH-9.2, or EVN-1 when the sender put the event only there (MSH-9 = `ADT`,
 * as some v2.3 feeds do).
 * @param text - normalized message text
 * @param header - its header, from {@link readMessageHeader}
 * @returns the event code such as `A01`, or '' when neither field has one
 */
export function triggerEventOf(text: string, header: MessageHeader): string {
  if (header.triggerEvent !== '') return header.triggerEvent;
  const f = header.fieldSeparator;
  const evn = text.split('\r').find((segment) => segment.startsWith(`EVN${f}`));
  const raw = evn?.split(f)[1] ?? '';
  const code = raw.split(header.encodingCharacters.charAt(0), 1)[0] ?? '';
  return code === '""' ? '' : unescapeHl7(code, header).trim();
}

/**
 * Lists segment names in order, e.g. `['MSH', 'EVN', 'PID', 'PV1']`.
 * @param text - normalized message text
 * @returns one name per segment (the text before the first field separator, at most 3 characters)
 */
export function segmentNames(text: string): string[] {
  if (text === '') return [];
  return text.split('\r').map((segment) => segment.slice(0, 3));
}

/**
 * Tells whether a message contains a segment, without splitting it.
 * @param text - normalized message text
 * @param name - segment name such as `PID`
 * @returns true when some segment starts with `name` followed by a field separator or its end
 */
export function hasSegment(text: string, name: string): boolean {
  const fieldSeparator = /^(?:MSH|FHS|BHS)/.test(text) ? text.charAt(3) : '|';
  let at = text.startsWith(name) ? 0 : -1;
  let from = 0;
  while (true) {
    if (at >= 0) {
      const next = text.charAt(at + name.length);
      if (next === '' || next === '\r' || next === fieldSeparator) return true;
    }
    const found = text.indexOf(`\r${name}`, from);
    if (found < 0) return false;
    at = found + 1;
    from = at;
  }
}

function checkEncodingCharacters(enc: string, fieldSeparator: string): void {
  // v2.7 added a fifth (truncation) character; older senders send four. Delimiters are
  // single UTF-16 code units (everything else indexes them with charAt), so count those.
  const chars = Array.from({ length: enc.length }, (_, i) => enc.charAt(i));
  const distinct = new Set([fieldSeparator, ...chars]).size === chars.length + 1;
  if ((chars.length !== 4 && chars.length !== 5) || !distinct || !chars.every(isDelimiterChar)) {
    throw new Hl7ParseError(
      'bad_msh',
      `MSH-2 (encoding characters) must be 4 or 5 distinct delimiter characters such as ^~\\& (got ${chars.length} characters)`,
      'MSH-2',
    );
  }
}

function requireField(value: string, field: string, label: string): void {
  if (value === '') throw new Hl7ParseError('missing_field', `${field} (${label}) is empty`, field);
}

/** Delimiters must be printable non-alphanumeric characters; letters, digits or blanks mean a broken MSH. */
function isDelimiterChar(ch: string): boolean {
  return /^[^\sA-Za-z0-9]$/u.test(ch);
}

/** @returns the char code of the first C0 control character other than tab, or -1 */
function firstControlCharacter(segment: string): number {
  for (let i = 0; i < segment.length; i++) {
    const code = segment.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return code;
  }
  return -1;
}
