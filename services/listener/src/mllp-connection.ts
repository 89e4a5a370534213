/**
 * One sender's MLLP connection on the server side: decodes frames, hands them to the frame
 * handler one at a time and writes each response before the next frame is taken, pauses reading
 * when too much waits, enforces the frame guard, and closes on non-MLLP bytes from a peer that
 * never spoke MLLP.
 */
import type net from 'node:net';
import tls from 'node:tls';
import { normalizeFingerprint, type ClientCertificate } from '@adt/adt';
import { buildAck, encodeMllpFrame, MllpDecoder, type MllpDecoderEvent } from '@adt/hl7';
import type { Logger } from '@adt/logging';
import { nextAckControlId } from './ack-control-id.js';
import { FrameGuard, type FrameGuardViolation } from './frame-guard.js';
import type { ListenerMetrics } from './listener-metrics.js';
import type { FrameOutcome } from './message-intake.js';

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

/** What a connection needs from its server. */
export interface ConnectionSettings {
  maxFrameBytes: number;
  idleTimeoutMs: number;
  frameTimeoutMs: number;
  firstFrameTimeoutMs: number;
  maxBufferedBytes: number;
  handleFrame: FrameHandler;
  afterResponse: (outcome: FrameOutcome, connection: MllpConnection) => void;
  log: Logger;
  metrics: ListenerMetrics;
}

// Frames waiting on one connection before the socket is paused: a sender that pipelines faster
// than the store commits is slowed down instead of buffered without bound.
const MAX_PENDING_FRAMES = 32;

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

