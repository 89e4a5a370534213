/**
 * Building and reading HL7 v2 acknowledgments (ACK with MSA and, for errors, a v2.5 ERR).
 */
import { DEFAULT_DELIMITERS, escapeHl7, unescapeHl7 } from './escape.js';
import { Hl7ParseError, type MessageHeader } from './message-header.js';
import { normalizeMessageText } from './segments.js';
import { MAX_IDENTIFIER_LENGTH } from './adt-requirements.js';

/** MSA-1: original mode AA/AE/AR, enhanced mode accept acknowledgments CA/CE/CR. */
export type AckCode = 'AA' | 'AE' | 'AR' | 'CA' | 'CE' | 'CR';

/** What goes into the ERR segment of a negative acknowledgment. */
export interface AckError {
  /**
   * HL7 table 0357: '100' segment sequence error, '101' required field missing,
   * '102' data type error, '200' unsupported message type, '201' unsupported event code,
   * '203' unsupported version id, '207' application internal error.
   */
  hl7ErrorCode: string;
  /** ERR-4: E error, W warning. */
  severity: 'E' | 'W';
  /** ERR-2: where the problem is, e.g. `{ segment: 'PID', field: 3 }`. */
  location?: { segment: string; field?: number };
}

/** Input to {@link buildAck}. */
export interface BuildAckOptions {
  /** Header of the message being acknowledged, or null when its MSH could not be read. */
  request: MessageHeader | null;
  code: AckCode;
  /** MSA-3 and ERR-8: what happened, in words a person at the sender can act on. */
  text?: string;
  error?: AckError;
  /** MSH-10 of the ACK itself. */
  ackControlId: string;
  /** MSH-7 of the ACK; the current time by default. */
  now?: Date;
}

/** Versions whose MSH-9 has no third component (message structure): 2.1, 2.2 and 2.3. */
const BEFORE_MESSAGE_STRUCTURE = /^2\.(?:[12](?:\.|$)|3$)/;

/** Display texts of HL7 table 0357 (message error condition codes), for ERR-3.2. */
const HL7_ERROR_TEXT: Readonly<Record<string, string>> = {
  '0': 'Message accepted',
  '100': 'Segment sequence error',
  '101': 'Required field missing',
  '102': 'Data type error',
  '103': 'Table value not found',
  '104': 'Value too long',
  '200': 'Unsupported message type',
  '201': 'Unsupported event code',
  '202': 'Unsupported processing id',
  '203': 'Unsupported version id',
  '204': 'Unknown key identifier',
  '205': 'Duplicate key identifier',
  '206': 'Application record locked',
  '207': 'Application internal error',
};

/**
 * Builds the acknowledgment for a received message.
 * @param o - the request header, the code and optional text and error
 * @returns the ACK text, each segment ended by `\r` (the last one too), without MLLP framing
 */
export function buildAck(o: BuildAckOptions): string {
  const request = o.request;
  const delimiters = request ?? DEFAULT_DELIMITERS;
  const f = delimiters.fieldSeparator;
  const component = delimiters.encodingCharacters.charAt(0);
  const subcomponent = delimiters.encodingCharacters.charAt(3);
  const esc = (value: string): string => escapeHl7(value, delimiters);
  const trigger = request?.triggerEvent ?? '';
  const version = nonEmpty(request?.versionId, '2.5.1');
  // MSH-9.3 (message structure) exists from v2.3.1 on.
  const typeParts = BEFORE_MESSAGE_STRUCTURE.test(version)
    ? ['ACK', esc(trigger)]
    : ['ACK', esc(trigger), 'ACK'];
  const messageType = trigger === '' ? 'ACK' : typeParts.join(component);
  const characterSet = request?.characterSet ?? '';

  // The ACK travels back, so the sender and receiver of the request swap places. A refused
  // over-long name is echoed only up to the accepted length: simple clients read ACKs of a few KB.
  const echo = (value: string | undefined): string => esc((value ?? '').slice(0, MAX_IDENTIFIER_LENGTH));
  const msh = [
    `MSH${f}${delimiters.encodingCharacters}`,
    echo(request?.receivingApplication),
    echo(request?.receivingFacility),
    echo(request?.sendingApplication),
    echo(request?.sendingFacility),
    formatHl7Timestamp(o.now ?? new Date()),
    '',
    messageType,
    esc(o.ackControlId),
    esc(nonEmpty(request?.processingId, 'P')),
    esc(version),
    // MSH-13 to MSH-17 stay empty; MSH-18 repeats the request's character set, in which the
    // ACK is also encoded (see encodeHl7Text).
    ...(characterSet === '' ? [] : ['', '', '', '', '', esc(characterSet)]),
  ].join(f);

  const text = o.text ?? '';
  const msa = trimTrailingEmpty(['MSA', o.code, esc(request?.controlId ?? ''), esc(text)], 3).join(f);
  const segments = [msh, msa];
  if (o.error) segments.push(buildErr(o.error, { text, version, f, component, subcomponent, esc }));
  // HL7 ends every segment with the segment terminator, the last one included.
  return segments.map((segment) => `${segment}\r`).join('');
}

