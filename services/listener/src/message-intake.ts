/**
 * From a received frame to stored messages and acknowledgments (interfaces spec "MLLP / ACK"):
 * `AA` only after the commit; `AR`/`AE` with ERR and an actionable MSA-3 for refused messages,
 * which are stored as rejected; `AR` while the store is unavailable, so the sender retries;
 * retransmissions `AA` without a second processing; batches handled message by message.
 */
import { createHash, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { isSandboxMessage, type ClientCertificate } from '@adt/adt';
import {
  buildAck,
  buildBatchAck,
  declaredCharacterSet,
  decodeHl7Bytes,
  encodeHl7Text,
  Hl7ParseError,
  MAX_IDENTIFIER_LENGTH,
  normalizeMessageText,
  readMessageHeader,
  splitBatchPayload,
  triggerEventOf,
  type BatchEnvelope,
  type MessageHeader,
} from '@adt/hl7';
import {
  storeInboundMessages,
  storeRejectedMessage,
  type NewInboundMessage,
  type StoreResult,
} from '@adt/db';
import type { Logger } from '@adt/logging';
import { OTHER_LABEL } from '@adt/observability';
import { nextAckControlId } from './ack-control-id.js';
import {
  acknowledgmentModeOf,
  applicationAckCode,
  commitAckCode,
  conditionMet,
  type IntakeOutcome,
} from './acknowledgment-mode.js';
import type { ApplicationAckRequest } from './application-ack.js';
import { batchCountRefusal, emptyBatchRefusal, envelopeHeader } from './batch-refusal.js';
import { checkCancelVisit } from './cancel-visit-check.js';
import {
  inspectInboundMessage,
  type InboundInspection,
  refusalForParseError,
  type InboundPolicy,
  type InboundRefusal,
} from './inbound-check.js';
import type { ListenerMetrics } from './listener-metrics.js';
import { TurnBatcher } from './turn-batcher.js';

/** What to send back for one frame and what to do once it is sent. */
export interface FrameOutcome {
  /** The encoded answer to the frame, or null when the sender asked for no acknowledgment. */
  response: Buffer | null;
  /** Ids of newly stored messages to enqueue once the response is written. */
  toEnqueue: string[];
  /** Application ACKs to send when processing ends (enhanced mode, MSH-16). */
  applicationAcks: ApplicationAckRequest[];
  /** What became of each message of the frame, in order (the file drop's report). */
  receipts: MessageReceipt[];
}

/** What became of one received message: the acknowledgment it got and where it is stored. */
export interface MessageReceipt {
  /** MSH-10, or '' when the header could not be read. */
  controlId: string;
  /** MSH-9 as stored (`ADT^A03`), or ''. */
  messageType: string;
  /** MSA-1 of the ACK, also when MSH-15 asked for none. */
  ackCode: string;
  /**
   * accepted: stored and queued; duplicate: an earlier copy was; refused: stored as rejected (when
   * the store was up); not_stored: the store was unavailable, the sender should resend.
   */
  outcome: 'accepted' | 'duplicate' | 'refused' | 'not_stored';
  /** MSA-3 of a negative ACK. */
  reason: string | null;
  /** The stored message (the earlier copy for a duplicate); null when nothing was stored. */
  messageId: string | null;
}

/** Who sent a frame: the peer address (stored with the message) and its TLS client certificate. */
export interface FrameSender {
  peerAddress: string | null;
  /** Null without TLS, or when the peer presented no certificate. */
  certificate: ClientCertificate | null;
}

/** One receipt's correlation id and the logger that carries it on every line. */
interface Trace {
  correlationId: string;
  log: Logger;
}

interface MessageOutcome {
  ack: string | null;
  messageId: string | null;
  enqueue: boolean;
  applicationAck: ApplicationAckRequest | null;
  receipt: MessageReceipt;
}

const STORE_UNAVAILABLE: InboundRefusal = {
  ackCode: 'AR',
  text: 'Message not stored: the receiver cannot reach its database. Resend later.',
  error: { hl7ErrorCode: '207', severity: 'E' },
};

/** Header values stored with a rejected message are cut to this length, so the row always fits. */
const MAX_STORED_HEADER_CHARS = MAX_IDENTIFIER_LENGTH;

// Group commit: up to 64 rows per INSERT and two INSERTs in flight keep one connection's ACK
// almost as fast as alone while 32 connections share commits.
const MAX_BATCH = 64;
const MAX_BATCHES_IN_FLIGHT = 2;

/** Turns framed bytes into stored messages and acknowledgments. */
export class MessageIntake {
  private readonly store: TurnBatcher<NewInboundMessage, StoreResult>;

  /** @param deps - pool, what the port accepts, logger and metrics */
  constructor(
    private readonly deps: { pool: pg.Pool; policy: InboundPolicy; log: Logger; metrics: ListenerMetrics },
  ) {
    this.store = new TurnBatcher((batch) => storeInboundMessages(deps.pool, batch), {
      maxBatch: MAX_BATCH,
      maxInFlight: MAX_BATCHES_IN_FLIGHT,
      // Two messages with one sender and control id go in separate statements, so the second sees
      // the first (as a duplicate or a reused control id), as when they arrive apart.
      fits: (batch, message) =>
        !batch.some(
          (m) =>
            m.controlId === message.controlId &&
            m.sendingFacility === message.sendingFacility &&
            m.sendingApplication === message.sendingApplication,
        ),
    });
  }

  /** Resolves once every message handed to the store has been written (graceful stop). */
  drained(): Promise<void> {
    return this.store.idle();
  }

  /**
   * Handles one MLLP frame: a message, or a batch (FHS/BHS envelope, or several MSH in one frame)
   * whose messages are each handled as if sent alone and answered together in a batch.
   * @param payload - the frame's bytes
   * @param sender - the sender's address (stored with the message) and certificate
   */
  async handleFrame(payload: Buffer, sender: FrameSender): Promise<FrameOutcome> {
    const { peerAddress } = sender;
    const batch = splitBatchPayload(payload);
    if (batch === null) {
      const outcome = await this.handleMessage(payload, sender);
      return {
        response: outcome.ack === null ? null : encodeHl7Text(outcome.ack, declaredCharacterSet(payload)),
        toEnqueue: outcome.enqueue && outcome.messageId !== null ? [outcome.messageId] : [],
        applicationAcks: outcome.applicationAck ? [outcome.applicationAck] : [],
        receipts: [outcome.receipt],
      };
    }
    const outcomes: MessageOutcome[] = [];
    if (batch.messages.length === 0) {
      outcomes.push(await this.refuseEmptyBatch(payload, batch.envelope, peerAddress));
    } else {
      // A trailer count that disagrees means messages were lost on the way or the batch was built
      // wrong: none is accepted, so a resend of the whole batch is processed once, in full.
      const refusal = batchCountRefusal(batch.countMismatch);
      for (const message of batch.messages) {
        outcomes.push(await this.handleMessage(message, sender, refusal ?? undefined));
      }
    }
    // The batch is answered even when no message asked for an ACK: a batch sender waits for one
    // answer per frame, and BTS-1 = 0 tells it there is nothing to read.
    const answer = buildBatchAck({
      envelope: batch.envelope,
      acks: outcomes.flatMap((o) => (o.ack === null ? [] : [o.ack])),
      controlId: nextAckControlId('BAT'),
    });
    return {
      response: encodeHl7Text(answer, declaredCharacterSet(payload)),
      toEnqueue: outcomes.flatMap((o) => (o.enqueue && o.messageId !== null ? [o.messageId] : [])),
      applicationAcks: outcomes.flatMap((o) => (o.applicationAck ? [o.applicationAck] : [])),
      receipts: outcomes.map((o) => o.receipt),
    };
  }

  /** A batch envelope with no message inside: stored as rejected and answered AR (ERR 100). */
  private async refuseEmptyBatch(
    payload: Buffer,
    envelope: BatchEnvelope,
    peerAddress: string | null,
  ): Promise<MessageOutcome> {
    const correlationId = randomUUID();
    const trace: Trace = { correlationId, log: this.deps.log.child({ correlationId }) };
    const text = normalizeMessageText(decodeHl7Bytes(payload));
    const contentHash = createHash('sha256').update(text).digest();
    return this.refuse(
      trace,
      { raw: payload, contentHash, peerAddress },
      envelopeHeader(envelope),
      emptyBatchRefusal(envelope),
    );
  }

  /**
   * @param batchRefusal - set when the batch the message came in is refused as a whole: the message
   *   is stored as rejected with this reason instead of being checked
   */
  private async handleMessage(
    raw: Buffer,
    { peerAddress, certificate }: FrameSender,
    batchRefusal?: InboundRefusal,
  ): Promise<MessageOutcome> {
    const { metrics } = this.deps;
    // Given at receipt and stored with the message, so the worker's lines carry it too.
    const correlationId = randomUUID();
    const trace: Trace = { correlationId, log: this.deps.log.child({ correlationId }) };
    const { log } = trace;
    const text = normalizeMessageText(decodeHl7Bytes(raw));
    // Hash the normalised text: a resend that differs only in line endings is the same message.
    const contentHash = createHash('sha256').update(text).digest();
    let header: MessageHeader;
    try {
      const read = readMessageHeader(text);
      // MSH-9 may hold only `ADT` with the event in EVN-1; the ACK and the stored type name it.
      header = { ...read, triggerEvent: triggerEventOf(text, read) };
    } catch (error) {
      if (!(error instanceof Hl7ParseError)) throw error;
      metrics.parseFailures.inc();
      const refusal = refusalForParseError(error);
      // The MSH could not be read: whatever the parser reported, the message is refused as a whole.
      return this.refuse(trace, { raw, contentHash, peerAddress }, null, { ...refusal, ackCode: 'AR' });
    }
    const message = { raw, contentHash, peerAddress };
    try {
      await this.deps.policy.facilities?.ensureLoaded();
    } catch (error) {
      metrics.storeFailures.inc();
      log.error(
        { err: error, controlId: header.controlId, messageType: messageTypeOf(header) },
        'hl7 message not stored: facility settings unavailable',
      );
      return this.answerRefusal(trace, header, STORE_UNAVAILABLE, null);
    }
    const inspection: InboundInspection = batchRefusal
      ? { refusal: batchRefusal, adt: null }
      : inspectInboundMessage(header, text, this.deps.policy, certificate);
    let refusal = inspection.refusal;
    // Decided at receipt and stored with the message: a facility switched to live later does not
    // turn its test messages into live ones (see docs/go-live.md).
    const sandbox = isSandboxMessage(
      header.processingId,
      this.deps.policy.facilities?.policyOf(header.sendingFacility)?.mode,
    );
    try {
      if (inspection.adt !== null && header.triggerEvent === 'A11') {
        refusal = await checkCancelVisit(this.deps.pool, inspection.adt, header, sandbox);
      }
      if (refusal) return await this.refuse(trace, { ...message, sandbox }, header, refusal);
      return await this.accept(trace, { ...message, sandbox }, header);
    } catch (error) {
      metrics.storeFailures.inc();
      log.error(
        { err: error, controlId: header.controlId, messageType: messageTypeOf(header) },
        'hl7 message not stored: store unavailable',
      );
      const answer = this.answerRefusal(trace, header, STORE_UNAVAILABLE, null);
      return { ...answer, receipt: { ...answer.receipt, outcome: 'not_stored' } };
    } finally {
      // Counted once answered, so a facility's first accepted message already carries its label.
      metrics.received.inc({ facility: metrics.facilities.labelOf(header.sendingFacility) });
    }
  }

  private async accept(
    { correlationId, log }: Trace,
    message: { raw: Buffer; contentHash: Buffer; peerAddress: string | null; sandbox: boolean },
    header: MessageHeader,
  ): Promise<MessageOutcome> {
    const { metrics } = this.deps;
    const mode = acknowledgmentModeOf(header);
    const code = commitAckCode(mode, 'accept');
    const messageType = messageTypeOf(header);
    const stored = await this.store.submit({
      ...message,
      sendingApplication: header.sendingApplication,
      sendingFacility: header.sendingFacility,
      controlId: header.controlId,
      messageType,
      versionId: header.versionId,
      ackCode: code,
      correlationId,
    });
    const ack = conditionMet(mode.accept, true)
      ? buildAck({ request: header, code, ackControlId: nextAckControlId() })
      : null;
    // Accepted traffic makes a facility a feed (and a label); refused messages never do.
    metrics.facilities.noteAccepted(header.sendingFacility);
    const facility = metrics.facilities.labelOf(header.sendingFacility);
    if (facility !== OTHER_LABEL) metrics.lastMessageAt.set({ facility }, Date.now() / 1000);
    if (ack !== null) metrics.acked.inc({ code, facility });
    if (stored.outcome === 'duplicate') {
      metrics.duplicates.inc({ facility });
      log.info(
        { controlId: header.controlId, messageId: stored.id, originalId: stored.originalId },
        'hl7 duplicate',
      );
      // A resend of a message still waiting may mean the first enqueue was lost: enqueue again
      // (the job id makes this a no-op when the job exists).
      return {
        ack,
        messageId: stored.originalId,
        enqueue: stored.originalStatus === 'received',
        applicationAck: applicationAckFor(mode, stored.originalId, header),
        receipt: { ...receiptOf(header, code), outcome: 'duplicate', messageId: stored.originalId },
      };
    }
    metrics.stored.inc({ facility });
    if (stored.controlIdReused) {
      log.warn(
        { controlId: header.controlId, messageId: stored.id },
        'control id reused with different content',
      );
    }
    log.info(
      { controlId: header.controlId, messageType, messageId: stored.id, sandbox: message.sandbox },
      'hl7 message stored',
    );
    return {
      ack,
      messageId: stored.id,
      enqueue: true,
      applicationAck: applicationAckFor(mode, stored.id, header),
      receipt: { ...receiptOf(header, code), outcome: 'accepted', messageId: stored.id },
    };
  }

  /** Stores a refused message as rejected (when the store is up) and answers it. */
  private async refuse(
    trace: Trace,
    message: { raw: Buffer; contentHash: Buffer; peerAddress: string | null; sandbox?: boolean },
    header: MessageHeader | null,
    refusal: InboundRefusal,
  ): Promise<MessageOutcome> {
    const { metrics, pool } = this.deps;
    const { log, correlationId } = trace;
    const code = commitAckCode(acknowledgmentModeOf(header), outcomeOf(refusal));
    let messageId: string | null = null;
    try {
      messageId = await storeRejectedMessage(pool, {
        ...message,
        // Cut and cleaned: a refusal may be about these very values (too long, or a NUL escape).
        sendingApplication: storable(header?.sendingApplication ?? ''),
        sendingFacility: storable(header?.sendingFacility ?? ''),
        controlId: storable(header?.controlId ?? ''),
        messageType: storable(header ? messageTypeOf(header) : ''),
        versionId: storable(header?.versionId ?? ''),
        ackCode: code,
        reason: refusal.text.replaceAll('\u0000', '\uFFFD'),
        correlationId,
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
    return this.answerRefusal(trace, header, refusal, messageId);
  }

  /**
   * One negative acknowledgment: the commit ACK when MSH-15 asks for errors (always in original
   * mode), else, in enhanced mode, the application ACK when MSH-16 does, since the message will
   * never reach processing.
   */
  private answerRefusal(
    { log }: Trace,
    header: MessageHeader | null,
    refusal: InboundRefusal,
    messageId: string | null,
  ): MessageOutcome {
    const { metrics } = this.deps;
    const mode = acknowledgmentModeOf(header);
    const outcome = outcomeOf(refusal);
    const facility = metrics.facilities.labelOf(header?.sendingFacility ?? '');
    let code = commitAckCode(mode, outcome);
    let sent = conditionMet(mode.accept, false);
    if (!sent && mode.enhanced && conditionMet(mode.application, false)) {
      code = applicationAckCode(outcome);
      sent = true;
    }
    metrics.rejected.inc({ code, facility });
    if (sent) metrics.acked.inc({ code, facility });
    log.warn(
      { controlId: header?.controlId, ackCode: code, reason: refusal.text, messageId },
      'hl7 message refused',
    );
    const ack = sent
      ? buildAck({
          request: header,
          code,
          ackControlId: nextAckControlId(),
          text: refusal.text,
          error: refusal.error,
        })
      : null;
    return {
      ack,
      messageId,
      enqueue: false,
      applicationAck: null,
      receipt: { ...receiptOf(header, code), outcome: 'refused', reason: refusal.text, messageId },
    };
  }
}

/** A header value as a rejected row keeps it: at most {@link MAX_STORED_HEADER_CHARS}, no NUL. */
function storable(value: string): string {
  return value.slice(0, MAX_STORED_HEADER_CHARS).replaceAll('\u0000', '\uFFFD');
}

function receiptOf(header: MessageHeader | null, ackCode: string): Omit<MessageReceipt, 'outcome'> {
  return {
    controlId: storable(header?.controlId ?? ''),
    messageType: storable(header ? messageTypeOf(header) : ''),
    ackCode,
    reason: null,
    messageId: null,
  };
}

function outcomeOf(refusal: InboundRefusal): IntakeOutcome {
  return refusal.ackCode === 'AE' ? 'error' : 'reject';
}

function messageTypeOf(header: MessageHeader): string {
  return [header.messageCode, header.triggerEvent].filter(Boolean).join('^');
}

function applicationAckFor(
  mode: ReturnType<typeof acknowledgmentModeOf>,
  messageId: string,
  header: MessageHeader,
): ApplicationAckRequest | null {
  if (!mode.enhanced || mode.application === 'NE') return null;
  return { messageId, header, condition: mode.application };
}
