/**
 * The load generator's MLLP sender, on plain `net`: frames messages, reads ACK frames however TCP
 * splits or joins them, and matches each ACK to its message by MSA-2 (never by arrival order, so a
 * receiver that answers out of order or twice is caught, not credited).
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';

const START_BLOCK = 0x0b;
const END_BLOCK = 0x1c;
const CARRIAGE_RETURN = 0x0d;
// An ACK is a few hundred bytes; a megabyte without a frame end is a broken peer, not an ACK.
const MAX_ACK_FRAME_BYTES = 1024 * 1024;

/**
 * Wraps HL7 text in an MLLP frame: `0x0B <message> 0x1C 0x0D`.
 * @param text - the message, segments separated by CR
 */
export function frameMessage(text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  const frame = Buffer.allocUnsafe(body.length + 3);
  frame[0] = START_BLOCK;
  body.copy(frame, 1);
  frame[body.length + 1] = END_BLOCK;
  frame[body.length + 2] = CARRIAGE_RETURN;
  return frame;
}

/** Splits a byte stream into MLLP frame payloads, across chunk boundaries. */
export class MllpFrameReader {
  private pending: Buffer = Buffer.alloc(0);

  /**
   * Adds received bytes and returns the payloads of the frames they complete. Bytes outside a
   * frame are dropped.
   * @param chunk - bytes as received
   * @throws Error when a frame grows past 1 MB without ending
   */
  push(chunk: Buffer): Buffer[] {
    let data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const frames: Buffer[] = [];
    for (;;) {
      const start = data.indexOf(START_BLOCK);
      if (start < 0) {
        data = Buffer.alloc(0);
        break;
      }
      let end = data.indexOf(END_BLOCK, start + 1);
      // The end is FS followed by CR; an FS whose CR has not arrived yet waits for the next chunk.
      while (end >= 0 && end + 1 < data.length && data[end + 1] !== CARRIAGE_RETURN) {
        end = data.indexOf(END_BLOCK, end + 1);
      }
      if (end < 0 || end + 1 >= data.length) {
        data = data.subarray(start);
        break;
      }
      frames.push(data.subarray(start + 1, end));
      data = data.subarray(end + 2);
    }
    if (data.length > MAX_ACK_FRAME_BYTES) throw new Error('ACK frame over 1 MB without an end');
    // Copy the remainder so a retained slice does not pin the whole received chunk.
    this.pending = Buffer.from(data);
    return frames;
  }
}

/** MSA-1 and MSA-2 of an acknowledgment. */
export interface AckFields {
  code: string;
  controlId: string;
}

/**
 * Reads MSA-1 (the ACK code) and MSA-2 (the control id it acknowledges) without a full parse.
 * @param text - the ACK message
 * @returns null when there is no MSA segment
 */
export function readAckFields(text: string): AckFields | null {
  const fieldSeparator = text.startsWith('MSH') ? text.charAt(3) : '|';
  const marker = `MSA${fieldSeparator}`;
  let at = text.startsWith(marker) ? 0 : -1;
  if (at < 0) {
    for (const separator of ['\r', '\n']) {
      const found = text.indexOf(`${separator}${marker}`);
      if (found >= 0 && (at < 0 || found < at)) at = found + 1;
    }
  }
  if (at < 0) return null;
  const lineEnd = text.slice(at).search(/[\r\n]/);
  const segment = lineEnd < 0 ? text.slice(at) : text.slice(at, at + lineEnd);
  const fields = segment.split(fieldSeparator);
  return { code: fields[1] ?? '', controlId: fields[2] ?? '' };
}

/** The answer to one sent message. */
export interface AckReceipt {
  code: string;
  /** From the write of the message to the arrival of its ACK, in milliseconds. */
  latencyMs: number;
}

interface PendingMessage {
  sentAt: number;
  resolve: (receipt: AckReceipt) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** One sender connection; several messages may be in flight, each matched by MSA-2. */
export class MllpLoadConnection {
  private readonly reader = new MllpFrameReader();
  private readonly pending = new Map<string, PendingMessage>();
  private closedError: Error | null = null;
  /** ACKs whose MSA-2 matched no message in flight (duplicates, stale or foreign ACKs). */
  unmatchedAcks = 0;

  private constructor(private readonly socket: net.Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      let frames: Buffer[];
      try {
        frames = this.reader.push(chunk);
      } catch (error) {
        socket.destroy(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      const now = performance.now();
      for (const frame of frames) this.settle(frame.toString('latin1'), now);
    });
    socket.on('error', (error) => {
      this.failAll(error);
    });
    socket.on('close', () => {
      this.failAll(new Error('connection closed by the receiver'));
    });
  }

  /**
   * Opens a connection to an MLLP receiver.
   * @param port - its port
   * @param host - its address (loopback by default)
   */
  static connect(port: number, host = '127.0.0.1'): Promise<MllpLoadConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new MllpLoadConnection(socket));
      });
    });
  }

  /** True once the connection is closed or failed: every further send rejects. */
  get closed(): boolean {
    return this.closedError !== null;
  }

  /** Messages sent and not yet acknowledged. */
  get inFlight(): number {
    return this.pending.size;
  }

  /**
   * Sends one framed message and resolves with its ACK (matched on MSA-2).
   * @param frame - the framed message ({@link frameMessage})
   * @param controlId - its MSH-10
   * @param timeoutMs - how long to wait for the ACK before rejecting
   */
  send(frame: Buffer, controlId: string, timeoutMs = 30_000): Promise<AckReceipt> {
    if (this.closedError) return Promise.reject(this.closedError);
    if (this.pending.has(controlId)) {
      return Promise.reject(new Error(`control id ${controlId} is already in flight`));
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(controlId);
        reject(new Error(`no ACK for ${controlId} within ${timeoutMs} ms`));
      }, timeoutMs);
      // Timed from just before the write, as a sending interface experiences it.
      this.pending.set(controlId, { sentAt: performance.now(), resolve, reject, timer });
      this.socket.write(frame);
    });
  }

  private settle(ackText: string, receivedAt: number): void {
    const fields = readAckFields(ackText);
    const entry = fields ? this.pending.get(fields.controlId) : undefined;
    if (!fields || !entry) {
      this.unmatchedAcks += 1;
      return;
    }
    this.pending.delete(fields.controlId);
    clearTimeout(entry.timer);
    entry.resolve({ code: fields.code, latencyMs: receivedAt - entry.sentAt });
  }

  private failAll(error: Error): void {
    this.closedError ??= error;
    for (const [controlId, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.reject(new Error(`${controlId}: ${error.message}`));
    }
    this.pending.clear();
  }

  /** Closes the connection (half-close, then destroy if the peer lingers). */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed) {
        resolve();
        return;
      }
      const timer = setTimeout(() => this.socket.destroy(), 1_000);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.closedError ??= new Error('connection closed by the sender');
      this.socket.end();
    });
  }
}
