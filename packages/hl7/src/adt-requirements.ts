/**
 * What a parsed ADT message must hold before anything is applied: the listener checks it before it
 * answers, so a message answered AA/CA never fails later for a reason a retry cannot fix, and the
 * worker checks it again on the stored message (a replay, or a message stored before this check).
 */
import type { AdtMessage, PatientIdentifier } from './adt-message.js';

/**
 * The longest identifier kept (MRN, assigning authority, visit and account numbers, MSH-10): the
 * HL7 v2.7+ length of MSH-10 and of most ST identifiers, and short enough that the database's
 * unique indexes over two or three of them stay under their row size limit (about 2,700 bytes).
 */
export const MAX_IDENTIFIER_LENGTH = 199;

/** Why a parsed message cannot be applied, with where it is and the HL7 error code (table 0357). */
export interface AdtMessageProblem {
  /** 101 required field missing, 102 data type error (a value too long or not storable). */
  hl7ErrorCode: '101' | '102';
  /** Where the problem is, e.g. `{ segment: 'MRG', field: 1 }`; absent when it is not one field. */
  location?: { segment: string; field: number };
  /** What is wrong, in words the sender can act on (no patient data). */
  text: string;
}

/**
 * Checks a parsed ADT message against what processing needs beyond what the parse itself refuses
 * (PID-3, and every merge group's prior and surviving record): identifiers short enough to key
 * stored records, and values the database can hold.
 * @param adt - the parsed message
 * @returns the first problem found, or null when the message can be applied
 */
export function findAdtMessageProblem(adt: AdtMessage): AdtMessageProblem | null {
  return tooLongIdentifier(adt) ?? nulCharacter(adt);
}

function tooLongIdentifier(adt: AdtMessage): AdtMessageProblem | null {
  const checks: [string, number, string, string][] = [
    // Part of the encounter key when PV1-19 and PV1-44 are empty.
    ['MSH', 9, 'trigger event', adt.eventType],
    ...identifierChecks('PID', 3, 'patient identifier', adt.patient.identifiers),
    ...identifierChecks('MRG', 1, 'prior patient identifier', adt.priorIdentifiers),
    ['PID', 18, 'patient account number', adt.accountNumber],
    ['MRG', 3, 'prior account number', adt.priorAccountNumber],
    ['MRG', 5, 'prior visit number', adt.priorVisitNumber],
    ['PV1', 19, 'visit number', adt.visit?.visitNumber ?? ''],
    // Every patient group of a merge keys records of its own.
    ...adt.mergeGroups.flatMap((group): [string, number, string, string][] => [
      ...identifierChecks('PID', 3, 'patient identifier', group.patient.identifiers),
      ...identifierChecks('MRG', 1, 'prior patient identifier', group.priorIdentifiers),
      ['PID', 18, 'patient account number', group.accountNumber],
      ['MRG', 3, 'prior account number', group.priorAccountNumber],
      ['MRG', 5, 'prior visit number', group.priorVisitNumber],
      ['PV1', 19, 'visit number', group.visit?.visitNumber ?? ''],
    ]),
  ];
  const found = checks.find(([, , , value]) => value.length > MAX_IDENTIFIER_LENGTH);
  if (found === undefined) return null;
  const [segment, field, label, value] = found;
  return {
    hl7ErrorCode: '102',
    location: { segment, field },
    text: `${segment}-${field} (${label}) is ${value.length} characters long; at most ${MAX_IDENTIFIER_LENGTH} are accepted`,
  };
}

function identifierChecks(
  segment: string,
  field: number,
  label: string,
  identifiers: readonly PatientIdentifier[],
): [string, number, string, string][] {
  return identifiers.flatMap((id): [string, number, string, string][] => [
    [segment, field, label, id.id],
    [segment, field, `${label}, assigning authority`, id.assigningAuthority],
    [segment, field, `${label}, identifier type`, id.type],
  ]);
}

/** Postgres text cannot hold NUL, which an escape (`\X00\`) can produce even in a clean message. */
function nulCharacter(adt: AdtMessage): AdtMessageProblem | null {
  if (!containsNul(adt)) return null;
  return {
    hl7ErrorCode: '102',
    text: 'A field decodes to a NUL character (for example the escape \\X00\\), which cannot be stored; check the sender',
  };
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsNul);
  return false;
}