/**
 * Reads the MSA segment of an acknowledgment (used by the CLI sender to report results).
 * @param ackText - the ACK as received (any line separators)
 * @returns MSA-1 code, MSA-2 control ID of the acknowledged message and MSA-3 text, unescaped
 * @throws {@link Hl7ParseError} when the text has no MSA segment
 */
export function ackCodeFromAck(ackText: string): { code: string; controlId: string; text: string } {
  const text = normalizeMessageText(ackText);
  const delimiters = /^MSH[^\sA-Za-z0-9]/.test(text)
    ? { fieldSeparator: text.charAt(3), encodingCharacters: text.slice(4).split(text.charAt(3), 1)[0] ?? '' }
    : DEFAULT_DELIMITERS;
  const msa = text.split('\r').find((segment) => segment.startsWith(`MSA${delimiters.fieldSeparator}`));
  if (msa === undefined) {
    throw new Hl7ParseError('missing_field', 'The acknowledgment has no MSA segment', 'MSA');
  }
  const fields = msa.split(delimiters.fieldSeparator);
  const read = (i: number): string => unescapeHl7(fields[i] ?? '', delimiters);
  return { code: read(1), controlId: read(2), text: read(3) };
}

/**
 * Formats a time as an HL7 DTM in UTC: `YYYYMMDDHHMMSS+0000`.
 * @param date - the instant to format
 * @returns the timestamp string
 */
export function formatHl7Timestamp(date: Date): string {
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return (
    pad(date.getUTCFullYear(), 4) +
    pad(date.getUTCMonth() + 1) +
    pad(date.getUTCDate()) +
    pad(date.getUTCHours()) +
    pad(date.getUTCMinutes()) +
    pad(date.getUTCSeconds()) +
    '+0000'
  );
}

/**
 * ERR in the v2.5+ layout: ERR-2, -3, -4 and -8 carry the error. ERR-1 (error code and
 * location), the only field before v2.5 and deprecated since, is filled for v2.1 to v2.4
 * receivers, which read nothing else.
 */
function buildErr(
  error: AckError,
  o: {
    text: string;
    version: string;
    f: string;
    component: string;
    subcomponent: string;
    esc: (v: string) => string;
  },
): string {
  const { f, component, esc } = o;
  const location = error.location
    ? [
        esc(error.location.segment),
        '1',
        error.location.field === undefined ? '' : String(error.location.field),
      ]
    : [];
  const codeParts = [esc(error.hl7ErrorCode), esc(HL7_ERROR_TEXT[error.hl7ErrorCode] ?? ''), 'HL70357'];
  const code = codeParts.join(component);
  let legacy = '';
  if (/^2\.[1-4](?:\.|$)/.test(o.version)) {
    const where = error.location ? location : ['', '', ''];
    legacy = [...where, codeParts.join(o.subcomponent)].join(component);
  }
  const fields = [
    'ERR',
    legacy,
    trimTrailingEmpty(location, 0).join(component),
    code,
    error.severity,
    '',
    '',
    '',
    esc(o.text),
  ];
  return trimTrailingEmpty(fields, 5).join(f);
}

/** Drops empty trailing entries but keeps at least `keep` of them, so optional fields do not leave dangling separators. */
function trimTrailingEmpty(values: string[], keep: number): string[] {
  let end = values.length;
  while (end > keep && values[end - 1] === '') end--;
  return values.slice(0, end);
}

function nonEmpty(value: string | undefined, fallback: string): string {
  return value === undefined || value === '' ? fallback : value;
}
