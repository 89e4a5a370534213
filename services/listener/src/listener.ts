import { createPool, isDatabaseReachable, migrateDatabase } from '@adt/db';
import type { Logger } from '@adt/logging';
import { startProcessAlerts } from '@adt/alerting';
import { createMetricsRegistry, createOpsServer, registerPoolMetrics } from '@adt/observability';
import {
  createAdtEventsQueue,
  createProducerConnection,
  enqueueMessages,
  isRedisReachable,
  requeueMessages,
} from '@adt/queue';
import { ApplicationAckWatcher } from './application-ack.js';
import { startEnqueueSweep } from './enqueue-sweep.js';
import { startFileDrop, type FileDrop } from './file-drop.js';
import { startSftpPull, type SftpPull } from './sftp-pull.js';
import type { ListenerConfig } from './listener-config.js';
import { startFacilityDirectory } from './facility-directory.js';
import { createListenerMetrics } from './listener-metrics.js';
import { MessageIntake } from './message-intake.js';
import { startMllpServer } from './mllp-server.js';
import { TurnBatcher } from './turn-batcher.js';

const ENQUEUE_DELAY_MS = 5;

/** A running listener: its ports and how to stop it. */
export interface RunningListener {
  mllpPort: number;
  httpPort: number;
  /** Runs the enqueue sweep now (tests and operators). */
  sweep: () => Promise<number>;
  /** Reads the file-drop directory now (tests and operators); 0 when no file drop is configured. */
  readDroppedFiles: () => Promise<number>;
  /** Pulls the files waiting on the SFTP server into the drop directory now; 0 when not configured. */
  pullSftpFiles: () => Promise<number>;
  /** Evaluates the alert conditions and sends due notifications now (tests and operators). */
  evaluateAlerts: () => Promise<void>;
  /** Re-reads the MLLP TLS certificate files now (SIGHUP); false when they cannot be used. */
  reloadTls: () => boolean;
  /** Re-reads the per-facility settings now instead of at the next refresh (tests and operators). */
  refreshFacilitySettings: () => Promise<void>;
  stop: () => Promise<void>;
}

/** Tuning that is not (yet) configuration: tests shorten the application ACK waits. */
export interface ListenerOptions {
  /** How often pending application ACKs (MSH-16) are checked; 100 ms by default. */
  applicationAckPollMs?: number;
  /** How long an application ACK waits for the worker; 5 minutes by default. */
  applicationAckTimeoutMs?: number;
  /** How often the MLLP TLS files are checked for renewal; 10 s by default. */
  tlsWatchIntervalMs?: number;
}

/**
 * Starts the listener: migrations (unless disabled), the MLLP server, the enqueue sweep, the alert
 * evaluator and the ops HTTP server.
 * @param config - validated configuration
 * @param log - the service logger
 * @param options - optional tuning
 */
