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
 * Merge events and what each moves from MRG to PID/PV1 (HL7 v2 chapter 3.6): the fields the merge
 * cannot do without.
 */
const MERGE_REQUIREMENTS: ReadonlyMap<string, (adt: AdtMessage) => AdtMessageProblem | null> = new Map([
  ['A40', needsPriorPatient],
  ['A34', needsPriorPatient],
  ['A18', needsPriorPatient],
  ['A39', needsPriorPatient],
  ['A47', needsPriorPatient],
  ['A41', needsAccounts],
  ['A42', needsVisits],
]);

/**
 * Checks a parsed ADT message against what processing needs: the merge fields of merge events,
 * identifiers short enough to key stored records, and values the database can hold.
 * @param adt - the parsed message (`parseAdtMessage` has already required PID-3)
 * @returns the first problem found, or null when the message can be applied
 */
export function findAdtMessageProblem(adt: AdtMessage): AdtMessageProblem | null {
  return (
    MERGE_REQUIREMENTS.get(adt.eventType.trim().toUpperCase())?.(adt) ??
    tooLongIdentifier(adt) ??
    nulCharacter(adt)
  );
}

function needsPriorPatient(adt: AdtMessage): AdtMessageProblem | null {
  if (adt.priorIdentifiers.length > 0) return null;
  return missing(
    'MRG',
    1,
    `MRG-1 (prior patient identifier) is empty: ${eventOf(adt)} merges the patient in MRG-1 into the one in PID-3`,
  );
}

function needsAccounts(adt: AdtMessage): AdtMessageProblem | null {
  if (adt.priorAccountNumber === '') {
    return missing('MRG', 3, 'MRG-3 (prior account number) is empty: A41 moves that account to PID-18');
  }
  if (adt.accountNumber === '') {
    return missing('PID', 18, 'PID-18 (patient account number) is empty: A41 moves MRG-3 to it');
  }
  return null;
}

function needsVisits(adt: AdtMessage): AdtMessageProblem | null {
  if (adt.priorVisitNumber === '') {
    return missing('MRG', 5, 'MRG-5 (prior visit number) is empty: A42 moves that visit to PV1-19');
  }
  if ((adt.visit?.visitNumber ?? '') === '') {
    return missing('PV1', 19, 'PV1-19 (visit number) is empty: A42 moves MRG-5 to it');
  }
  return null;
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

function missing(segment: string, field: number, text: string): AdtMessageProblem {
  return { hl7ErrorCode: '101', location: { segment, field }, text };
}

function eventOf(adt: AdtMessage): string {
  return adt.eventType.trim().toUpperCase();
}
