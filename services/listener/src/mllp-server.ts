import type net from 'node:net';
import type { MllpTlsSettings } from '@adt/config';
import type { Logger } from '@adt/logging';
import type { FrameOutcome } from './message-intake.js';
import type { ListenerMetrics } from './listener-metrics.js';
import { MllpServerConnection, type FrameHandler, type MllpConnection } from './mllp-connection.js';
import { createMllpTransport } from './mllp-transport.js';
import type { PeerAdmissionOptions } from './peer-admission.js';

export type { FrameHandler, MllpConnection } from './mllp-connection.js';

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

const GRACEFUL_CLOSE_TIMEOUT_MS = 10_000;
const TLS_WATCH_INTERVAL_MS = 10_000;

/**
 * Starts the MLLP listener: frames on `net`, one message in flight per connection, responses in
 * order. node-hl7-server is not used because it replays its buffer on persistent connections
 * (see docs/architecture.md).
 * @param options - address, limits, the frame handler and logging/metrics
 */
export async function startMllpServer(options: MllpServerOptions): Promise<MllpServer> {
  const { log, metrics } = options;
  const connections = new Set<MllpServerConnection>();
  const onConnection = (socket: net.Socket) => {
    metrics.connections.inc();
    const connection = new MllpServerConnection(socket, options, () => {
      connections.delete(connection);
      metrics.connections.dec();
    });
    connections.add(connection);
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
      const drained = Promise.all([...connections].map((connection) => connection.drain()));
      const timer = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
      await Promise.race([drained, timer]);
      for (const connection of connections) connection.destroy();
      await closed;
    },
  };
}
