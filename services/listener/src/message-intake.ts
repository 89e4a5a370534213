import { createHash } from 'node:crypto';
import type pg from 'pg';
import {
  buildAck,
  decodeHl7Bytes,
  Hl7ParseError,
  normalizeMessageText,
  readMessageHeader,
  splitBatch,
  type AckCode,
  type AckError,
  type MessageHeader,
} from '@adt/hl7';
import { storeInboundMessage, storeRejectedMessage } from '@adt/db';
import type { Logger } from '@adt/logging';
import { checkInboundMessage, type InboundPolicy } from './inbound-check.js';
import type { ListenerMetrics } from './listener-metrics.js';

/** What to send back for one frame and which stored messages to hand to the worker. */
export interface FrameOutcome {
  /** The response to frame, or null when the sender asked for no acknowledgement. */
  response: string | null;
  /** Ids of newly stored messages to enqueue once the response is written. */
  toEnqueue: string[];
}

interface MessageOutcome {
  ack: string | null;
  messageId: string | null;
  enqueue: boolean;
}

let ackSequence = 0;
function nextAckControlId(): string {
  ackSequence = (ackSequence + 1) % 1_000_000;
  return `ACK${Date.now().toString(36).toUpperCase()}${ackSequence.toString(36).toUpperCase().padStart(4, '0')}`;
}

/** Original-mode code, or its enhanced-mode (commit acknowledgement) twin when MSH-15 is set. */
function ackCodeFor(header: MessageHeader | null, outcome: 'accept' | 'error' | 'reject'): AckCode {
  const enhanced = header !== null && header.acceptAckType !== '';
  if (outcome === 'accept') return enhanced ? 'CA' : 'AA';
  if (outcome === 'error') return enhanced ? 'CE' : 'AE';
  return enhanced ? 'CR' : 'AR';
}

/** MSH-15 (accept acknowledgement type): AL always, NE never, ER only on error, SU only on success. */
function wantsAck(header: MessageHeader | null, accepted: boolean): boolean {
  switch (header?.acceptAckType ?? '') {
    case 'NE':
      return false;
    case 'ER':
      return !accepted;
    case 'SU':
      return accepted;
    default:
      return true;
  }
}

/**
 * Turns framed bytes into stored messages and ACKs, following the interfaces spec: `AA` only after
 * the commit, `AR`/`AE` with ERR for refused messages (stored as rejected), `AR` while the store
 * is unavailable so the sender retries.
 */
export class MessageIntake {
  constructor(
    private readonly deps: { pool: pg.Pool; policy: InboundPolicy; log: Logger; metrics: ListenerMetrics },
  ) {}

  /**
   * Handles one MLLP frame: a message or an FHS/BHS batch.
   * @param payload - the frame's bytes
   * @param peerAddress - the sender's address, stored with the message
   */
  async handleFrame(payload: Buffer, peerAddress: string | null): Promise<FrameOutcome> {
    const text = normalizeMessageText(decodeHl7Bytes(payload));
    if (text.startsWith('FHS') || text.startsWith('BHS')) {
      const outcomes: MessageOutcome[] = [];
      for (const message of splitBatch(text)) {
        outcomes.push(await this.handleMessage(Buffer.from(message, 'utf8'), message, peerAddress));
      }
      const acks = outcomes.flatMap((o) => (o.ack === null ? [] : [o.ack]));
      return {
        response: acks.length > 0 ? wrapBatch(acks) : null,
        toEnqueue: outcomes.flatMap((o) => (o.enqueue && o.messageId !== null ? [o.messageId] : [])),
      };
    }
    const outcome = await this.handleMessage(payload, text, peerAddress);
    return {
      response: outcome.ack,
      toEnqueue: outcome.enqueue && outcome.messageId ? [outcome.messageId] : [],
    };
  }

