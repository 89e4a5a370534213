import { Counter, FacilityLabels, Gauge, type Registry } from '@adt/observability';

/** Counters and gauges the listener moves as messages arrive. */
export interface ListenerMetrics {
  /** Turns MSH-4 into a `facility` label: known facilities only, the rest `other`. */
  facilities: FacilityLabels;
  received: Counter<'facility'>;
  stored: Counter<'facility'>;
  duplicates: Counter<'facility'>;
  rejected: Counter<'code' | 'facility'>;
  acked: Counter<'code' | 'facility'>;
  parseFailures: Counter;
  storeFailures: Counter;
  enqueueFailures: Counter;
  swept: Counter;
  applicationAcks: Counter<'code'>;
  applicationAcksDropped: Counter<'reason'>;
  nonMllpBytes: Counter<'action'>;
  abandonedFrames: Counter;
  /** Connections closed at connect or handshake: allow-list, limits, failed TLS. */
  refusedConnections: Counter<'reason'>;
  /** Connections closed because a frame did not end within the frame deadline (slow senders). */
  frameTimeouts: Counter;
  /** Admitted connections closed for holding a slot without finishing frames: first frame late, buffer cap. */
  closedConnections: Counter<'reason'>;
  /** TLS certificate reloads by outcome. */
  tlsReloads: Counter<'outcome'>;
  connections: Gauge;
  /** Receipt time of each known facility's newest accepted message (Unix seconds): a silent feed stops moving it. */
  lastMessageAt: Gauge<'facility'>;
}

/**
 * Registers the listener's metrics on a registry.
 * @param registry - the service's registry
 * @param allowedFacilities - `MLLP_ALLOWED_FACILITIES`: the facility labels when set; when empty,
 *   facilities become labels once a message of theirs is accepted
 */
export function createListenerMetrics(
  registry: Registry,
  allowedFacilities: ReadonlySet<string> = new Set(),
): ListenerMetrics {
  const registers = [registry];
  return {
    facilities: new FacilityLabels({ allowed: allowedFacilities }),
    received: new Counter({
      name: 'adt_messages_received_total',
      help: 'HL7 messages whose MSH could be read',
      labelNames: ['facility'],
      registers,
    }),
    stored: new Counter({
      name: 'adt_messages_stored_total',
      help: 'Messages committed to Postgres',
      labelNames: ['facility'],
      registers,
    }),
    duplicates: new Counter({
      name: 'adt_messages_duplicate_total',
      help: 'Retransmissions answered without reprocessing',
      labelNames: ['facility'],
      registers,
    }),
    rejected: new Counter({
      name: 'adt_messages_rejected_total',
      help: 'Messages answered with a negative ACK',
      labelNames: ['code', 'facility'],
      registers,
    }),
    acked: new Counter({
      name: 'adt_messages_acked_total',
      help: 'ACKs sent by code',
      labelNames: ['code', 'facility'],
      registers,
    }),
    parseFailures: new Counter({
      name: 'adt_parse_failures_total',
      help: 'Frames whose MSH could not be read',
      registers,
    }),
    storeFailures: new Counter({
      name: 'adt_store_failures_total',
      help: 'Inserts that failed (store unavailable)',
      registers,
    }),
    enqueueFailures: new Counter({
      name: 'adt_enqueue_failures_total',
      help: 'Stored messages not enqueued at once (the sweep retries)',
      registers,
    }),
    swept: new Counter({
      name: 'adt_sweep_enqueued_total',
      help: 'Stored, unprocessed messages re-enqueued by the sweep',
      registers,
    }),
    applicationAcks: new Counter({
      name: 'adt_application_acks_total',
      help: 'Enhanced-mode application ACKs sent after processing, by code',
      labelNames: ['code'],
      registers,
    }),
    applicationAcksDropped: new Counter({
      name: 'adt_application_acks_dropped_total',
      help: 'Application ACKs not sent: connection closed, timeout or shutdown',
      labelNames: ['reason'],
      registers,
    }),
    nonMllpBytes: new Counter({
      name: 'adt_mllp_non_frame_bytes_total',
      help: 'Bytes received outside MLLP frames: closed (first bytes of a connection) or ignored',
      labelNames: ['action'],
      registers,
    }),
    abandonedFrames: new Counter({
      name: 'adt_mllp_abandoned_frames_total',
      help: 'Unfinished frames dropped because the sender started a new one',
      registers,
    }),
    refusedConnections: new Counter({
      name: 'adt_mllp_connections_refused_total',
      help: 'MLLP connections closed at connect or TLS handshake, by reason',
      labelNames: ['reason'],
      registers,
    }),
    frameTimeouts: new Counter({
      name: 'adt_mllp_frame_timeouts_total',
      help: 'MLLP connections closed because a frame did not end within MLLP_FRAME_TIMEOUT_MS',
      registers,
    }),
    closedConnections: new Counter({
      name: 'adt_mllp_connections_closed_total',
      help: 'MLLP connections closed by the listener, by reason: first_frame_timeout (no complete frame within MLLP_FIRST_FRAME_TIMEOUT_MS), buffer_limit (unfinished frames over MLLP_MAX_BUFFERED_BYTES)',
      labelNames: ['reason'],
      registers,
    }),
    tlsReloads: new Counter({
      name: 'adt_mllp_tls_reloads_total',
      help: 'TLS certificate reloads on the MLLP port, by outcome',
      labelNames: ['outcome'],
      registers,
    }),
    connections: new Gauge({ name: 'adt_mllp_connections', help: 'Open MLLP connections', registers }),
    lastMessageAt: new Gauge({
      name: 'adt_last_message_received_timestamp_seconds',
      help: 'When the newest accepted message of each known sending facility was received (Unix time)',
      labelNames: ['facility'],
      registers,
    }),
  };
}