export async function startListener(
  config: ListenerConfig,
  log: Logger,
  options: ListenerOptions = {},
): Promise<RunningListener> {
  if (config.migrateOnStart) await migrateDatabase(config.migrationDatabaseUrl ?? config.databaseUrl);
  const pool = createPool({
    connectionString: config.databaseUrl,
    max: config.databasePoolMax,
    applicationName: 'adt-listener',
  });
  const redis = createProducerConnection(config.redis);
  const queue = createAdtEventsQueue({ connection: redis, prefix: config.queuePrefix });
  const registry = createMetricsRegistry('listener');
  const metrics = createListenerMetrics(registry, config.mllp.allowedFacilities);
  registerPoolMetrics(registry, pool);
  // Ids of the frames answered within 5 ms go to Redis in one addBulk: on one connection a Redis
  // write per message cost as much CPU as its commit. A failure is logged once per batch and never
  // reaches a sender: the messages are committed and acknowledged, and the sweep enqueues them later.
  const enqueue = new TurnBatcher<readonly string[], void>(
    async (frames) => {
      const ids = frames.flat();
      try {
        await enqueueMessages(queue, ids, { attempts: config.worker.maxAttempts });
      } catch (error) {
        metrics.enqueueFailures.inc(ids.length);
        log.warn({ err: error, messageIds: ids }, 'enqueue failed; the sweep will retry');
      }
      return frames.map(() => undefined);
    },
    { maxBatch: 256, maxInFlight: 2, delayMs: ENQUEUE_DELAY_MS },
  );

  const facilities = await startFacilityDirectory({
    pool,
    intervalMs: config.facilitySettingsRefreshMs,
    log,
  });
  const intake = new MessageIntake({
    pool,
    policy: {
      processingIds: config.mllp.processingIds,
      allowedFacilities: config.mllp.allowedFacilities,
      facilities,
    },
    log,
    metrics,
  });
  const applicationAcks = new ApplicationAckWatcher({
    pool,
    log,
    metrics,
    ...(options.applicationAckPollMs === undefined ? {} : { pollIntervalMs: options.applicationAckPollMs }),
    ...(options.applicationAckTimeoutMs === undefined ? {} : { timeoutMs: options.applicationAckTimeoutMs }),
  });
  const mllp = await startMllpServer({
    host: config.mllp.host,
    port: config.mllp.port,
    maxFrameBytes: config.mllp.maxFrameBytes,
    idleTimeoutMs: config.mllp.idleTimeoutMs,
    frameTimeoutMs: config.mllp.frameTimeoutMs,
    firstFrameTimeoutMs: config.mllp.firstFrameTimeoutMs,
    maxBufferedBytes: config.mllp.maxBufferedBytes,
    admission: {
      allowedAddresses: config.mllp.allowedAddresses,
      maxConnections: config.mllp.maxConnections,
      maxConnectionsPerAddress: config.mllp.maxConnectionsPerAddress,
    },
    tls: config.mllp.tls,
    ...(options.tlsWatchIntervalMs === undefined ? {} : { tlsWatchIntervalMs: options.tlsWatchIntervalMs }),
    handleFrame: (payload, connection) => intake.handleFrame(payload, connection),
    afterResponse: (outcome, connection) => {
      for (const request of outcome.applicationAcks) applicationAcks.watch(request, connection);
      if (outcome.toEnqueue.length > 0) void enqueue.submit(outcome.toEnqueue);
    },
    log,
    metrics,
  });
  // Files dropped into a directory go through the same intake as frames, one file as one frame;
  // files on an SFTP server are first pulled into that directory.
  const { dir: fileDropDir, sftp } = config.fileDrop;
  const pulledNames = new Set<string>();
  const fileDrop: FileDrop | null =
    fileDropDir === null
      ? null
      : await startFileDrop({
          dir: fileDropDir,
          pollIntervalMs: config.fileDrop.pollIntervalMs,
          stableMs: config.fileDrop.stableMs,
          maxBytes: config.fileDrop.maxBytes,
          pool,
          handleFrame: (payload, peerAddress) =>
            intake.handleFrame(payload, { peerAddress, certificate: null }),
          enqueue: (ids) => void enqueue.submit(ids),
          pulledNames,
          log,
          registry,
        });
  const sftpPull: SftpPull | null =
    fileDropDir === null || sftp === null
      ? null
      : startSftpPull({
          settings: sftp,
          dir: fileDropDir,
          stableMs: config.fileDrop.stableMs,
          maxBytes: config.fileDrop.maxBytes,
          pulledNames,
          log,
          registry,
        });
  const sweep = startEnqueueSweep({
    pool,
    // A message still unprocessed after the grace period may have a finished job of the same id in
    // Redis (a job that failed for good while the message stayed "received", or one left by an
    // earlier database on the same queue prefix): plain adds would be no-ops, so finished jobs are
    // removed first.
    enqueue: (ids) => requeueMessages(queue, ids, { attempts: config.worker.maxAttempts }),
    intervalMs: config.listener.sweepIntervalMs,
    graceMs: config.listener.sweepGraceMs,
    log,
    onSwept: (count) => {
      metrics.swept.inc(count);
    },
  });
  const alerts = startProcessAlerts({ config, pool, redis, queue, log, registry });
  const ops = createOpsServer({
    registry,
    checks: [
      { name: 'postgres', check: () => isDatabaseReachable(pool) },
      { name: 'redis', check: () => isRedisReachable(redis) },
    ],
  });
  await ops.listen({ port: config.listener.httpPort, host: config.ops.host });
  const address = ops.server.address();
  const httpPort = typeof address === 'object' && address ? address.port : config.listener.httpPort;

  return {
    mllpPort: mllp.port,
    httpPort,
    sweep: sweep.runOnce,
    readDroppedFiles: async () => (fileDrop ? fileDrop.runOnce() : 0),
    pullSftpFiles: async () => (sftpPull ? sftpPull.runOnce() : 0),
    evaluateAlerts: async () => {
      await alerts.runOnce();
    },
    reloadTls: mllp.reloadTls,
    refreshFacilitySettings: facilities.refresh,
    stop: async () => {
      await mllp.stop();
      await sftpPull?.stop();
      await fileDrop?.stop();
      await intake.drained();
      await enqueue.idle();
      await applicationAcks.stop();
      await sweep.stop();
      await alerts.stop();
      await facilities.stop();
      await ops.close();
      await queue.close();
      redis.disconnect();
      await pool.end();
    },
  };
}
