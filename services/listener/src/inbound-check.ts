import { checkSenderBinding, type BindingRefusal, type ClientCertificate } from '@adt/adt';
import {
  findAdtMessageProblem,
  findControlCharacter,
  Hl7ParseError,
  MAX_IDENTIFIER_LENGTH,
  parseAdtMessage,
  triggerEventOf,
  type AckError,
  type AdtMessage,
  type MessageHeader,
} from '@adt/hl7';
import type { FacilityDirectory } from './facility-directory.js';

/** Why a readable message is refused, with the ACK code, ERR content and the text for MSA-3. */
export interface InboundRefusal {
  ackCode: 'AR' | 'AE';
  text: string;
  error: AckError;
}

// 2.1 and 2.2 read PID and PV1 the same way as later versions for everything processing uses.
const SUPPORTED_VERSION = /^2\.[1-8](\.\d+)?$/;

/** HL7 table 0357 code for a message that cannot be read, by reason. */
const PARSE_ERROR_CODES: Readonly<Record<Hl7ParseError['code'], string>> = {
  not_hl7: '100',
  bad_msh: '102',
  missing_field: '101',
};

/** The MSH fields stored in indexed columns, which must fit an index row. */
const BOUNDED_HEADER_FIELDS = [
  [3, 'sending application', 'sendingApplication'],
  [4, 'sending facility', 'sendingFacility'],
  [5, 'receiving application', 'receivingApplication'],
  [6, 'receiving facility', 'receivingFacility'],
  [10, 'message control ID', 'controlId'],
] as const;

/** What the listener accepts: processing ids and which message types it handles. */
export interface InboundPolicy {
  /** MSH-11 values accepted from a facility without its own list (`MLLP_PROCESSING_IDS`). */
  processingIds: ReadonlySet<string>;
  /** MSH-4 values accepted; empty or absent: any facility. */
  allowedFacilities?: ReadonlySet<string>;
  /** Per-facility settings (processing ids, certificate bindings); absent: none. */
  facilities?: Pick<FacilityDirectory, 'policyOf' | 'bindings' | 'ensureLoaded'>;
}

/**
 * The refusal for a message that cannot be read: `AE` for a missing field (the message is HL7 but
 * lacks what processing needs), `AR` otherwise.
 * @param error - what the parser reported
 */
export function refusalForParseError(error: Hl7ParseError): InboundRefusal {
  const [segment = 'MSH', field] = (error.field ?? 'MSH').split('-');
  const fieldNumber = Number(field);
  return {
    ackCode: error.code === 'missing_field' && segment !== 'MSH' ? 'AE' : 'AR',
    text: error.message,
    error: {
      hl7ErrorCode: PARSE_ERROR_CODES[error.code],
      severity: 'E',
      location: {
        segment,
        ...(Number.isInteger(fieldNumber) && fieldNumber > 0 ? { field: fieldNumber } : {}),
      },
    },
  };
}

/** What {@link inspectInboundMessage} found: a refusal, or the parsed message it accepted. */
export type InboundInspection = { refusal: InboundRefusal; adt: null } | { refusal: null; adt: AdtMessage };

/**
 * Checks a message whose MSH could be read against what the ADT port accepts (interfaces spec) and
 * what processing needs, so a message answered AA/CA is one the worker can apply: an allowed sending
 * facility (when a list is set), header identifiers that fit the store, ADT only, HL7 2.1 to 2.8,
 * the expected processing id, a trigger event, no control characters, and the full ADT parse with
 * the worker's own requirements ({@link findAdtMessageProblem}).
 * @param header - the message's MSH
 * @param text - the normalised message text (segments separated by CR)
 * @param policy - accepted processing ids, facilities and their settings
 * @param certificate - the connection's TLS client certificate (null without TLS or without one):
 *   a certificate bound to a facility sends only as that facility, and a bound facility only
 *   with its certificate
 * @returns the refusal, or the ADT parse the check ran (later checks on the receive path, such as
 *   the A11 lookup, use it rather than parse the message again)
 */
export function inspectInboundMessage(
  header: MessageHeader,
  text: string,
  policy: InboundPolicy,
  certificate: ClientCertificate | null = null,
): InboundInspection {
  const refusal = checkHeader(header, text, policy, certificate);
  return refusal !== null ? { refusal, adt: null } : checkContent(text);
}

