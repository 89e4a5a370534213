/**
 * Splitting HL7 batch files (FHS/BHS … BTS/FTS) into their messages.
 */
import { normalizeMessageText } from './segments.js';

/** Batch envelope segments: they frame messages but belong to none. */
const ENVELOPE_SEGMENTS = new Set(['FHS', 'BHS', 'BTS', 'FTS']);

/**
 * Splits a batch into the text of each message it contains.
 *
 * Written by hand rather than with node-hl7-client's `Batch`, which returns parsed
 * `Message` objects: the caller needs each message's segments verbatim, to store them and to
 * handle each one "as if sent alone".
 * @param text - a batch (FHS/BHS envelope), several MSH messages one after another, or one message
 * @returns one normalized text per MSH message; `[text]` unchanged for a single plain message
 */
export function splitBatch(text: string): string[] {
  const normalized = normalizeMessageText(text);
  const segments = normalized.split('\r');
  const isBatch = segments[0] !== undefined && ENVELOPE_SEGMENTS.has(segments[0].slice(0, 3));
  const mshCount = segments.filter(isMsh).length;
  if (!isBatch && mshCount <= 1) return [text];

  const messages: string[][] = [];
  let current: string[] | undefined;
  for (const segment of segments) {
    const name = segment.slice(0, 3);
    if (isMsh(segment)) {
      current = [segment];
      messages.push(current);
    } else if (ENVELOPE_SEGMENTS.has(name)) {
      // A trailer or a new batch header ends the message before it.
      current = undefined;
    } else if (current) {
      current.push(segment);
    }
  }
  return messages.map((message) => message.join('\r'));
}

function isMsh(segment: string): boolean {
  return segment.startsWith('MSH') && segment.length > 3;
}
