import { Counter, Gauge, type Registry } from '@adt/observability';

/** Counters the listener moves as messages arrive. */
export interface ListenerMetrics {
  received: Counter<'facility'>;
  stored: Counter<'facility'>;
  duplicates: Counter<'facility'>;
  rejected: Counter<'code' | 'facility'>;
  acked: Counter<'code' | 'facility'>;
  parseFailures: Counter;
  storeFailures: Counter;
  enqueueFailures: Counter;
  swept: Counter;
  connections: Gauge;
}

/**
 * Registers the listener's metrics on a registry.
 * @param registry - the service's registry
 */
export function createListenerMetrics(registry: Registry): ListenerMetrics {
  const registers = [registry];
  return {
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
    connections: new Gauge({ name: 'adt_mllp_connections', help: 'Open MLLP connections', registers }),
  };
}
