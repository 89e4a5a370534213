/**
 * A thin, throw-free layer over node-hl7-client's message tree (internal to this package).
 *
 * The library's quirks this hides, checked against 3.2.0:
 * - a path to a missing segment or field yields an empty node whose `toRaw()` throws
 *   "Method not implemented", so only `toArray()` and indexes are used here;
 * - numeric `get(n)` is a 0-based child index (on a segment, child 0 is its name);
 * - its `\Xhh\` decoding always reads bytes as Latin-1, so values are unescaped with
 *   {@link unescapeHl7}, which prefers UTF-8.
 */
import { Message, type HL7Node } from 'node-hl7-client';
import { unescapeHl7, type Hl7Delimiters } from './escape.js';
import { Hl7ParseError } from './message-header.js';

/**
 * Parses normalized message text with node-hl7-client, turning its errors into {@link Hl7ParseError}.
 * @param text - normalized text of one message
 * @returns the library's message tree
 */
export function parseWithClient(text: string): Message {
  try {
    return new Message({ text });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (/multiple MSH/i.test(reason)) {
      throw new Hl7ParseError(
        'bad_msh',
        'The message contains more than one MSH segment; send one message per frame or a batch (FHS/BHS)',
        'MSH',
      );
    }
    throw new Hl7ParseError('not_hl7', `The HL7 parser rejected the message: ${reason}`);
  }
}

/**
 * Reads fields of one segment (or of an absent one, which reads as empty). node-hl7-client finds
 * the segments; their fields are split here from the segment's raw text, because the library builds
 * an event-emitting node for every field, repetition and component it is asked about, and that was
 * most of the worker's parse time.
 */
export class SegmentReader {
  private readonly fields: string[];
  private readonly component: string;
  private readonly repetition: string;
  private readonly subcomponent: string;

  /**
   * @param segment - a segment node, or undefined when the message lacks it
   * @param delimiters - the message's delimiters, for splitting and unescaping
   */
  constructor(
    segment: HL7Node | undefined,
    private readonly delimiters: Hl7Delimiters,
  ) {
    this.fields = segment === undefined ? [] : segment.toRaw().split(delimiters.fieldSeparator);
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
 * @param message - a parsed message
 * @param name - segment name such as `DG1`
 * @param delimiters - the message's delimiters
 */
export function segmentReaders(message: Message, name: string, delimiters: Hl7Delimiters): SegmentReader[] {
  return message
    .get(name)
    .toArray()
    .map((segment) => new SegmentReader(segment, delimiters));
}

/**
 * The first occurrence of a segment; reads as empty when the segment is absent.
 * @param message - a parsed message
 * @param name - segment name such as `PID`
 * @param delimiters - the message's delimiters
 */
export function firstSegment(message: Message, name: string, delimiters: Hl7Delimiters): SegmentReader {
  return new SegmentReader(message.get(name).toArray()[0], delimiters);
}
