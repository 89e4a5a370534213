/**
 * Splitting HL7 batch files (FHS/BHS … BTS/FTS) into their messages.
 */
import { decodeHl7Bytes } from './character-set.js';
import { unescapeHl7 } from './escape.js';
import { normalizeMessageText } from './segments.js';

/** Batch envelope segments: they frame messages but belong to none. */
const ENVELOPE_SEGMENTS = new Set(['FHS', 'BHS', 'BTS', 'FTS']);

/**
 * Splits a batch into the text of each message it contains.
 *
 * Written by hand rather than with node-hl7-client's `Batch`, which returns parsed
 * `Message` objects: the caller needs each message's segments verbatim, to store them and to
 * handle each one "as if sent alone".
 * @param text - a batch (FHS/BHS envelope), several MSH messages one after another, or one message
 * @returns one normalized text per MSH message; `[text]` unchanged for a single plain message
 */
export function splitBatch(text: string): string[] {
  const normalized = normalizeMessageText(text);
  const segments = normalized.split('\r');
  const isBatch = segments[0] !== undefined && ENVELOPE_SEGMENTS.has(segments[0].slice(0, 3));
  const mshCount = segments.filter(isMsh).length;
  if (!isBatch && mshCount <= 1) return [text];

  const messages: string[][] = [];
  let current: string[] | undefined;
  for (const segment of segments) {
    const name = segment.slice(0, 3);
    if (isMsh(segment)) {
      current = [segment];
      messages.push(current);
    } else if (ENVELOPE_SEGMENTS.has(name)) {
      // A trailer or a new batch header ends the message before it.
      current = undefined;
    } else if (current) {
      current.push(segment);
    }
  }
  return messages.map((message) => message.join('\r'));
}

function isMsh(segment: string): boolean {
  return segment.startsWith('MSH') && segment.length > 3;
}

/** The identity fields of an FHS or BHS segment, unescaped, first components only. */
export interface BatchHeader {
  /** FHS-3 / BHS-3. */
  sendingApplication: string;
  /** FHS-4 / BHS-4. */
  sendingFacility: string;
  /** FHS-5 / BHS-5. */
  receivingApplication: string;
  /** FHS-6 / BHS-6. */
  receivingFacility: string;
  /** FHS-11 / BHS-11: the control ID the acknowledgment refers back to. */
  controlId: string;
}

/** The envelope of a received batch: what its acknowledgment echoes. */
export interface BatchEnvelope {
  /** From the first envelope segment, else the first MSH. */
  fieldSeparator: string;
  encodingCharacters: string;
  /** The FHS, or null when the batch had none. */
  fileHeader: BatchHeader | null;
  /** The first BHS, or null when the batch had none (messages merely concatenated). */
  batchHeader: BatchHeader | null;
}

/** A trailer whose count disagrees with what the frame holds. */
export interface BatchCountMismatch {
  /** `BTS` (BTS-1, messages in the batch) or `FTS` (FTS-1, batches in the file). */
  segment: 'BTS' | 'FTS';
  /** The count as sent. */
  declared: string;
  /** What arrived. */
  received: number;
}

/** A batch split into its messages. */
export interface BatchPayload {
  envelope: BatchEnvelope;
  /** Each message's bytes exactly as received (line endings included), in order. */
  messages: Buffer[];
  /** The first BTS-1 or FTS-1 count that does not match the messages or batches received. */
  countMismatch: BatchCountMismatch | null;
}

interface SegmentRange {
  name: string;
  start: number;
  end: number;
}

/**
 * Splits a received frame into its messages when it is a batch: it starts with FHS or BHS, or it
 * holds more than one MSH. Works on bytes so each message is stored, hashed and decoded (with its
 * own MSH-18) exactly as if it had been sent alone: a resend of one message outside the batch is
 * then recognised as a duplicate.
 * @param payload - the MLLP payload
 * @returns the envelope and messages, or null when the payload is a single message
 */