  private async handleMessage(
    raw: Buffer,
    text: string,
    peerAddress: string | null,
  ): Promise<MessageOutcome> {
    const { metrics, log } = this.deps;
    // Hash the normalised text: a resend that differs only in line endings is the same message.
    const contentHash = createHash('sha256').update(text).digest();
    let header: MessageHeader;
    try {
      header = readMessageHeader(text);
    } catch (error) {
      if (!(error instanceof Hl7ParseError)) throw error;
      metrics.parseFailures.inc();
      return this.refuse(raw, contentHash, peerAddress, null, 'reject', error.message, {
        hl7ErrorCode: '100',
        severity: 'E',
        location: {
          segment: 'MSH',
          ...(error.field ? { field: Number(error.field.split('-')[1]) || undefined } : {}),
        },
      });
    }
    const messageType = [header.messageCode, header.triggerEvent].filter(Boolean).join('^');
    metrics.received.inc({ facility: header.sendingFacility });

    const refusal = checkInboundMessage(header, text, this.deps.policy);
    if (refusal) {
      return this.refuse(
        raw,
        contentHash,
        peerAddress,
        header,
        refusal.ackCode === 'AE' ? 'error' : 'reject',
        refusal.text,
        refusal.error,
      );
    }

    let stored: Awaited<ReturnType<typeof storeInboundMessage>>;
    try {
      stored = await storeInboundMessage(this.deps.pool, {
        raw,
        contentHash,
        peerAddress,
        sendingApplication: header.sendingApplication,
        sendingFacility: header.sendingFacility,
        controlId: header.controlId,
        messageType,
        versionId: header.versionId,
        ackCode: ackCodeFor(header, 'accept'),
      });
    } catch (error) {
      metrics.storeFailures.inc();
      log.error(
        { err: error, controlId: header.controlId, messageType },
        'hl7 message not stored: store unavailable',
      );
      return {
        ack: this.ack(
          header,
          'reject',
          'Message not stored: the receiver cannot reach its database. Resend later.',
          {
            hl7ErrorCode: '207',
            severity: 'E',
          },
        ),
        messageId: null,
        enqueue: false,
      };
    }

    const code = ackCodeFor(header, 'accept');
    if (stored.outcome === 'duplicate') {
      metrics.duplicates.inc({ facility: header.sendingFacility });
      log.info(
        { controlId: header.controlId, messageId: stored.id, originalId: stored.originalId },
        'hl7 duplicate',
      );
      metrics.acked.inc({ code, facility: header.sendingFacility });
      // A resend of a message still waiting may mean the first enqueue was lost: enqueue again
      // (the job id makes this a no-op when the job exists).
      return {
        ack: wantsAck(header, true) ? this.ack(header, 'accept') : null,
        messageId: stored.originalId,
        enqueue: stored.originalStatus === 'received',
      };
    }
    metrics.stored.inc({ facility: header.sendingFacility });
    if (stored.controlIdReused) {
      log.warn(
        { controlId: header.controlId, messageId: stored.id },
        'control id reused with different content',
      );
    }
    log.info({ controlId: header.controlId, messageType, messageId: stored.id }, 'hl7 message stored');
    metrics.acked.inc({ code, facility: header.sendingFacility });
    return {
      ack: wantsAck(header, true) ? this.ack(header, 'accept') : null,
      messageId: stored.id,
      enqueue: true,
    };
  }

  private async refuse(
    raw: Buffer,
    contentHash: Buffer,
    peerAddress: string | null,
    header: MessageHeader | null,
    outcome: 'error' | 'reject',
    reason: string,
    error: AckError,
  ): Promise<MessageOutcome> {
    const { log, metrics, pool } = this.deps;
    const code = ackCodeFor(header, outcome);
    const facility = header?.sendingFacility ?? '';
    metrics.rejected.inc({ code, facility });
    metrics.acked.inc({ code, facility });
    let messageId: string | null = null;
    try {
      messageId = await storeRejectedMessage(pool, {
        raw,
        contentHash,
        peerAddress,
        sendingApplication: header?.sendingApplication ?? '',
        sendingFacility: facility,
        controlId: header?.controlId ?? '',
        messageType: header ? [header.messageCode, header.triggerEvent].filter(Boolean).join('^') : '',
        versionId: header?.versionId ?? '',
        ackCode: code,
        reason,
      });
    } catch (storeError) {
      // The refusal still goes out; the sender keeps the message and the log records the loss of
      // the copy (not of the message, which was never accepted).
      metrics.storeFailures.inc();
      log.error(
        { err: storeError, controlId: header?.controlId },
        'rejected message not stored: store unavailable',
      );
    }
    log.warn({ controlId: header?.controlId, ackCode: code, reason, messageId }, 'hl7 message refused');
    return {
      ack: wantsAck(header, false) ? this.ack(header, outcome, reason, error) : null,
      messageId,
      enqueue: false,
    };
  }

  private ack(
    header: MessageHeader | null,
    outcome: 'accept' | 'error' | 'reject',
    text?: string,
    error?: AckError,
  ) {
    return buildAck({
      request: header,
      code: ackCodeFor(header, outcome),
      ackControlId: nextAckControlId(),
      ...(text === undefined ? {} : { text }),
      ...(error === undefined ? {} : { error }),
    });
  }
}

function wrapBatch(acks: readonly string[]): string {
  const header = 'FHS|^~\\&\rBHS|^~\\&';
  return [header, ...acks, `BTS|${acks.length}`, 'FTS|1'].join('\r');
}
