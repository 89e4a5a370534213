/**
 * Drives MLLP connections with one message in flight each: closed loop (send the next message as
 * soon as the ACK arrives: the throughput scenarios) or paced (message i is due at start + i/rate,
 * shared across connections: the sustained-rate scenario and the soak).
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchMessage } from './adt-mix.js';
import { LatencyRecorder } from './latency-recorder.js';
import { frameMessage, MllpLoadConnection, type AckReceipt } from './mllp-load-client.js';

/** Where a connection's messages come from (one stream per connection keeps a visit's events in order). */
export interface MessageSource {
  next: () => BenchMessage;
}

/** Options for {@link runLoad}. */
export interface LoadOptions {
  port: number;
  connections: number;
  /** One message source per connection. */
  sourceFor: (connection: number) => MessageSource;
  /** Stop after this long (measured part, after the warm-up). */
  durationMs?: number;
  /** Or stop after this many messages in all (warm-up included). */
  messages?: number;
  /** Messages answered before this are sent but not counted in throughput or latency. */
  warmupMs?: number;
  /** Messages per second across all connections; closed loop when absent. */
  rate?: number;
  /** How long one ACK may take before the message counts as an error. */
  ackTimeoutMs?: number;
  /** Called for every ACK, warm-up included (sampling for end-to-end latency, progress). */
  onAck?: (message: BenchMessage, receipt: AckReceipt, at: number) => void;
}

/** What a load run measured. */
export interface LoadResult {
  /** Messages written (warm-up included). */
  sent: number;
  /** ACKs with code AA (warm-up included). */
  acceptedAcks: number;
  /** ACKs with another code (AE, AR, CA…). */
  negativeAcks: number;
  /** Messages with no ACK: timeouts and connections lost. */
  errors: number;
  /** ACKs that matched no message in flight. */
  unmatchedAcks: number;
  /** AA ACKs counted in the measured window. */
  measured: number;
  /** Length of the measured window, seconds. */
  seconds: number;
  /** ACK latency of the measured messages. */
  latency: LatencyRecorder;
  /** For paced runs: how far sending fell behind its schedule at worst, ms. */
  maxScheduleLagMs: number;
  firstError: string | null;
}

/**
 * Runs one load against an MLLP receiver and closes its connections afterwards.
 * @param options - receiver, connection count, traffic and stop condition
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const connections = await Promise.all(
    Array.from({ length: options.connections }, () => MllpLoadConnection.connect(options.port)),
  );
  const latency = new LatencyRecorder();
  const result: LoadResult = {
    sent: 0,
    acceptedAcks: 0,
    negativeAcks: 0,
    errors: 0,
    unmatchedAcks: 0,
    measured: 0,
    seconds: 0,
    latency,
    maxScheduleLagMs: 0,
    firstError: null,
  };
  const startedAt = performance.now();
  const measureFrom = startedAt + (options.warmupMs ?? 0);
  const stopAt = options.durationMs === undefined ? Infinity : measureFrom + options.durationMs;
  const budget = options.messages ?? Infinity;
  let issued = 0;

  const drive = async (connection: MllpLoadConnection, source: MessageSource) => {
    for (;;) {
      if (issued >= budget || performance.now() >= stopAt) return;
      const index = issued;
      issued += 1;
      if (options.rate !== undefined) {
        const due = startedAt + (index * 1000) / options.rate;
        const wait = due - performance.now();
        if (wait >= 1) await sleep(wait);
        result.maxScheduleLagMs = Math.max(result.maxScheduleLagMs, performance.now() - due);
      }
      const message = source.next();
      result.sent += 1;
      let receipt: AckReceipt;
      try {
        receipt = await connection.send(frameMessage(message.text), message.controlId, options.ackTimeoutMs);
      } catch (error) {
        result.errors += 1;
        result.firstError ??= error instanceof Error ? error.message : String(error);
        // A lost connection ends this sender; the others carry on and the loss shows in `errors`.
        if (connection.closed) return;
        continue;
      }
      const at = performance.now();
      if (receipt.code === 'AA') result.acceptedAcks += 1;
      else {
        result.negativeAcks += 1;
        result.firstError ??= `${message.controlId}: ACK ${receipt.code}`;
      }
      if (receipt.code === 'AA' && at >= measureFrom && at <= stopAt) {
        result.measured += 1;
        latency.record(receipt.latencyMs);
      }
      options.onAck?.(message, receipt, at);
    }
  };

  try {
    await Promise.all(connections.map((connection, i) => drive(connection, options.sourceFor(i))));
  } finally {
    const endedAt = performance.now();
    result.seconds = (Math.min(endedAt, stopAt) - Math.min(measureFrom, endedAt)) / 1000;
    result.unmatchedAcks = connections.reduce((sum, c) => sum + c.unmatchedAcks, 0);
    await Promise.all(connections.map((c) => c.close()));
  }
  return result;
}

/**
 * Messages per second of a load result's measured window.
 * @param result - a finished load
 */
export function throughputOf(result: LoadResult): number {
  return result.seconds > 0 ? result.measured / result.seconds : 0;
}
