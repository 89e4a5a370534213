/**
 * The acknowledgment of a batch: a batch of ACK messages in an envelope that answers the
 * received one (sender and receiver swapped, FHS-12/BHS-12 pointing back at its control IDs).
 */
import { formatHl7Timestamp } from './ack.js';
import type { BatchEnvelope, BatchHeader } from './batch.js';
import { escapeHl7 } from './escape.js';

/** Input to {@link buildBatchAck}. */
export interface BuildBatchAckOptions {
  envelope: BatchEnvelope;
  /** The ACK of each message, in batch order; messages whose sender asked for none are left out. */
  acks: readonly string[];
  /** FHS-11 / BHS-11 of the answer. */
  controlId: string;
  /** FHS-7 / BHS-7; the current time by default. */
  now?: Date;
}

/**
 * Builds the answer to a batch: FHS (when the batch had one), BHS, the ACKs, BTS with their
 * count, FTS.
 * @param o - the received envelope, the ACKs and the answer's control ID
 * @returns the batch text, each segment ended by `\r` (the last one too)
 */
export function buildBatchAck(o: BuildBatchAckOptions): string {
  const { envelope } = o;
  const f = envelope.fieldSeparator;
  const esc = (value: string): string => escapeHl7(value, envelope);
  const time = formatHl7Timestamp(o.now ?? new Date());
  const header = (name: 'FHS' | 'BHS', received: BatchHeader | null): string => {
    const fields = [
      `${name}${f}${envelope.encodingCharacters}`,
      esc(received?.receivingApplication ?? ''),
      esc(received?.receivingFacility ?? ''),
      esc(received?.sendingApplication ?? ''),
      esc(received?.sendingFacility ?? ''),
      time,
      '',
      '',
      '',
      esc(o.controlId),
      esc(received?.controlId ?? ''),
    ];
    while (fields.length > 1 && fields[fields.length - 1] === '') fields.pop();
    return fields.join(f);
  };
  // Each ACK already ends its segments with `\r`; the envelope's segments are ended the same way.
  const batch = [
    `${header('BHS', envelope.batchHeader ?? envelope.fileHeader)}\r`,
    ...o.acks.map((ack) => (ack.endsWith('\r') ? ack : `${ack}\r`)),
    `BTS${f}${o.acks.length}\r`,
  ].join('');
  if (envelope.fileHeader === null) return batch;
  return `${header('FHS', envelope.fileHeader)}\r${batch}FTS${f}1\r`;
}
