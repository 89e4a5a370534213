import type net from 'node:net';
import tls from 'node:tls';
import { normalizeFingerprint, type ClientCertificate } from '@adt/adt';
import type { MllpTlsSettings } from '@adt/config';
import { encodeMllpFrame, MllpDecoder, buildAck } from '@adt/hl7';
import type { Logger } from '@adt/logging';
import { nextAckControlId } from './ack-control-id.js';
import type { FrameOutcome } from './message-intake.js';
import type { ListenerMetrics } from './listener-metrics.js';
import { FrameGuard, type FrameGuardViolation } from './frame-guard.js';
import { createMllpTransport } from './mllp-transport.js';
import type { PeerAdmissionOptions } from './peer-admission.js';

/** One sender's connection, as the frame handler and later acknowledgments see it. */
export interface MllpConnection {
  peerAddress: string | null;
  /** The TLS client certificate the peer presented at the handshake; null without one or without TLS. */
  certificate: ClientCertificate | null;
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
  /** A frame must end this long after its first byte (new start blocks do not restart the clock). */
  frameTimeoutMs: number;
  /** A connection must complete its first frame this long after it opens (or its TLS handshake starts). */
  firstFrameTimeoutMs: number;
  /** Bytes a connection may hold in unfinished frames, and in frames waiting for their turn. */
  maxBufferedBytes: number;
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

const VIOLATION_LOG: Readonly<Record<FrameGuardViolation, string>> = {
  first_frame_timeout: 'mllp connection sent no complete frame in time; closing connection',
  frame_timeout: 'mllp frame not completed in time; closing connection',
  buffer_limit: 'mllp connection holds too many bytes in unfinished frames; closing connection',
};

/** What the first bytes of a non-MLLP peer look like, for the log (never the bytes themselves). */
function probeKind(bytes: Buffer): 'tls' | 'http' | 'other' {
  // A TLS record starts with content type 22 (handshake) and major version 3.
  if (bytes[0] === 0x16 && bytes[1] === 0x03) return 'tls';
  if (/^(GET|POST|HEAD|PUT|OPTIONS|CONNECT|PRI) /.test(bytes.subarray(0, 8).toString('latin1')))
    return 'http';
  return 'other';
}

/**
 * The verified client certificate of a TLS connection, read once after the handshake (it cannot
 * change on the connection): its subject CN and SHA-256 fingerprint.
 */
function clientCertificateOf(socket: net.Socket): ClientCertificate | null {
  // Only a certificate that chains to MLLP_TLS_CA_FILE counts: without mutual TLS required, a peer
  // may present a self-signed one with any subject, which must not match a binding by CN.
  if (!(socket instanceof tls.TLSSocket) || !socket.authorized) return null;
  // An empty object when the peer sent no certificate.
  const peer: Partial<tls.PeerCertificate> = socket.getPeerCertificate();
  const fingerprint = normalizeFingerprint(peer.fingerprint256 ?? '');
  if (fingerprint === null) return null;
  const cn: unknown = (peer.subject as Record<string, unknown> | undefined)?.CN;
  return { subject: typeof cn === 'string' ? cn : null, fingerprint };
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
    // Frames waiting for their turn hold memory too: reading pauses at the byte cap as at the
    // frame count, so a pipelining sender is slowed instead of buffered without bound.
    let queuedBytes = 0;
    const mustPause = () => pending >= MAX_PENDING_FRAMES || queuedBytes >= options.maxBufferedBytes;
    // The idle timeout alone lets a peer hold a slot (and a buffer) for as long as it likes: one
    // that never finishes a frame, drips a byte before each timeout, or restarts its frame.
    const guard = new FrameGuard({
      firstFrameTimeoutMs: options.firstFrameTimeoutMs,
      frameTimeoutMs: options.frameTimeoutMs,
      maxBufferedBytes: options.maxBufferedBytes,
      isPaused: () => socket.isPaused(),
      onViolation: (violation, bytes) => {
        if (violation === 'frame_timeout') metrics.frameTimeouts.inc();
        else metrics.closedConnections.inc({ reason: violation });
        const limit =
          violation === 'buffer_limit'
            ? { limitBytes: options.maxBufferedBytes }
            : {
                limitMs: violation === 'frame_timeout' ? options.frameTimeoutMs : options.firstFrameTimeoutMs,
              };
        log.warn({ peerAddress: connection.peerAddress, bytes, ...limit }, VIOLATION_LOG[violation]);
        socket.destroy();
      },
    });
    socket.setTimeout(options.idleTimeoutMs);
    socket.setNoDelay(true);
    const connection: MllpConnection = {
      peerAddress: socket.remoteAddress ?? null,
      certificate: clientCertificateOf(socket),
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
      queuedBytes += payload.length;
      if (mustPause()) socket.pause();
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
          queuedBytes -= payload.length;
          if (!mustPause() && socket.isPaused()) socket.resume();
        }
      });
      idle.set(socket, chain);
    };
    socket.on('data', (chunk: Buffer) => {
      for (const event of decoder.push(chunk)) {
        switch (event.kind) {
          case 'frame':
            speaksMllp = true;
            guard.frameCompleted();
            enqueueFrame(event.payload);
            break;
          case 'oversize':
            speaksMllp = true;
            guard.frameCompleted(false);
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
            guard.frameAbandoned(event.bytes.length);
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
            guard.stop();
            socket.destroy();
            return;
          default:
            event satisfies never;
        }
      }
      guard.afterChunk(decoder);
    });
    socket.on('timeout', () => {
      log.info('mllp connection idle; closing');
      socket.end();
    });
    socket.on('error', (error) => {
      log.debug({ err: error }, 'mllp socket error');
    });
    socket.on('close', () => {
      guard.stop();
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
    handshakeTimeoutMs: options.firstFrameTimeoutMs,
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
