import net from 'node:net';
import { encodeMllpFrame, MllpDecoder } from './mllp-decoder.js';

const MAX_ACK_BYTES = 1024 * 1024;

/** A connection to an MLLP receiver that sends one message at a time and waits for its answer. */
export class MllpClient {
  private readonly decoder = new MllpDecoder({ maxFrameBytes: MAX_ACK_BYTES });
  private readonly frames: Buffer[] = [];
  private waiter: ((frame: Buffer | Error) => void) | null = null;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const event of this.decoder.push(chunk)) {
        if (event.kind === 'frame') this.deliver(Buffer.from(event.payload));
      }
    });
    socket.on('close', () => {
      this.fail(new Error('connection closed by the receiver before it answered'));
    });
    socket.on('error', (error) => {
      this.fail(error);
    });
  }

  /**
   * Connects to a receiver.
   * @param host - host name or address
   * @param port - MLLP port
   */
  static connect(host: string, port: number): Promise<MllpClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new MllpClient(socket));
      });
      socket.once('error', reject);
    });
  }

  private deliver(frame: Buffer): void {
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = null;
      waiter(frame);
    } else {
      this.frames.push(frame);
    }
  }

  private fail(error: Error): void {
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = null;
      waiter(error);
    }
  }

  /**
   * Sends one message (or batch) and resolves with the receiver's answer.
   * @param message - HL7 text (sent as UTF-8) or the exact bytes to send, segments separated by CR
   * @param timeoutMs - how long to wait for the answer
   */
  async send(message: string | Buffer, timeoutMs = 30_000): Promise<string> {
    const answer = new Promise<Buffer>((resolve, reject) => {
      const queued = this.frames.shift();
      if (queued) {
        resolve(queued);
        return;
      }
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new Error(`no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = (frame) => {
        clearTimeout(timer);
        if (frame instanceof Error) reject(frame);
        else resolve(frame);
      };
    });
    this.socket.write(encodeMllpFrame(message));
    return (await answer).toString('utf8');
  }

  /** Closes the connection. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.socket.end(() => {
        resolve();
      });
    });
  }
}
