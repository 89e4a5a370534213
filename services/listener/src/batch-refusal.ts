/**
 * Refusing a batch as a whole (HL7 v2 chapter 2.10): one that holds no message, or whose trailer
 * counts disagree with what arrived. Both are answered AR with ERR 100 (segment sequence error) and
 * stored as rejected, so the sender sees why and nothing is processed from a broken batch.
 */
import type { BatchCountMismatch, BatchEnvelope, MessageHeader } from '@adt/hl7';
import type { InboundRefusal } from './inbound-check.js';

/**
 * The refusal of a batch envelope with no MSH inside.
 * @param envelope - the received batch's envelope
 */
export function emptyBatchRefusal(envelope: BatchEnvelope): InboundRefusal {
  const segment = envelopeSegment(envelope);
  return {
    ackCode: 'AR',
    text: `The batch holds no message: a ${segment} batch must contain at least one MSH message. Nothing was processed`,
    error: { hl7ErrorCode: '100', severity: 'E', location: { segment } },
  };
}

/**
 * The refusal of every message of a batch whose BTS-1 or FTS-1 disagrees with what arrived.
 * @param mismatch - from the batch split; null when the counts agree
 */
export function batchCountRefusal(mismatch: BatchCountMismatch | null): InboundRefusal | null {
  if (mismatch === null) return null;
  const counted = mismatch.segment === 'BTS' ? 'messages in its batch' : 'batches in the file';
  return {
    ackCode: 'AR',
    text: `${mismatch.segment}-1 declares ${mismatch.declared} ${counted} but ${mismatch.received} arrived: the batch is incomplete or miscounted, so none of its messages was accepted. Resend the whole batch`,
    error: { hl7ErrorCode: '100', severity: 'E', location: { segment: mismatch.segment, field: 1 } },
  };
}

/**
 * The header a refused batch envelope is answered and stored under: its parties and control ID
 * (BHS-11, else FHS-11), and the envelope segment's name as the message type.
 * @param envelope - the received batch's envelope
 */
export function envelopeHeader(envelope: BatchEnvelope): MessageHeader {
  const segment = envelopeSegment(envelope);
  const received = envelope.batchHeader ?? envelope.fileHeader;
  return {
    fieldSeparator: envelope.fieldSeparator,
    encodingCharacters: envelope.encodingCharacters,
    sendingApplication: received?.sendingApplication ?? '',
    sendingFacility: received?.sendingFacility ?? '',
    receivingApplication: received?.receivingApplication ?? '',
    receivingFacility: received?.receivingFacility ?? '',
    messageDateTime: '',
    messageCode: segment,
    triggerEvent: '',
    messageStructure: '',
    controlId: received?.controlId ?? '',
    processingId: '',
    versionId: '',
    acceptAckType: '',
    applicationAckType: '',
    characterSet: '',
  };
}

function envelopeSegment(envelope: BatchEnvelope): 'BHS' | 'FHS' {
  return envelope.batchHeader !== null ? 'BHS' : 'FHS';
}