function internalError(text: string): Buffer {
  return Buffer.from(
    buildAck({
      request: null,
      code: 'AR',
      ackControlId: nextAckControlId('ERR'),
      text,
      error: { hl7ErrorCode: '207', severity: 'E' },
    }),
    'utf8',
  );
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

/** A server-side MLLP connection (see the file comment). */
export class MllpServerConnection implements MllpConnection {
  readonly peerAddress: string | null;
  readonly certificate: ClientCertificate | null;
  private readonly closing = new AbortController();
  private readonly decoder: MllpDecoder;
  private readonly guard: FrameGuard;
  /** The frames of this connection, handled one after another. */
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;
  // Frames waiting for their turn hold memory too: reading pauses at the byte cap as at the
  // frame count, so a pipelining sender is slowed instead of buffered without bound.
  private queuedBytes = 0;
  // Whether this peer has spoken MLLP yet: bytes outside frames from a peer that never has are
  // a probe or the wrong protocol, and the connection is closed; from one that has, noise.
  private speaksMllp = false;

  /**
   * Takes over a socket the transport admitted.
   * @param socket - the accepted socket
   * @param settings - limits, the frame handler, logging and metrics
   * @param onClose - called once when the socket closes
   */
  constructor(
    private readonly socket: net.Socket,
    private readonly settings: ConnectionSettings,
    onClose: () => void,
  ) {
    this.peerAddress = socket.remoteAddress ?? null;
    this.certificate = clientCertificateOf(socket);
    this.decoder = new MllpDecoder({ maxFrameBytes: settings.maxFrameBytes });
    // The idle timeout alone lets a peer hold a slot (and a buffer) for as long as it likes: one
    // that never finishes a frame, drips a byte before each timeout, or restarts its frame.
    this.guard = new FrameGuard({
      firstFrameTimeoutMs: settings.firstFrameTimeoutMs,
      frameTimeoutMs: settings.frameTimeoutMs,
      maxBufferedBytes: settings.maxBufferedBytes,
      isPaused: () => socket.isPaused(),
      onViolation: (violation, bytes) => {
        this.onViolation(violation, bytes);
      },
    });
    socket.setTimeout(settings.idleTimeoutMs);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.onData(chunk);
    });
    socket.on('timeout', () => {
      settings.log.info('mllp connection idle; closing');
      socket.end();
    });
    socket.on('error', (error) => {
      settings.log.debug({ err: error }, 'mllp socket error');
    });
    socket.on('close', () => {
      this.guard.stop();
      this.closing.abort();
      onClose();
    });
  }

  get closed(): AbortSignal {
    return this.closing.signal;
  }

  /** Writes one frame; false when the connection is gone. A property: callers keep it unbound. */
  readonly send = (payload: Buffer): boolean => {
    if (this.socket.destroyed || !this.socket.writable) return false;
    this.socket.write(encodeMllpFrame(payload));
    return true;
  };

  /** Stops reading, lets the message in hand finish, then ends the connection. */
  async drain(): Promise<void> {
    this.socket.pause();
    await this.chain;
    this.socket.end();
  }

  /** Closes the connection at once. */
  destroy(): void {
    this.socket.destroy();
  }

  private mustPause(): boolean {
    return this.pending >= MAX_PENDING_FRAMES || this.queuedBytes >= this.settings.maxBufferedBytes;
  }

  private onData(chunk: Buffer): void {
    for (const event of this.decoder.push(chunk)) {
      if (!this.onEvent(event)) return;
    }
    this.guard.afterChunk(this.decoder);
  }

  /** Handles one decoder event; false when the connection was closed. */
  private onEvent(event: MllpDecoderEvent): boolean {
    const { log, metrics } = this.settings;
    switch (event.kind) {
      case 'frame':
        this.speaksMllp = true;
        this.guard.frameCompleted();
        this.enqueueFrame(event.payload);
        return true;
      case 'oversize':
        this.speaksMllp = true;
        this.guard.frameCompleted(false);
        log.warn(
          { bytes: event.bytes, limit: this.settings.maxFrameBytes },
          'mllp frame over size limit discarded',
        );
        this.chain = this.chain.then(() => {
          this.send(
            internalError(
              `Frame larger than ${this.settings.maxFrameBytes} bytes refused; split the message or raise MLLP_MAX_FRAME_BYTES`,
            ),
          );
        });
        return true;
      case 'abandoned':
        // The sender started a new frame before ending this one (a retry after a timeout):
        // the fragment is not a message and gets no ACK; the new frame does.
        this.speaksMllp = true;
        this.guard.frameAbandoned(event.bytes.length);
        metrics.abandonedFrames.inc();
        log.warn({ bytes: event.bytes.length }, 'unfinished mllp frame abandoned by the sender');
        return true;
      case 'garbage':
        if (this.speaksMllp) {
          metrics.nonMllpBytes.inc({ action: 'ignored' }, event.bytes.length);
          log.debug({ bytes: event.bytes.length }, 'bytes between mllp frames ignored');
          return true;
        }
        // Not MLLP (an HTTP probe, TLS to a plain port, a port scanner): nothing to answer.
        metrics.nonMllpBytes.inc({ action: 'closed' }, event.bytes.length);
        log.warn(
          { bytes: event.bytes.length, looksLike: probeKind(event.bytes), peerAddress: this.peerAddress },
          'non-MLLP bytes from peer; closing connection',
        );
        this.guard.stop();
        this.socket.destroy();
        return false;
      default:
        event satisfies never;
        return true;
    }
  }

  private enqueueFrame(payload: Buffer): void {
    this.pending += 1;
    this.queuedBytes += payload.length;
    if (this.mustPause()) this.socket.pause();
    this.chain = this.chain.then(async () => {
      try {
        const outcome = await this.settings.handleFrame(payload, this);
        if (outcome.response !== null) this.send(outcome.response);
        this.settings.afterResponse(outcome, this);
      } catch (error) {
        this.settings.log.error({ err: error }, 'mllp frame handling failed');
        this.send(
          internalError('Internal error while handling the message; it was not accepted. Resend later.'),
        );
      } finally {
        this.pending -= 1;
        this.queuedBytes -= payload.length;
        if (!this.mustPause() && this.socket.isPaused()) this.socket.resume();
      }
    });
  }

  private onViolation(violation: FrameGuardViolation, bytes: number): void {
    const { metrics, log } = this.settings;
    if (violation === 'frame_timeout') metrics.frameTimeouts.inc();
    else metrics.closedConnections.inc({ reason: violation });
    const limit =
      violation === 'buffer_limit'
        ? { limitBytes: this.settings.maxBufferedBytes }
        : {
            limitMs:
              violation === 'frame_timeout'
                ? this.settings.frameTimeoutMs
                : this.settings.firstFrameTimeoutMs,
          };
    log.warn({ peerAddress: this.peerAddress, bytes, ...limit }, VIOLATION_LOG[violation]);
    this.socket.destroy();
  }
}
