/**
 * The patient groups of merge and identifier-move messages. ADT_A39 (A39, A40, A41, A42) repeats
 * `PID [PD1] MRG [PV1]` once per record merged; ADT_A30 (A34, A47) and ADT_A18 carry one group.
 * Each group names its own survivor (PID, PV1) and the record it replaces (MRG), so every group
 * is a merge of its own. A group that cannot be applied refuses the whole message: applying only
 * some groups of a message would leave the sender's and this system's records disagreeing.
 */
import type { AdtPatient, AdtVisit, PatientIdentifier } from './adt-message.js';
import type { Hl7Delimiters } from './escape.js';
import { SegmentReader, segmentNameOf, type MessageSegments } from './segment-reader.js';
import { Hl7ParseError } from './message-header.js';

/** What a merge message moves: a patient, an account (PID-18), a visit (PV1-19) or an identifier. */
export type MergeScope = 'patient' | 'account' | 'visit' | 'identifier';

const MERGE_SCOPES: ReadonlyMap<string, MergeScope> = new Map([
  ['A40', 'patient'],
  ['A34', 'patient'],
  ['A18', 'patient'],
  ['A39', 'patient'],
  ['A47', 'identifier'],
  ['A41', 'account'],
  ['A42', 'visit'],
]);

/**
 * What a merge event moves, or null for any other event.
 * @param eventType - the trigger event, e.g. `A40`
 */
export function mergeScopeOf(eventType: string): MergeScope | null {
  return MERGE_SCOPES.get(eventType.trim().toUpperCase()) ?? null;
}

/** One patient group of a merge message: the survivor and the record it replaces. */
export interface MergeGroup {
  /** The group's PID: the surviving patient. */
  patient: AdtPatient;
  /** The group's PV1 (A42: the surviving visit), null when the group has none. */
  visit: AdtVisit | null;
  /** MRG-1: the identifiers being replaced. */
  priorIdentifiers: PatientIdentifier[];
  /** PID-18.1, the surviving account number (A41). */
  accountNumber: string;
  /** MRG-3.1, the account number being replaced (A41). */
  priorAccountNumber: string;
  /** MRG-5.1, the visit number being replaced (A42). */
  priorVisitNumber: string;
}

/** The segments of one group; an absent one reads as empty. */
export interface MergeGroupSegments {
  pid: SegmentReader;
  mrg: SegmentReader;
  pv1: SegmentReader;
}

/**
 * Splits a message into its patient groups, in message order. A PID opens a group; an MRG or PV1
 * joins the open group unless it already has one, else it opens a group without a PID (which
 * {@link checkMergeGroups} refuses). Other segments (EVN, PD1, DG1…) belong to no group.
 * @param message - the parsed message
 * @param delimiters - the message's delimiters
 */
export function mergeGroupSegments(
  message: MessageSegments,
  delimiters: Hl7Delimiters,
): MergeGroupSegments[] {
  const absent = new SegmentReader(undefined, delimiters);
  const groups: MergeGroupSegments[] = [];
  message.segments.forEach((segment) => {
    const name = segmentNameOf(segment, message.fieldSeparator);
    if (name !== 'PID' && name !== 'MRG' && name !== 'PV1') return;
    const reader = new SegmentReader(segment, delimiters);
    const slot = name === 'PID' ? 'pid' : name === 'MRG' ? 'mrg' : 'pv1';
    const open = groups[groups.length - 1];
    if (open && !open[slot].present) {
      open[slot] = reader;
    } else {
      groups.push({ pid: absent, mrg: absent, pv1: absent, [slot]: reader });
    }
  });
  return groups;
}

/** A field a group of the given scope cannot do without, and what it means. */
interface RequiredField {
  field: string;
  meaning: string;
  value: (group: MergeGroup) => string;
}

const SURVIVOR_ID: RequiredField = {
  field: 'PID-3',
  meaning: 'patient identifier list',
  value: (group) => group.patient.identifiers[0]?.id ?? '',
};

const REQUIRED_FIELDS: Readonly<Record<MergeScope, readonly RequiredField[]>> = {
  patient: [
    SURVIVOR_ID,
    { field: 'MRG-1', meaning: 'prior patient identifier', value: (g) => g.priorIdentifiers[0]?.id ?? '' },
  ],
  identifier: [
    SURVIVOR_ID,
    { field: 'MRG-1', meaning: 'prior patient identifier', value: (g) => g.priorIdentifiers[0]?.id ?? '' },
  ],
  account: [
    SURVIVOR_ID,
    { field: 'MRG-3', meaning: 'prior account number', value: (g) => g.priorAccountNumber },
    { field: 'PID-18', meaning: 'account number', value: (g) => g.accountNumber },
  ],
  visit: [
    SURVIVOR_ID,
    { field: 'MRG-5', meaning: 'prior visit number', value: (g) => g.priorVisitNumber },
    { field: 'PV1-19', meaning: 'visit number', value: (g) => g.visit?.visitNumber ?? '' },
  ],
};

/**
 * Checks that every group of a merge message names both records it joins. A retry cannot fix a
 * group that does not, so the whole message is refused, naming the field and the group.
 * @param scope - what the message moves
 * @param groups - its groups, in message order
 * @throws {@link Hl7ParseError} `missing_field` with the field (e.g. `MRG-1`) of the first group
 *   that lacks one
 */
export function checkMergeGroups(scope: MergeScope, groups: readonly MergeGroup[]): void {
  if (groups.length === 0) {
    throw new Hl7ParseError('missing_field', 'The merge has no PID segment, so no survivor', 'PID-3');
  }
  groups.forEach((group, index) => {
    for (const required of REQUIRED_FIELDS[scope]) {
      if (required.value(group) !== '') continue;
      const where =
        groups.length === 1 ? '' : ` in patient group ${String(index + 1)} of ${String(groups.length)}`;
      throw new Hl7ParseError(
        'missing_field',
        `${required.field} (${required.meaning}) is empty${where}: every PID/MRG group of a merge must name both records it joins, so none of the message's groups is applied`,
        required.field,
      );
    }
  });
}
