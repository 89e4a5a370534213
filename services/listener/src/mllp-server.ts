import net from 'node:net';
import { encodeMllpFrame, MllpDecoder, buildAck } from '@adt/hl7';
import type { Logger } from '@adt/logging';
import { nextAckControlId } from './ack-control-id.js';
import type { FrameOutcome } from './message-intake.js';
import type { ListenerMetrics } from './listener-metrics.js';

/** One sender's connection, as the frame handler and later acknowledgments see it. */
export interface MllpConnection {
  peerAddress: string | null;
  /** Writes one frame (the payload is framed here); false when the connection is gone. */
  send: (payload: Buffer) => boolean;
  /** Aborted when the connection closes. */
  closed: AbortSignal;
}

/** Handles one frame; the server writes the response before taking the next frame. */
export type FrameHandler = (payload: Buffer, connection: MllpConnection) => Promise<FrameOutcome>;

/** Options for {@link startMllpServer}. */
export interface MllpServerOptions {
  host: string;
  port: number;
  maxFrameBytes: number;
  idleTimeoutMs: number;
  handleFrame: FrameHandler;
  /** Called after a response is written: enqueue, wait for application ACKs (kept off the ACK path). */
  afterResponse: (outcome: FrameOutcome, connection: MllpConnection) => void;
  log: Logger;
  metrics: ListenerMetrics;
}

/** A running MLLP server. */
export interface MllpServer {
  port: number;
  stop: (timeoutMs?: number) => Promise<void>;
}

// Frames waiting on one connection before the socket is paused: a sender that pipelines faster
// than the store commits is slowed down instead of buffered without bound.
const MAX_PENDING_FRAMES = 32;
const GRACEFUL_CLOSE_TIMEOUT_MS = 10_000;

/**
 * Starts the MLLP listener: frames on `net`, one message in flight per connection, responses in
 * order. node-hl7-server is not used because it replays its buffer on persistent connections
 * (see docs/architecture.md).
 * @param options - address, limits, the frame handler and logging/metrics
 */
export async function startMllpServer(options: MllpServerOptions): Promise<MllpServer> {
  const { log, metrics } = options;
  const sockets = new Set<net.Socket>();
  const idle = new Map<net.Socket, Promise<void>>();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    metrics.connections.inc();
    const decoder = new MllpDecoder({ maxFrameBytes: options.maxFrameBytes });
    const closing = new AbortController();
    let chain: Promise<void> = Promise.resolve();
    let pending = 0;
    // Whether this peer has spoken MLLP yet: bytes outside frames from a peer that never has are
    // a probe or the wrong protocol, and the connection is closed; from one that has, noise.
    let speaksMllp = false;
    socket.setTimeout(options.idleTimeoutMs);
    socket.setNoDelay(true);
    const connection: MllpConnection = {
      peerAddress: socket.remoteAddress ?? null,
      closed: closing.signal,
      send: (payload) => {
        if (socket.destroyed || !socket.writable) return false;
        socket.write(encodeMllpFrame(payload));
        return true;
      },
    };
    const internalError = (text: string) =>
      Buffer.from(
        buildAck({
          request: null,
          code: 'AR',
          ackControlId: nextAckControlId('ERR'),
          text,
          error: { hl7ErrorCode: '207', severity: 'E' },
        }),
        'utf8',
      );
    const enqueueFrame = (payload: Buffer) => {
      pending += 1;
      if (pending >= MAX_PENDING_FRAMES) socket.pause();
      chain = chain.then(async () => {
        try {
          const outcome = await options.handleFrame(payload, connection);
          if (outcome.response !== null) connection.send(outcome.response);
          options.afterResponse(outcome, connection);
        } catch (error) {
          log.error({ err: error }, 'mllp frame handling failed');
          connection.send(
            internalError('Internal error while handling the message; it was not accepted. Resend later.'),
          );
        } finally {
          pending -= 1;
          if (pending < MAX_PENDING_FRAMES && socket.isPaused()) socket.resume();
        }
      });
      idle.set(socket, chain);
    };
    socket.on('data', (chunk: Buffer) => {
      for (const event of decoder.push(chunk)) {
        switch (event.kind) {
          case 'frame':
            speaksMllp = true;
            enqueueFrame(event.payload);
            break;
          case 'oversize':
            speaksMllp = true;
            log.warn(
              { bytes: event.bytes, limit: options.maxFrameBytes },
              'mllp frame over size limit discarded',
            );
            chain = chain.then(() => {
              connection.send(
                internalError(
                  `Frame larger than ${options.maxFrameBytes} bytes refused; split the message or raise MLLP_MAX_FRAME_BYTES`,
                ),
              );
            });
            break;
          case 'abandoned':
            // The sender started a new frame before ending this one (a retry after a timeout):
            // the fragment is not a message and gets no ACK; the new frame does.
            speaksMllp = true;
            metrics.abandonedFrames.inc();
            log.warn({ bytes: event.bytes.length }, 'unfinished mllp frame abandoned by the sender');
            break;
          case 'garbage':
            if (speaksMllp) {
              metrics.nonMllpBytes.inc({ action: 'ignored' }, event.bytes.length);
              log.debug({ bytes: event.bytes.length }, 'bytes between mllp frames ignored');
              break;
            }
            // Not MLLP (an HTTP probe, TLS to a plain port, a port scanner): nothing to answer.
            metrics.nonMllpBytes.inc({ action: 'closed' }, event.bytes.length);
            log.warn({ bytes: event.bytes.length }, 'non-MLLP bytes from peer; closing connection');
            socket.destroy();
            return;
          default:
            event satisfies never;
        }
      }
    });
    socket.on('timeout', () => {
      log.info('mllp connection idle; closing');
      socket.end();
    });
    socket.on('error', (error) => {
      log.debug({ err: error }, 'mllp socket error');
    });
    socket.on('close', () => {
      closing.abort();
      sockets.delete(socket);
      idle.delete(socket);
      metrics.connections.dec();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  log.info({ port, host: options.host }, 'mllp listener started');

  return {
    port,
    stop: async (timeoutMs = GRACEFUL_CLOSE_TIMEOUT_MS) => {
      const closed = new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      // Let each connection finish the message it is on, then close it.
      const drained = Promise.all(
        [...sockets].map(async (socket) => {
          socket.pause();
          await idle.get(socket);
          socket.end();
        }),
      );
      const timer = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
      await Promise.race([drained, timer]);
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
