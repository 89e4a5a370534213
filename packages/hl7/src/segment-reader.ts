/**
 * The segments of one message and a throw-free reader of their fields (internal to this package).
 *
 * Segments are found at segment boundaries only: the text is normalized (`\r` between segments),
 * so a line is a segment and a value is never one. node-hl7-client is not used for this: it looks
 * for `MSH|` anywhere in the text, so a facility or religion code `MSH` in a field reads as a second
 * message, and building its node tree cost most of the parse.
 */
import { unescapeHl7, type Hl7Delimiters } from './escape.js';
import { Hl7ParseError } from './message-header.js';

/** A message split into segments, in message order. */
export interface MessageSegments {
  /** Each segment's text, without separators. */
  readonly segments: readonly string[];
  /** MSH-1, which also ends every segment name. */
  readonly fieldSeparator: string;
}

/**
 * Splits normalized message text into its segments.
 * @param text - normalized text of one message (see `normalizeMessageText`), starting with MSH
 * @returns the segments
 * @throws {@link Hl7ParseError} when the text holds more than one MSH segment
 */
export function parseSegments(text: string): MessageSegments {
  const fieldSeparator = text.charAt(3);
  const segments = text === '' ? [] : text.split('\r');
  const headers = segments.filter((segment) => segmentNameOf(segment, fieldSeparator) === 'MSH').length;
  if (headers > 1) {
    throw new Hl7ParseError(
      'bad_msh',
      'The message contains more than one MSH segment; send one message per frame or a batch (FHS/BHS)',
      'MSH',
    );
  }
  return { segments, fieldSeparator };
}

/**
 * The name of a segment: the text before its first field separator (a bare name has none).
 * @param segment - one segment's text
 * @param fieldSeparator - MSH-1
 */
export function segmentNameOf(segment: string, fieldSeparator: string): string {
  const end = segment.indexOf(fieldSeparator);
  return end < 0 ? segment : segment.slice(0, end);
}

/** Reads fields of one segment (or of an absent one, which reads as empty). */
export class SegmentReader {
  private readonly fields: string[];
  private readonly component: string;
  private readonly repetition: string;
  private readonly subcomponent: string;

  /**
   * @param segment - the segment's text, or undefined when the message lacks it
   * @param delimiters - the message's delimiters, for splitting and unescaping
   */
  constructor(
    segment: string | undefined,
    private readonly delimiters: Hl7Delimiters,
  ) {
    this.fields = segment === undefined ? [] : segment.split(delimiters.fieldSeparator);
    this.component = delimiters.encodingCharacters.charAt(0);
    this.repetition = delimiters.encodingCharacters.charAt(1);
    this.subcomponent = delimiters.encodingCharacters.charAt(3);
    this.present = segment !== undefined;
  }

  /** Whether the segment is present in the message. */
  readonly present: boolean;

  /**
   * The repetitions of a field, raw; none when the field is empty.
   * @param field - 1-based field number (not for MSH, whose numbering is shifted)
   */
  repetitions(field: number): string[] {
    const raw = this.fields[field] ?? '';
    return raw === '' ? [] : raw.split(this.repetition);
  }

  /**
   * One value of the first repetition of a field, unescaped, HL7 null (`""`) read as ''.
   * @param field - 1-based field number
   * @param component - 1-based component number
   * @param subcomponent - 1-based subcomponent number
   */
  text(field: number, component = 1, subcomponent = 1): string {
    return this.textOf(this.repetitions(field)[0], component, subcomponent);
  }

  /**
   * The components of one repetition, raw (for a caller that needs all of them).
   * @param repetition - a value from {@link SegmentReader.repetitions}
   */
  components(repetition: string | undefined): string[] {
    return repetition === undefined || repetition === '' ? [] : repetition.split(this.component);
  }

  /**
   * One value of a given repetition, unescaped, HL7 null (`""`) read as ''.
   * @param repetition - a value from {@link SegmentReader.repetitions}
   * @param component - 1-based component number
   * @param subcomponent - 1-based subcomponent number
   */
  textOf(repetition: string | undefined, component = 1, subcomponent = 1): string {
    const value = this.components(repetition)[component - 1];
    const raw =
      value === undefined || value === '' ? '' : (value.split(this.subcomponent)[subcomponent - 1] ?? '');
    return raw === '""' ? '' : unescapeHl7(raw, this.delimiters);
  }
}

/**
 * Every occurrence of a segment, in message order.
 * @param message - the message's segments
 * @param name - segment name such as `DG1`
 * @param delimiters - the message's delimiters
 */
export function segmentReaders(
  message: MessageSegments,
  name: string,
  delimiters: Hl7Delimiters,
): SegmentReader[] {
  return message.segments
    .filter((segment) => segmentNameOf(segment, message.fieldSeparator) === name)
    .map((segment) => new SegmentReader(segment, delimiters));
}

/**
 * The first occurrence of a segment; reads as empty when the segment is absent.
 * @param message - the message's segments
 * @param name - segment name such as `PID`
 * @param delimiters - the message's delimiters
 */
export function firstSegment(
  message: MessageSegments,
  name: string,
  delimiters: Hl7Delimiters,
): SegmentReader {
  const found = message.segments.find((segment) => segmentNameOf(segment, message.fieldSeparator) === name);
  return new SegmentReader(found, delimiters);
}
