import net from 'node:net';
import tls from 'node:tls';
import type { MllpTlsSettings } from '@adt/config';
import type { Logger } from '@adt/logging';
import type { ListenerMetrics } from './listener-metrics.js';
import { normalizePeerAddress, PeerAdmission, type PeerAdmissionOptions } from './peer-admission.js';
import { readTlsOptions, watchTlsFiles } from './tls-context.js';

/** Options for {@link createMllpTransport}. */
export interface MllpTransportOptions {
  admission: PeerAdmissionOptions;
  /** TLS (and mutual TLS) settings; null: plain TCP. */
  tls: MllpTlsSettings | null;
  /** How often the TLS files are checked for renewal. */
  tlsWatchIntervalMs: number;
  /** A TLS handshake not done in this time closes the connection (a silent peer holds no slot). */
  handshakeTimeoutMs: number;
  /** Gets every admitted connection, after the TLS handshake when TLS is on. */
  onConnection: (socket: net.Socket) => void;
  log: Logger;
  metrics: ListenerMetrics;
}

/** The listening side of the MLLP port: TCP or TLS, with admission checks. */
export interface MllpTransport {
  server: net.Server;
  /** Re-reads the TLS files; false (old certificate kept) when they cannot be used. No-op without TLS. */
  reloadTls: () => boolean;
  /** Stops watching the TLS files. */
  close: () => void;
}

/**
 * Builds the MLLP port's server. Admission (allow-list, connection limits) runs on the raw TCP
 * connection, before any byte is read and before a TLS handshake costs CPU.
 * @param options - admission limits, TLS settings and the connection handler
 */
export function createMllpTransport(options: MllpTransportOptions): MllpTransport {
  const { log, metrics, tls: tlsSettings } = options;
  const admission = new PeerAdmission(options.admission);
  let server: net.Server;
  let reloadTls = () => true;
  let close: () => void = () => undefined;

  if (tlsSettings === null) {
    server = net.createServer();
  } else {
    const tlsServer = tls.createServer({
      ...readTlsOptions(tlsSettings),
      handshakeTimeout: options.handshakeTimeoutMs,
    });
    tlsServer.on('secureConnection', options.onConnection);
    tlsServer.on('tlsClientError', (error, socket) => {
      // Plain MLLP to the TLS port, an untrusted or missing client certificate, a scanner, a peer
      // that never starts the handshake: nothing is read from it. With a listener on this event
      // Node leaves closing the socket to it (a handshake timeout would otherwise keep the slot).
      socket.destroy();
      metrics.refusedConnections.inc({ reason: 'tls_handshake_failed' });
      log.warn(
        { err: { message: error.message }, peerAddress: normalizePeerAddress(socket.remoteAddress) },
        'mllp tls handshake failed; connection closed',
      );
    });
    reloadTls = () => {
      try {
        tlsServer.setSecureContext(readTlsOptions(tlsSettings));
        metrics.tlsReloads.inc({ outcome: 'loaded' });
        log.info('mllp tls certificate reloaded');
        return true;
      } catch (error) {
        // Half-written files during a renewal land here; the next change event retries.
        metrics.tlsReloads.inc({ outcome: 'failed' });
        log.error({ err: error }, 'mllp tls certificate reload failed; keeping the previous one');
        return false;
      }
    };
    close = watchTlsFiles(tlsSettings, options.tlsWatchIntervalMs, reloadTls);
    server = tlsServer;
  }

  server.on('connection', (socket: net.Socket) => {
    const peerAddress = normalizePeerAddress(socket.remoteAddress);
    const refusal = admission.admit(peerAddress);
    if (refusal !== null) {
      metrics.refusedConnections.inc({ reason: refusal });
      log.warn({ peerAddress, reason: refusal }, 'mllp connection refused');
      socket.destroy();
      return;
    }
    socket.once('close', () => {
      admission.release(peerAddress);
    });
    if (tlsSettings === null) options.onConnection(socket);
  });

  return {
    server,
    reloadTls: () => reloadTls(),
    close: () => {
      close();
    },
  };
}
