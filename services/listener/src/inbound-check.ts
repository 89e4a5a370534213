import { triggerEventOf, type AckError, type MessageHeader } from '@adt/hl7';

/** Why a readable message is refused, with the ACK code, ERR content and the text for MSA-3. */
export interface InboundRefusal {
  ackCode: 'AR' | 'AE';
  text: string;
  error: AckError;
}

const SUPPORTED_VERSION = /^2\.[3-8](\.\d+)?$/;

/** What the listener accepts: processing ids and which message types it handles. */
export interface InboundPolicy {
  processingIds: ReadonlySet<string>;
  /** MSH-4 values accepted; empty or absent: any facility. */
  allowedFacilities?: ReadonlySet<string>;
}

/** Whether PID-3 has a repetition whose ID (CX.1) is neither empty nor the HL7 null `""`. */
function pidIdentifierPresent(text: string, header: MessageHeader): boolean {
  const f = header.fieldSeparator;
  const [component = '^', repetition = '~'] = header.encodingCharacters;
  const pid = text.split('\r').find((segment) => segment.startsWith(`PID${f}`));
  const pid3 = pid?.split(f)[3] ?? '';
  return pid3.split(repetition).some((rep) => {
    const id = (rep.split(component, 1)[0] ?? '').trim();
    return id !== '' && id !== '""';
  });
}

/**
 * Checks a message whose MSH could be read against what the ADT port accepts (interfaces spec):
 * an allowed sending facility (when a list is set), ADT only, HL7 2.3 to 2.8, the expected processing id, a trigger event and a patient identifier.
 * @param header - the message's MSH
 * @param text - the normalised message text (segments separated by CR)
 * @param policy - accepted processing ids
 * @returns null when the message is acceptable, else the refusal
 */
export function checkInboundMessage(
  header: MessageHeader,
  text: string,
  policy: InboundPolicy,
): InboundRefusal | null {
  const allowed = policy.allowedFacilities;
  if (allowed !== undefined && allowed.size > 0 && !allowed.has(header.sendingFacility)) {
    return {
      ackCode: 'AR',
      text: `Sending facility not allowed: MSH-4 ${header.sendingFacility || '(empty)'} is not on this receiver's list of sending facilities`,
      error: { hl7ErrorCode: '207', severity: 'E', location: { segment: 'MSH', field: 4 } },
    };
  }
  if (header.messageCode !== 'ADT') {
    return {
      ackCode: 'AR',
      text: `Unsupported message type ${header.messageCode || '(empty)'}: this port accepts ADT messages only`,
      error: { hl7ErrorCode: '200', severity: 'E', location: { segment: 'MSH', field: 9 } },
    };
  }
  if (!SUPPORTED_VERSION.test(header.versionId)) {
    return {
      ackCode: 'AR',
      text: `Unsupported HL7 version ${header.versionId || '(empty)'} in MSH-12: versions 2.3 to 2.8 are accepted`,
      error: { hl7ErrorCode: '203', severity: 'E', location: { segment: 'MSH', field: 12 } },
    };
  }
  const processingId = header.processingId.charAt(0);
  if (!policy.processingIds.has(processingId)) {
    return {
      ackCode: 'AR',
      text: `Processing ID ${header.processingId || '(empty)'} in MSH-11 does not match this receiver (expects ${[...policy.processingIds].join(' or ')})`,
      error: { hl7ErrorCode: '202', severity: 'E', location: { segment: 'MSH', field: 11 } },
    };
  }
  if (triggerEventOf(text, header) === '') {
    return {
      ackCode: 'AE',
      text: 'The trigger event is missing: MSH-9.2 is empty and there is no EVN-1, so the event (such as A01 or A03) is unknown',
      error: { hl7ErrorCode: '101', severity: 'E', location: { segment: 'MSH', field: 9 } },
    };
  }
  if (!pidIdentifierPresent(text, header)) {
    return {
      ackCode: 'AE',
      text: 'PID-3 (patient identifier list) is missing: the message cannot be matched to a patient',
      error: { hl7ErrorCode: '101', severity: 'E', location: { segment: 'PID', field: 3 } },
    };
  }
  return null;
}
