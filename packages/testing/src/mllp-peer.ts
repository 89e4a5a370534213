import net from 'node:net';

// MLLP framing (HL7 v2 Appendix C): <VT> payload <FS><CR>. Written out here because @adt/hl7's
// own tests use this package, which therefore cannot depend on @adt/hl7.
const START_BLOCK = Buffer.from([0x0b]);
const END_BLOCK = Buffer.from([0x1c, 0x0d]);

/** One frame as received: its payload, and its raw bytes up to and including the end block. */
export interface MllpTestFrame {
  payload: Buffer;
  raw: Buffer;
}

/**
 * A test sender on one connection that writes any bytes and reads back whole frames, keeping each
 * frame's raw bytes so tests can check how answers are terminated.
 */
export class MllpPeer {
  private readonly frames: MllpTestFrame[] = [];
  private readonly waiters: (() => void)[] = [];
  private pending = Buffer.alloc(0);
  closed = false;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.pending = Buffer.concat([this.pending, chunk]);
      for (let end = this.pending.indexOf(END_BLOCK); end >= 0; end = this.pending.indexOf(END_BLOCK)) {
        const raw = Buffer.from(this.pending.subarray(0, end + END_BLOCK.length));
        const start = raw.indexOf(START_BLOCK);
        this.frames.push({ payload: raw.subarray(start + 1, end), raw });
        this.pending = this.pending.subarray(end + END_BLOCK.length);
      }
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  /**
   * Connects to an MLLP port on the loopback interface.
   * @param port - the listener's MLLP port
   */
  static async connect(port: number): Promise<MllpPeer> {
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise((resolve) => socket.once('connect', resolve));
    return new MllpPeer(socket);
  }

  /**
   * Frames a message (text as UTF-8, or exact bytes).
   * @param message - the payload
   */
  static frame(message: Buffer | string): Buffer {
    return Buffer.concat([START_BLOCK, Buffer.from(message), END_BLOCK]);
  }

  /**
   * Writes bytes as they are, framed or not.
   * @param bytes - what to write
   */
  write(bytes: Buffer | string): void {
    this.socket.write(bytes);
  }

  /**
   * Frames a message and returns the answer's payload as text.
   * @param message - text (sent as UTF-8) or exact bytes
   * @param encoding - how to read the answer
   */
  async send(message: Buffer | string, encoding: BufferEncoding = 'utf8'): Promise<string> {
    return (await this.sendForFrame(message)).payload.toString(encoding);
  }

  /**
   * Frames a message and returns the whole answer: payload and raw bytes with the framing.
   * @param message - text (sent as UTF-8) or exact bytes
   * @param timeoutMs - how long to wait for the answer
   */
  async sendForFrame(message: Buffer | string, timeoutMs = 5_000): Promise<MllpTestFrame> {
    this.socket.write(MllpPeer.frame(message));
    return this.nextFrame(timeoutMs);
  }

  /**
   * Frames a message and returns the answer, or null when none comes within `timeoutMs`.
   * @param message - text (sent as UTF-8) or exact bytes
   * @param timeoutMs - how long to wait
   */
  async sendMaybe(message: Buffer | string, timeoutMs: number): Promise<Buffer | null> {
    this.socket.write(MllpPeer.frame(message));
    try {
      return await this.next(timeoutMs);
    } catch {
      return null;
    }
  }

  /**
   * The payload of the next frame; rejects when none comes in time or the connection closed.
   * @param timeoutMs - how long to wait
   */
  async next(timeoutMs = 5_000): Promise<Buffer> {
    return (await this.nextFrame(timeoutMs)).payload;
  }

  /**
   * The next frame, payload and raw bytes.
   * @param timeoutMs - how long to wait
   */
  async nextFrame(timeoutMs = 5_000): Promise<MllpTestFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const frame = this.frames.shift();
      if (frame) return frame;
      if (this.closed) throw new Error('connection closed');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no frame in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /**
   * Resolves true when no frame arrives within `ms`.
   * @param ms - how long to listen
   */
  async silentFor(ms: number): Promise<boolean> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.frames.length === 0;
  }

  close(): void {
    this.socket.destroy();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}
