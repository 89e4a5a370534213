import net from 'node:net';
import { encodeMllpFrame, MLLP_END, MllpDecoder } from '@adt/hl7';

/**
 * A test sender on one connection that writes any bytes and reads back whole frames, keeping each
 * frame's raw bytes up to and including the end block, so tests can check how ACKs are terminated.
 */
export class MllpPeer {
  private readonly decoder = new MllpDecoder({ maxFrameBytes: 1 << 20 });
  private readonly frames: { payload: Buffer; raw: Buffer }[] = [];
  private readonly waiters: (() => void)[] = [];
  private pending = Buffer.alloc(0);
  closed = false;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.pending = Buffer.concat([this.pending, chunk]);
      for (const event of this.decoder.push(chunk)) {
        if (event.kind !== 'frame') continue;
        // The raw frame runs to the first end block (0x1C 0x0D) still pending.
        const end = this.pending.indexOf(Buffer.from([MLLP_END, 0x0d]));
        const raw = this.pending.subarray(0, end + 2);
        this.pending = this.pending.subarray(end + 2);
        this.frames.push({ payload: Buffer.from(event.payload), raw: Buffer.from(raw) });
      }
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  /** Connects to the listener's MLLP port on the loopback interface. */
  static async connect(port: number): Promise<MllpPeer> {
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise((resolve) => socket.once('connect', resolve));
    return new MllpPeer(socket);
  }

  /** Frames a message (text as UTF-8, or exact bytes) and returns the answer's payload as UTF-8. */
  async send(message: Buffer | string): Promise<string> {
    return (await this.sendForFrame(message)).payload.toString('utf8');
  }

  /** Frames a message and returns the whole answer: payload and raw bytes with the framing. */
  async sendForFrame(message: Buffer | string, timeoutMs = 5_000): Promise<{ payload: Buffer; raw: Buffer }> {
    this.socket.write(encodeMllpFrame(message));
    return this.next(timeoutMs);
  }

  /** Frames a message and returns the answer, or null when none comes within `timeoutMs`. */
  async sendMaybe(message: Buffer | string, timeoutMs: number): Promise<Buffer | null> {
    this.socket.write(encodeMllpFrame(message));
    try {
      return (await this.next(timeoutMs)).payload;
    } catch {
      return null;
    }
  }

  private async next(timeoutMs: number): Promise<{ payload: Buffer; raw: Buffer }> {
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

  close(): void {
    this.socket.destroy();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}
