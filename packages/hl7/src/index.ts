/**
 * `@adt/hl7`: MLLP framing (and a one-message-at-a-time client), HL7 v2 text handling,
 * acknowledgments and the ADT parse, so the listener, worker and CLI share one tested implementation.
 */
export { MLLP_START, MLLP_END, MLLP_CR, encodeMllpFrame, MllpDecoder } from './mllp-decoder.js';
export type { MllpDecoderEvent, MllpDecoderOptions } from './mllp-decoder.js';
export { MllpClient } from './mllp-client.js';
export { normalizeMessageText, findControlCharacter } from './segments.js';
export type { ControlCharacter } from './segments.js';
export { decodeHl7Bytes, declaredCharacterSet, encodeHl7Text } from './character-set.js';
export {
  readMessageHeader,
  triggerEventOf,
  segmentNames,
  hasSegment,
  Hl7ParseError,
} from './message-header.js';
export type { MessageHeader, Hl7ParseErrorCode } from './message-header.js';
export { escapeHl7, unescapeHl7, DEFAULT_DELIMITERS } from './escape.js';
export type { Hl7Delimiters } from './escape.js';
export { buildAck, ackCodeFromAck, formatHl7Timestamp } from './ack.js';
export type { AckCode, AckError, BuildAckOptions } from './ack.js';
export { parseAdtMessage } from './adt-message.js';
export { findAdtMessageProblem, MAX_IDENTIFIER_LENGTH } from './adt-requirements.js';
export type { AdtMessageProblem } from './adt-requirements.js';
export type { AdtMessage, AdtPatient, AdtVisit, AdtDiagnosis, PatientIdentifier } from './adt-message.js';
export { ADT_FIELD_USES } from './adt-fields.js';
export type { AdtFieldNeed, AdtFieldUse } from './adt-fields.js';
export { mergeScopeOf } from './merge-groups.js';
export {
  SANDBOX_PREFIX,
  sandboxAdtMessage,
  sandboxIdentifier,
  sandboxVisitNumber,
} from './sandbox-identity.js';
export type { MergeGroup, MergeScope } from './merge-groups.js';
export { splitBatch, splitBatchPayload } from './batch.js';
export type { BatchCountMismatch, BatchEnvelope, BatchHeader, BatchPayload } from './batch.js';
export { buildBatchAck } from './batch-ack.js';
export type { BuildBatchAckOptions } from './batch-ack.js';
export { parsePatientContext } from './patient-context.js';
export type {
  AdtPatientContext,
  Clinician,
  CodedValue,
  ContactPhone,
  Coverage,
  NextOfKin,
  PersonName,
  PostalAddress,
} from './patient-context.js';
