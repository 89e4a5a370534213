import type net from 'node:net';
import type { MllpTlsSettings } from '@adt/config';
import { encodeMllpFrame, MllpDecoder, buildAck } from '@adt/hl7';
import type { Logger } from '@adt/logging';
import { nextAckControlId } from './ack-control-id.js';
import type { FrameOutcome } from './message-intake.js';
import type { ListenerMetrics } from './listener-metrics.js';
import { createMllpTransport } from './mllp-transport.js';
import type { PeerAdmissionOptions } from './peer-admission.js';

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
  /** A frame must end this long after its first bytes arrive, else the connection is closed. */
  frameTimeoutMs: number;
  /** Allow-list and connection limits checked at connect. */
  admission: PeerAdmissionOptions;
  /** TLS (and mutual TLS) on the port; null: plain TCP. */
  tls: MllpTlsSettings | null;
  /** How often the TLS files are checked for renewal; 10 s by default. */
  tlsWatchIntervalMs?: number;
  handleFrame: FrameHandler;
  /** Called after a response is written: enqueue, wait for application ACKs (kept off the ACK path). */
  afterResponse: (outcome: FrameOutcome, connection: MllpConnection) => void;
  log: Logger;
  metrics: ListenerMetrics;
}

/** A running MLLP server. */
export interface MllpServer {
  port: number;
  /** Re-reads the TLS certificate files (SIGHUP); false when they cannot be used. */
  reloadTls: () => boolean;
  stop: (timeoutMs?: number) => Promise<void>;
}

// Frames waiting on one connection before the socket is paused: a sender that pipelines faster
// than the store commits is slowed down instead of buffered without bound.
const MAX_PENDING_FRAMES = 32;
const GRACEFUL_CLOSE_TIMEOUT_MS = 10_000;
const TLS_WATCH_INTERVAL_MS = 10_000;

/** What the first bytes of a non-MLLP peer look like, for the log (never the bytes themselves). */
function probeKind(bytes: Buffer): 'tls' | 'http' | 'other' {
  // A TLS record starts with content type 22 (handshake) and major version 3.
  if (bytes[0] === 0x16 && bytes[1] === 0x03) return 'tls';
  if (/^(GET|POST|HEAD|PUT|OPTIONS|CONNECT|PRI) /.test(bytes.subarray(0, 8).toString('latin1')))
    return 'http';
  return 'other';
}

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

  const onConnection = (socket: net.Socket) => {
    sockets.add(socket);
    metrics.connections.inc();
    const decoder = new MllpDecoder({ maxFrameBytes: options.maxFrameBytes });
    const closing = new AbortController();
    let chain: Promise<void> = Promise.resolve();
    let pending = 0;
    // Whether this peer has spoken MLLP yet: bytes outside frames from a peer that never has are
    // a probe or the wrong protocol, and the connection is closed; from one that has, noise.
    let speaksMllp = false;
    // The frame deadline: the idle timeout alone lets a sender hold a connection (and a buffer)
    // forever by dripping one byte just before each timeout.
    let frameTimer: NodeJS.Timeout | null = null;
    const stopFrameClock = () => {
      if (frameTimer !== null) clearTimeout(frameTimer);
      frameTimer = null;
    };
    const startFrameClock = () => {
      stopFrameClock();
      frameTimer = setTimeout(() => {
        frameTimer = null;
        // Paused by back-pressure: the frame is unfinished because the listener stopped reading.
        if (socket.isPaused()) {
          startFrameClock();
          return;
        }
        metrics.frameTimeouts.inc();
        log.warn(
          {
            peerAddress: connection.peerAddress,
            bytes: decoder.bufferedBytes,
            limitMs: options.frameTimeoutMs,
          },
          'mllp frame not completed in time; closing connection',
        );
        socket.destroy();
      }, options.frameTimeoutMs);
      frameTimer.unref();
    };
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
      // A frame that ends in this chunk stops the clock; one still open after it starts (or keeps) it.
      let frameEnded = false;
      for (const event of decoder.push(chunk)) {
        if (event.kind !== 'garbage') frameEnded = true;
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
            log.warn(
              {
                bytes: event.bytes.length,
                looksLike: probeKind(event.bytes),
                peerAddress: connection.peerAddress,
              },
              'non-MLLP bytes from peer; closing connection',
            );
            stopFrameClock();
            socket.destroy();
            return;
          default:
            event satisfies never;
        }
      }
      if (decoder.bufferedBytes === 0) stopFrameClock();
      else if (frameTimer === null || frameEnded) startFrameClock();
    });
    socket.on('timeout', () => {
      log.info('mllp connection idle; closing');
      socket.end();
    });
    socket.on('error', (error) => {
      log.debug({ err: error }, 'mllp socket error');
    });
    socket.on('close', () => {
      stopFrameClock();
      closing.abort();
      sockets.delete(socket);
      idle.delete(socket);
      metrics.connections.dec();
    });
  };
  const transport = createMllpTransport({
    admission: options.admission,
    tls: options.tls,
    tlsWatchIntervalMs: options.tlsWatchIntervalMs ?? TLS_WATCH_INTERVAL_MS,
    onConnection,
    log,
    metrics,
  });
  const { server } = transport;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  log.info({ port, host: options.host, tls: options.tls !== null }, 'mllp listener started');

  return {
    port,
    reloadTls: transport.reloadTls,
    stop: async (timeoutMs = GRACEFUL_CLOSE_TIMEOUT_MS) => {
      transport.close();
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