function checkHeader(
  header: MessageHeader,
  text: string,
  policy: InboundPolicy,
  certificate: ClientCertificate | null,
): InboundRefusal | null {
  const allowed = policy.allowedFacilities;
  if (allowed !== undefined && allowed.size > 0 && !allowed.has(header.sendingFacility)) {
    return {
      ackCode: 'AR',
      text: `Sending facility not allowed: MSH-4 ${header.sendingFacility || '(empty)'} is not on this receiver's list of sending facilities`,
      error: { hl7ErrorCode: '207', severity: 'E', location: { segment: 'MSH', field: 4 } },
    };
  }
  const unstorable = checkHeaderFields(header);
  if (unstorable !== null) return unstorable;
  const binding = checkSenderBinding(
    header.sendingFacility,
    policy.facilities?.bindings() ?? new Map(),
    certificate,
  );
  if (binding !== null) return bindingRefusal(binding);
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
      text: `Unsupported HL7 version ${header.versionId || '(empty)'} in MSH-12: versions 2.1 to 2.8 are accepted`,
      error: { hl7ErrorCode: '203', severity: 'E', location: { segment: 'MSH', field: 12 } },
    };
  }
  const processingId = header.processingId.charAt(0);
  const processingIds =
    policy.facilities?.policyOf(header.sendingFacility)?.processingIds ?? policy.processingIds;
  if (!processingIds.has(processingId)) {
    return {
      ackCode: 'AR',
      text: `Processing ID ${header.processingId || '(empty)'} in MSH-11 does not match this receiver (expects ${[...processingIds].join(' or ')})`,
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
  return null;
}

/** The refusal of a sender that may not send as its MSH-4 (`AR`: resending cannot help). */
function bindingRefusal(refusal: BindingRefusal): InboundRefusal {
  const error = { hl7ErrorCode: '207', severity: 'E', location: { segment: 'MSH', field: 4 } } as const;
  switch (refusal.reason) {
    case 'no_certificate':
      return {
        ackCode: 'AR',
        text: `Sending facility ${refusal.facility} (MSH-4) is bound to a TLS client certificate: send over mutual TLS with that certificate`,
        error,
      };
    case 'wrong_certificate':
      return {
        ackCode: 'AR',
        text: `This connection's TLS client certificate is not the one bound to sending facility ${refusal.facility} (MSH-4)`,
        error,
      };
    case 'certificate_bound_elsewhere':
      return {
        ackCode: 'AR',
        text: `This connection's TLS client certificate is bound to ${refusal.boundTo.join(', ')} and may not send as ${refusal.facility} (MSH-4)`,
        error,
      };
    default:
      return refusal satisfies never;
  }
}

/** Header identifiers must fit the store's indexes and hold no control characters (`\X00\`). */
function checkHeaderFields(header: MessageHeader): InboundRefusal | null {
  for (const [field, label, key] of BOUNDED_HEADER_FIELDS) {
    const value = header[key];
    const tooLong = value.length > MAX_IDENTIFIER_LENGTH;
    if (!tooLong && findControlCharacter(value) === null) continue;
    return {
      ackCode: 'AR',
      text: tooLong
        ? `MSH-${field} (${label}) is ${value.length} characters long; at most ${MAX_IDENTIFIER_LENGTH} are accepted`
        : `MSH-${field} (${label}) decodes to a control character; check the sender`,
      error: { hl7ErrorCode: '102', severity: 'E', location: { segment: 'MSH', field } },
    };
  }
  return null;
}

/** The body: no control characters, then the worker's parse and requirements. */
function checkContent(text: string): InboundInspection {
  const refused = (refusal: InboundRefusal): InboundInspection => ({ refusal, adt: null });
  const control = findControlCharacter(text);
  if (control !== null) {
    const hex = control.code.toString(16).padStart(2, '0');
    return refused({
      ackCode: 'AR',
      text: `Segment ${control.segment || '(unnamed)'} (segment ${control.segmentNumber}) contains the control character 0x${hex}; HL7 text carries control characters only as escapes (\\Xhh\\): check the sender's encoding`,
      error: { hl7ErrorCode: '102', severity: 'E', location: { segment: control.segment || 'MSH' } },
    });
  }
  try {
    const adt = parseAdtMessage(text);
    const problem = findAdtMessageProblem(adt);
    if (problem === null) return { refusal: null, adt };
    return refused({
      ackCode: 'AE',
      text: problem.text,
      error: {
        hl7ErrorCode: problem.hl7ErrorCode,
        severity: 'E',
        ...(problem.location ? { location: problem.location } : {}),
      },
    });
  } catch (error) {
    if (error instanceof Hl7ParseError) return refused(refusalForParseError(error));
    throw error;
  }
}
