/**
 * MLLP (Minimal Lower Layer Protocol) framing: `0x0B <payload> 0x1C 0x0D`.
 *
 * The decoder is a push-based state machine with no socket knowledge so the
 * listener can feed it whatever TCP hands over: split frames, several frames in
 * one chunk, and noise between frames (port scanners, HTTP health probes).
 */

/** Start block (VT) that opens every MLLP frame. */
export const MLLP_START = 0x0b;
/** End block (FS) that, followed by {@link MLLP_CR}, closes an MLLP frame. */
export const MLLP_END = 0x1c;
/** Carriage return that must follow {@link MLLP_END} to close a frame. */
export const MLLP_CR = 0x0d;

/**
 * Wraps one payload (an HL7 message or ACK) in an MLLP frame.
 * @param payload - message text (encoded as UTF-8) or already-encoded bytes
 * @returns `0x0B payload 0x1C 0x0D` as one buffer
 */
export function encodeMllpFrame(payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const frame = Buffer.allocUnsafe(body.length + 3);
  frame[0] = MLLP_START;
  body.copy(frame, 1);
  frame[body.length + 1] = MLLP_END;
  frame[body.length + 2] = MLLP_CR;
  return frame;
}

/**
 * What {@link MllpDecoder.push} found in the bytes it was given, in stream order.
 * - `frame`: a complete payload, framing bytes removed.
 * - `oversize`: a frame grew past `maxFrameBytes`; it is dropped up to the next start block.
 *   `bytes` is how many payload bytes had arrived when the limit was crossed.
 * - `garbage`: bytes outside any frame (one event per contiguous run within a chunk); blanks
 *   and line breaks between frames are not reported.
 * - `abandoned`: an unfinished frame given up because a new start block arrived (a sender that
 *   timed out mid-frame and started again); the next frame is decoded normally.
 */
export type MllpDecoderEvent =
  | { kind: 'frame'; payload: Buffer }
  | { kind: 'oversize'; bytes: number }
  | { kind: 'garbage'; bytes: Buffer }
  | { kind: 'abandoned'; bytes: Buffer };

/** Options for {@link MllpDecoder}. */
export interface MllpDecoderOptions {
  /** Largest payload accepted, in bytes; larger frames are reported as `oversize` and discarded. */
  maxFrameBytes: number;
}

type DecoderState = 'idle' | 'in-frame' | 'discarding';

/**
 * Incremental MLLP frame decoder: feed it socket chunks, get frames back.
 *
 * Each pushed byte is scanned once and copied at most once (when its frame completes):
 * an unfinished frame is kept as a list of chunk views rather than a growing buffer.
 */
export class MllpDecoder {
  private readonly maxFrameBytes: number;
  private state: DecoderState = 'idle';
  /** Views into received chunks holding the current frame's bytes. */
  private parts: Buffer[] = [];
  private partsBytes = 0;
  /** The last buffered byte is a 0x1C whose meaning depends on the next chunk's first byte. */
  private pendingEnd = false;

  /**
   * @param options - `maxFrameBytes` caps one payload so a sender cannot exhaust memory
   */
  constructor(options: MllpDecoderOptions) {
    if (!Number.isInteger(options.maxFrameBytes) || options.maxFrameBytes < 1) {
      throw new RangeError(`maxFrameBytes must be a positive integer, got ${options.maxFrameBytes}`);
    }
    this.maxFrameBytes = options.maxFrameBytes;
  }

  /** Bytes held for a frame that has started but not yet ended. */
  get bufferedBytes(): number {
    return this.partsBytes;
  }

  /** Whether a start block has arrived and its frame has not ended (even with no payload yet). */
  get frameOpen(): boolean {
    return this.state === 'in-frame';
  }

  /**
   * Consumes the next chunk from the stream.
   * @param chunk - bytes as received; the decoder keeps views into it, so do not reuse the buffer
   * @returns the events completed by this chunk, in stream order
   */
  push(chunk: Buffer): MllpDecoderEvent[] {
    const events: MllpDecoderEvent[] = [];
    let pos = 0;
    if (this.pendingEnd && chunk.length > 0) {
      this.pendingEnd = false;
      if (chunk[0] === MLLP_CR) {
        // The 0x1C that ended the previous chunk closes the frame; it is not payload.
        this.emitFrame(events, 1);
        this.state = 'idle';
        pos = 1;
      }
      // Otherwise that 0x1C was payload (only 0x1C 0x0D ends a frame) and stays buffered.
    }
    const scan = new StartScanner(chunk);
    while (pos < chunk.length) {
      switch (this.state) {
        case 'idle':
          pos = this.readOutsideFrame(chunk, pos, scan, events);
          break;
        case 'in-frame':
          pos = this.readInFrame(chunk, pos, scan, events);
          break;
        case 'discarding': {
          const start = scan.next(pos);
          if (start < 0) return events;
          this.state = 'in-frame';
          pos = start + 1;
          break;
        }
        default:
          this.state satisfies never;
      }
    }
    return events;
  }

