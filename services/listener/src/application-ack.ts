/**
 * Enhanced-mode application acknowledgments (MSH-16): an ACK AA/AE sent on the sender's
 * connection once the worker has processed the message, after the commit ACK (CA) that said it
 * was stored.
 *
 * How the listener learns that a message was processed: it polls `inbound_messages.status` for
 * the messages it is waiting on, in one query per interval for all connections, and only while
 * some are waiting. Polling rather than LISTEN/NOTIFY keeps the worker unaware of the listener
 * and needs no trigger; at the default interval it costs one indexed query per 100 ms while
 * application ACKs are pending, and adds at most that interval to the ACK.
 *
 * - `processed` → AA; `failed` (the worker gave up; ops can replay) → AE with its reason.
 * - MSH-16 = ER sends only the AE, SU only the AA.
 * - Connection gone before the worker finishes: the ACK is dropped (counted and logged with the
 *   message id); the listener never opens connections to senders. The message itself is safe
 *   (its CA was sent after the commit) and its state is visible in the ops API.
 * - Not processed within the timeout (worker down or far behind): the listener stops waiting and
 *   drops the ACK the same way; there is no HL7 code for "still working".
 */
import type pg from 'pg';
import { findMessageStatuses, type MessageStatusRow } from '@adt/db';
import { buildAck, encodeHl7Text, type MessageHeader } from '@adt/hl7';
import type { Logger } from '@adt/logging';
import { nextAckControlId } from './ack-control-id.js';
import { applicationAckCode, conditionMet, type AckCondition } from './acknowledgment-mode.js';
import type { ListenerMetrics } from './listener-metrics.js';

/** Default polling interval while application ACKs are pending. */
export const APPLICATION_ACK_POLL_MS = 100;
/** Default time to wait for the worker before giving up on an application ACK. */
export const APPLICATION_ACK_TIMEOUT_MS = 5 * 60_000;

/** A stored message whose sender asked for an application ACK. */
export interface ApplicationAckRequest {
  /** The stored message (for a retransmission, the original). */
  messageId: string;
  /** Its header, trigger event filled in, to address the ACK. */
  header: MessageHeader;
  /** MSH-16. */
  condition: AckCondition;
}

/** Where an application ACK goes: the connection the message came on. */
export interface ApplicationAckTarget {
  /** Writes one frame; false when the connection is gone. */
  send: (payload: Buffer) => boolean;
  /** Aborted when the connection closes. */
  closed: AbortSignal;
}

interface Waiting {
  request: ApplicationAckRequest;
  target: ApplicationAckTarget;
  deadline: number;
}

/** Options for {@link ApplicationAckWatcher}. */
export interface ApplicationAckWatcherOptions {
  pool: pg.Pool;
  log: Logger;
  metrics: ListenerMetrics;
  pollIntervalMs?: number;
  timeoutMs?: number;
}

/** Waits for processing outcomes and sends the application ACKs. */
export class ApplicationAckWatcher {
  private readonly waiting = new Map<string, Waiting[]>();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private stopped = false;
  private readonly pollIntervalMs: number;
  private readonly timeoutMs: number;

  /** @param options - pool, logger, metrics, and the polling interval and timeout */
  constructor(private readonly options: ApplicationAckWatcherOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? APPLICATION_ACK_POLL_MS;
    this.timeoutMs = options.timeoutMs ?? APPLICATION_ACK_TIMEOUT_MS;
  }

  /** How many application ACKs are still awaited. */
  get pendingCount(): number {
    let count = 0;
    for (const entries of this.waiting.values()) count += entries.length;
    return count;
  }

  /**
   * Starts waiting for a message's outcome.
   * @param request - the message and what its sender asked for
   * @param target - the connection to answer on
   */
  watch(request: ApplicationAckRequest, target: ApplicationAckTarget): void {
    if (this.stopped || request.condition === 'NE') return;
    const entry = { request, target, deadline: Date.now() + this.timeoutMs };
    const entries = this.waiting.get(request.messageId);
    if (entries) entries.push(entry);
    else this.waiting.set(request.messageId, [entry]);
    this.schedule();
  }

  /** Stops polling; ACKs still awaited are dropped (the connections are closing too). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.polling;
    for (const entries of this.waiting.values()) this.drop(entries, 'listener_stopped');
    this.waiting.clear();
  }

  private schedule(): void {
    if (this.stopped || this.timer !== null || this.polling !== null || this.waiting.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.polling = this.poll().finally(() => {
        this.polling = null;
        this.schedule();
      });
    }, this.pollIntervalMs);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    this.expire();
    if (this.waiting.size === 0) return;
    let rows: MessageStatusRow[];
    try {
      rows = await findMessageStatuses(this.options.pool, [...this.waiting.keys()]);
    } catch (error) {
      this.options.log.warn({ err: error }, 'application ack status poll failed; will retry');
      return;
    }
    for (const row of rows) {
      const outcome = outcomeOf(row);
      if (outcome === null) continue;
      const entries = this.waiting.get(row.id) ?? [];
      this.waiting.delete(row.id);
      for (const entry of entries) this.deliver(entry, outcome);
    }
  }

  /** Drops entries whose connection closed or whose time ran out. */
  private expire(): void {
    const now = Date.now();
    for (const [id, entries] of this.waiting) {
      const closed = entries.filter((e) => e.target.closed.aborted);
      const late = entries.filter((e) => !e.target.closed.aborted && e.deadline <= now);
      this.drop(closed, 'connection_closed');
      this.drop(late, 'timeout');
      const kept = entries.filter((e) => !e.target.closed.aborted && e.deadline > now);
      if (kept.length === 0) this.waiting.delete(id);
      else this.waiting.set(id, kept);
    }
  }

  private deliver(entry: Waiting, outcome: { success: boolean; text?: string }): void {
    const { request, target } = entry;
    if (!conditionMet(request.condition, outcome.success)) return;
    const code = applicationAckCode(outcome.success ? 'accept' : 'error');
    const ack = buildAck({
      request: request.header,
      code,
      ackControlId: nextAckControlId(),
      ...(outcome.text === undefined
        ? {}
        : { text: outcome.text, error: { hl7ErrorCode: '207', severity: 'E' as const } }),
    });
    if (!target.send(encodeHl7Text(ack, request.header.characterSet))) {
      this.drop([entry], 'connection_closed');
      return;
    }
    this.options.metrics.applicationAcks.inc({ code });
    this.options.log.info(
      { messageId: request.messageId, controlId: request.header.controlId, ackCode: code },
      'application ack sent',
    );
  }

  private drop(
    entries: readonly Waiting[],
    reason: 'connection_closed' | 'timeout' | 'listener_stopped',
  ): void {
    for (const { request } of entries) {
      this.options.metrics.applicationAcksDropped.inc({ reason });
      this.options.log.warn(
        { messageId: request.messageId, controlId: request.header.controlId, reason },
        'application ack not sent',
      );
    }
  }
}

/** @returns the outcome once the worker is done with the message, else null (still waiting) */
function outcomeOf(row: MessageStatusRow): { success: boolean; text?: string } | null {
  switch (row.status) {
    case 'processed':
      return { success: true };
    case 'failed':
      return {
        success: false,
        text: `Stored but not processed: ${row.statusReason ?? 'processing failed'}. The receiver's operators can replay it.`,
      };
    case 'received':
      return null;
    case 'duplicate':
    case 'rejected':
      // Not reachable for a message that was accepted; answer rather than wait forever.
      return { success: false, text: `Message ${row.status}` };
    default:
      return row.status satisfies never;
  }
}
