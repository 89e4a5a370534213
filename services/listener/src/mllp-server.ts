import net from 'node:net';
import { encodeMllpFrame, MllpDecoder, buildAck } from '@adt/hl7';
import type { Logger } from '@adt/logging';
import type { FrameOutcome } from './message-intake.js';
import type { ListenerMetrics } from './listener-metrics.js';

/** Handles one frame; the server writes the response before taking the next frame. */
export type FrameHandler = (payload: Buffer, peerAddress: string | null) => Promise<FrameOutcome>;

/** Options for {@link startMllpServer}. */
export interface MllpServerOptions {
  host: string;
  port: number;
  maxFrameBytes: number;
  idleTimeoutMs: number;
  handleFrame: FrameHandler;
  /** Called after a response is written, with the messages to enqueue (kept off the ACK path). */
  afterResponse: (toEnqueue: string[]) => void;
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
    const peerAddress = socket.remoteAddress ?? null;
    const decoder = new MllpDecoder({ maxFrameBytes: options.maxFrameBytes });
    let chain: Promise<void> = Promise.resolve();
    let pending = 0;
    socket.setTimeout(options.idleTimeoutMs);
    socket.setNoDelay(true);

    const respond = (text: string) => {
      if (!socket.destroyed) socket.write(encodeMllpFrame(text));
    };

    const enqueueFrame = (payload: Buffer) => {
      pending += 1;
      if (pending >= MAX_PENDING_FRAMES) socket.pause();
      chain = chain.then(async () => {
        try {
          const outcome = await options.handleFrame(payload, peerAddress);
          if (outcome.response !== null) respond(outcome.response);
          if (outcome.toEnqueue.length > 0) options.afterResponse(outcome.toEnqueue);
        } catch (error) {
          log.error({ err: error }, 'mllp frame handling failed');
          respond(
            buildAck({
              request: null,
              code: 'AR',
              ackControlId: `ERR${Date.now()}`,
              text: 'Internal error while handling the message; it was not accepted. Resend later.',
              error: { hl7ErrorCode: '207', severity: 'E' },
            }),
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
            enqueueFrame(event.payload);
            break;
          case 'oversize':
            log.warn(
              { bytes: event.bytes, limit: options.maxFrameBytes },
              'mllp frame over size limit discarded',
            );
            chain = chain.then(() => {
              respond(
                buildAck({
                  request: null,
                  code: 'AR',
                  ackControlId: `ERR${Date.now()}`,
                  text: `Frame larger than ${options.maxFrameBytes} bytes refused; split the message or raise MLLP_MAX_FRAME_BYTES`,
                  error: { hl7ErrorCode: '207', severity: 'E' },
                }),
              );
            });
            break;
          case 'garbage':
            // Not MLLP (an HTTP probe, TLS to a plain port, a port scanner): nothing to answer.
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