  private readOutsideFrame(
    chunk: Buffer,
    pos: number,
    scan: StartScanner,
    events: MllpDecoderEvent[],
  ): number {
    const start = scan.next(pos);
    const runEnd = start < 0 ? chunk.length : start;
    if (runEnd > pos && !isWhitespace(chunk, pos, runEnd)) {
      events.push({ kind: 'garbage', bytes: chunk.subarray(pos, runEnd) });
    }
    if (start < 0) return chunk.length;
    this.state = 'in-frame';
    return start + 1;
  }

  private readInFrame(chunk: Buffer, pos: number, scan: StartScanner, events: MllpDecoderEvent[]): number {
    const end = chunk.indexOf(MLLP_END, pos);
    const start = scan.next(pos);
    if (start >= 0 && (end < 0 || start < end)) {
      // A new start block before this frame ended: the sender gave up on it and began
      // again, so report the fragment and resynchronise rather than merge two messages.
      this.append(chunk.subarray(pos, start));
      if (this.partsBytes > 0) {
        events.push({ kind: 'abandoned', bytes: Buffer.concat(this.parts, this.partsBytes) });
      }
      this.resetFrame();
      return start + 1;
    }
    if (end < 0) {
      this.appendChecked(chunk.subarray(pos), events);
      return chunk.length;
    }
    if (end + 1 === chunk.length) {
      // 0x1C is the last byte: whether it ends the frame is decided by the next chunk.
      if (this.appendChecked(chunk.subarray(pos), events, 1)) this.pendingEnd = true;
      return chunk.length;
    }
    if (chunk[end + 1] !== MLLP_CR) {
      // A lone 0x1C is payload; only 0x1C 0x0D closes a frame.
      this.appendChecked(chunk.subarray(pos, end + 1), events);
      return end + 1;
    }
    if (this.appendChecked(chunk.subarray(pos, end), events)) {
      this.emitFrame(events, 0);
      this.state = 'idle';
    }
    return end + 2;
  }

  /**
   * Buffers frame bytes, switching to discard mode when the payload exceeds the cap.
   * @param trailingEnd - bytes at the end of `part` that may turn out to be framing, not payload
   * @returns whether the frame is still being collected
   */
  private appendChecked(part: Buffer, events: MllpDecoderEvent[], trailingEnd = 0): boolean {
    this.append(part);
    const payloadBytes = this.partsBytes - trailingEnd;
    if (payloadBytes <= this.maxFrameBytes) return true;
    events.push({ kind: 'oversize', bytes: payloadBytes });
    this.resetFrame();
    this.state = 'discarding';
    return false;
  }

  private append(part: Buffer): void {
    if (part.length === 0) return;
    this.parts.push(part);
    this.partsBytes += part.length;
  }

  private emitFrame(events: MllpDecoderEvent[], dropTrailing: number): void {
    const whole = Buffer.concat(this.parts, this.partsBytes);
    events.push({ kind: 'frame', payload: whole.subarray(0, whole.length - dropTrailing) });
    this.resetFrame();
  }

  private resetFrame(): void {
    this.parts = [];
    this.partsBytes = 0;
    this.pendingEnd = false;
  }
}

/**
 * Finds start blocks in one chunk, remembering the last hit so a chunk holding many
 * frames is searched once overall instead of once per frame.
 */
class StartScanner {
  private found = -1;
  private searchedFrom = Number.POSITIVE_INFINITY;

  constructor(private readonly chunk: Buffer) {}

  /** Index of the first 0x0B at or after `from`, or -1. */
  next(from: number): number {
    const cached = from >= this.searchedFrom && (this.found < 0 || this.found >= from);
    if (!cached) {
      this.found = this.chunk.indexOf(MLLP_START, from);
      this.searchedFrom = from;
    }
    return this.found;
  }
}

/** Line breaks and blanks between frames are common sender noise, not a protocol error. */
function isWhitespace(chunk: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const b = chunk[i];
    if (b !== 0x0d && b !== 0x0a && b !== 0x20 && b !== 0x09) return false;
  }
  return true;
}