export function splitBatchPayload(payload: Buffer): BatchPayload | null {
  // Fast path for the usual single message: it starts with MSH and holds no second "MSH".
  const firstMsh = payload.indexOf('MSH');
  if (firstMsh >= 0 && firstMsh <= 8 && payload.indexOf('MSH', firstMsh + 3) < 0) {
    const lead = payload.subarray(0, firstMsh).toString('latin1');
    if (/^(?:\u00EF\u00BB\u00BF)?[ \t\r\n]*$/.test(lead)) return null;
  }
  // Latin-1 maps bytes one to one, and CR/LF never occur inside a multi-byte character of the
  // sets HL7 allows here, so segment offsets in this view are byte offsets.
  const view = payload.toString('latin1');
  const segments = segmentRanges(view);
  const first = segments[0];
  const mshCount = segments.filter((segment) => segment.name === 'MSH').length;
  if (first === undefined || (!ENVELOPE_SEGMENTS.has(first.name) && mshCount <= 1)) return null;

  const groups: { start: number; end: number }[] = [];
  let current: { start: number; end: number } | undefined;
  let fileHeader: BatchHeader | null = null;
  let batchHeader: BatchHeader | null = null;
  let delimiters: { fieldSeparator: string; encodingCharacters: string } | null = null;
  const counts = new TrailerCounts();
  for (const segment of segments) {
    const bytes = payload.subarray(segment.start, segment.end);
    if (segment.name === 'MSH') {
      current = { start: segment.start, end: segment.end };
      groups.push(current);
      delimiters ??= delimitersOf(view.slice(segment.start, segment.end));
      counts.message();
    } else if (ENVELOPE_SEGMENTS.has(segment.name)) {
      // A trailer or a new batch header ends the message before it.
      current = undefined;
      counts.envelope(segment.name, view.slice(segment.start, segment.end));
      if (segment.name === 'FHS' || segment.name === 'BHS') {
        const text = decodeHl7Bytes(bytes);
        const found = delimitersOf(text);
        if (found !== null) {
          delimiters ??= found;
          if (segment.name === 'FHS') fileHeader ??= batchHeaderOf(text, found);
          else batchHeader ??= batchHeaderOf(text, found);
        }
      }
    } else if (current) {
      current.end = segment.end;
    }
  }
  return {
    envelope: {
      ...(delimiters ?? { fieldSeparator: '|', encodingCharacters: '^~\\&' }),
      fileHeader,
      batchHeader,
    },
    messages: groups.map((group) => payload.subarray(group.start, group.end)),
    countMismatch: counts.mismatch,
  };
}

/**
 * Compares BTS-1 (messages in the batch) and FTS-1 (batches in the file) with what arrived: a count
 * that disagrees means part of the batch was lost or the sender built it wrong.
 */
class TrailerCounts {
  private batches = 0;
  private messagesInBatch = 0;
  private messagesInFile = 0;
  mismatch: BatchCountMismatch | null = null;

  message(): void {
    this.messagesInBatch += 1;
    this.messagesInFile += 1;
  }

  envelope(name: string, segment: string): void {
    if (name === 'BHS') {
      this.batches += 1;
      this.messagesInBatch = 0;
    } else if (name === 'BTS') {
      this.check('BTS', segment, this.messagesInBatch);
      this.messagesInBatch = 0;
    } else if (name === 'FTS') {
      // A file of messages without BHS holds one implicit batch.
      const batches = this.batches > 0 ? this.batches : this.messagesInFile > 0 ? 1 : 0;
      this.check('FTS', segment, batches);
    }
  }

  private check(name: 'BTS' | 'FTS', segment: string, received: number): void {
    if (this.mismatch !== null) return;
    // Field 1, first component; an empty count is not checked (it is optional in HL7).
    const declared = (segment.slice(4).split(segment.charAt(3), 1)[0] ?? '').split('^', 1)[0]?.trim() ?? '';
    if (declared === '' || (/^\d+$/.test(declared) && Number(declared) === received)) return;
    this.mismatch = { segment: name, declared, received };
  }
}

/** Non-blank segments of a Latin-1 view, skipping a leading byte order mark and blanks. */
function segmentRanges(view: string): SegmentRange[] {
  const ranges: SegmentRange[] = [];
  let pos = view.startsWith('\u00EF\u00BB\u00BF') ? 3 : 0;
  while (pos < view.length) {
    let end = pos;
    while (end < view.length && view[end] !== '\r' && view[end] !== '\n') end++;
    let start = pos;
    while (start < end && (view[start] === ' ' || view[start] === '\t')) start++;
    if (start < end) ranges.push({ name: view.slice(start, start + 3), start, end });
    pos = end + 1;
  }
  return ranges;
}

function delimitersOf(segment: string): { fieldSeparator: string; encodingCharacters: string } | null {
  const fieldSeparator = segment.charAt(3);
  const encodingCharacters = segment.slice(4).split(fieldSeparator, 1)[0] ?? '';
  if (fieldSeparator === '' || encodingCharacters.length < 4) return null;
  return { fieldSeparator, encodingCharacters };
}

function batchHeaderOf(
  segment: string,
  delimiters: { fieldSeparator: string; encodingCharacters: string },
): BatchHeader {
  const fields = segment.split(delimiters.fieldSeparator);
  const component = delimiters.encodingCharacters.charAt(0);
  const repetition = delimiters.encodingCharacters.charAt(1);
  /** FHS-n / BHS-n is fields[n - 1], because field 1 is the separator itself. */
  const read = (n: number): string => {
    const raw = (fields[n - 1] ?? '').split(repetition, 1)[0]?.split(component, 1)[0] ?? '';
    return raw === '""' ? '' : unescapeHl7(raw, delimiters);
  };
  return {
    sendingApplication: read(3),
    sendingFacility: read(4),
    receivingApplication: read(5),
    receivingFacility: read(6),
    controlId: read(11),
  };
}
