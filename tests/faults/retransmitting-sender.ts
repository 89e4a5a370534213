/**
 * An MLLP sender that behaves like a real interface engine: one message in flight per connection,
 * the same bytes sent again when no ACK arrives in time, the connection drops, or the listener
 * answers AR/AE; it reconnects as often as it must.
 */
import net from 'node:net';

const START_BLOCK = 0x0b;
const END_BLOCK = Buffer.from([0x1c, 0x0d]);

/** What a sender did, for the scenario summary. */
export interface SenderStats {
  /** Distinct messages handed to the sender. */
  sent: number;
  /** Distinct messages that ended with an AA. */
  acked: number;
  /** Frames written, retransmissions included. */
  transmissions: number;
  /** Negative answers (AR/AE) that made the sender try again. */
  refusals: number;
  /** Connections opened. */
  connections: number;
}

/** Sender settings. */
export interface SenderOptions {
  host: string;
  /** Read on every connect, so a listener restarted on another port could be followed. */
  port: () => number;
  /** How long to wait for an ACK before sending again. */
  ackTimeoutMs: number;
  /** Pause before reconnecting or resending after a refusal. */
  retryDelayMs: number;
  /** A message not acknowledged within this time fails the run (keeps a scenario bounded). */
  giveUpMs: number;
}

/** The acknowledgment code and the control id it answers, from MSA-1 and MSA-2. */
export function readAck(ack: string): { code: string; controlId: string } | null {
  const match = /(?:^|\r)MSA\|([A-Z]{2})\|([^|\r]*)/.exec(ack);
  return match ? { code: match[1] ?? '', controlId: match[2] ?? '' } : null;
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

/** One sender connection; messages go one at a time, in order. */
export class RetransmittingSender {
  readonly stats: SenderStats = { sent: 0, acked: 0, transmissions: 0, refusals: 0, connections: 0 };
  private socket: net.Socket | null = null;
  private closed = false;

  constructor(private readonly options: SenderOptions) {}

  /**
   * Delivers every message, in order, each until it is acknowledged with AA.
   * @param messages - HL7 text (`\r` between segments) and its MSH-10, to match the ACK
   */
  async deliver(messages: readonly { text: string; controlId: string }[]): Promise<void> {
    for (const message of messages) {
      this.stats.sent += 1;
      await this.deliverOne(message.text, message.controlId);
      this.stats.acked += 1;
    }
  }

  /** Closes the connection; a delivery in progress fails. */
  close(): void {
    this.closed = true;
    this.socket?.destroy();
    this.socket = null;
  }

  private async deliverOne(text: string, controlId: string): Promise<void> {
    const frame = Buffer.concat([Buffer.from([START_BLOCK]), Buffer.from(text, 'utf8'), END_BLOCK]);
    const deadline = Date.now() + this.options.giveUpMs;
    while (!this.closed) {
      if (Date.now() > deadline) {
        throw new Error(`message ${controlId} not acknowledged within ${String(this.options.giveUpMs)} ms`);
      }
      const socket = await this.connected();
      if (socket === null) {
        await sleep(this.options.retryDelayMs);
        continue;
      }
      this.stats.transmissions += 1;
      const answer = await this.exchange(socket, frame);
      if (answer === null) {
        // No answer in time or the connection broke: a late ACK must not be read as the answer to
        // the next message, so this connection is done.
        this.drop(socket);
        await sleep(this.options.retryDelayMs);
        continue;
      }
      const ack = readAck(answer);
      if (ack?.controlId !== controlId) {
        this.drop(socket);
        continue;
      }
      if (ack.code === 'AA' || ack.code === 'CA') return;
      this.stats.refusals += 1;
      await sleep(this.options.retryDelayMs);
    }
    throw new Error('sender closed');
  }

  private drop(socket: net.Socket): void {
    socket.destroy();
    if (this.socket === socket) this.socket = null;
  }

  private async connected(): Promise<net.Socket | null> {
    if (this.socket && !this.socket.destroyed) return this.socket;
    this.socket = null;
    const socket = await new Promise<net.Socket | null>((resolve) => {
      const s = net.connect({ host: this.options.host, port: this.options.port() });
      const timer = setTimeout(() => {
        s.destroy();
        resolve(null);
      }, this.options.ackTimeoutMs);
      s.once('connect', () => {
        clearTimeout(timer);
        resolve(s);
      });
      s.once('error', () => {
        clearTimeout(timer);
        s.destroy();
        resolve(null);
      });
    });
    if (socket === null) return null;
    socket.on('error', () => {
      // Reported through 'close' to the exchange in progress.
    });
    socket.setNoDelay(true);
    this.stats.connections += 1;
    this.socket = socket;
    return socket;
  }

  /** Writes one frame and reads one answer frame; null on timeout or a broken connection. */
  private exchange(socket: net.Socket, frame: Buffer): Promise<string | null> {
    return new Promise((resolve) => {
      let buffered = Buffer.alloc(0);
      const finish = (answer: string | null) => {
        clearTimeout(timer);
        socket.off('data', onData);
        socket.off('close', onClose);
        resolve(answer);
      };
      const onData = (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        const start = buffered.indexOf(START_BLOCK);
        const end = buffered.indexOf(END_BLOCK, start + 1);
        if (start >= 0 && end > start) finish(buffered.subarray(start + 1, end).toString('utf8'));
      };
      const onClose = () => {
        finish(null);
      };
      const timer = setTimeout(() => {
        finish(null);
      }, this.options.ackTimeoutMs);
      socket.on('data', onData);
      socket.once('close', onClose);
      if (socket.destroyed) {
        finish(null);
        return;
      }
      socket.write(frame);
    });
  }
}

/** Sums the stats of several senders. */
export function totalStats(senders: readonly RetransmittingSender[]): SenderStats {
  const total: SenderStats = { sent: 0, acked: 0, transmissions: 0, refusals: 0, connections: 0 };
  for (const s of senders) {
    total.sent += s.stats.sent;
    total.acked += s.stats.acked;
    total.transmissions += s.stats.transmissions;
    total.refusals += s.stats.refusals;
    total.connections += s.stats.connections;
  }
  return total;
}
