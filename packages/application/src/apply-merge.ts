/**
 * Applies merge and identifier-move messages: A40 / A34 / A18 / A39 (patient merge; PID = survivor,
 * MRG-1 = prior), A47 (identifier change, MRG-1 → PID-3), A41 (account, MRG-3 → PID-18) and A42
 * (visit, MRG-5 → PV1-19). An ADT_A39 message (A39/A40/A41/A42) may carry several PID/MRG groups:
 * each is a merge of its own, applied in message order in the one transaction, so a later group
 * sees what an earlier one moved (the parse refuses the message if any group names no prior).
 *
 * Contract: runs inside the caller's transaction. Idempotent: each group leaves one row in the
 * `patient_merges` audit trail, written with the merges themselves, and a retried job that finds
 * them changes nothing. A group naming an unknown prior moves nothing and is recorded as
 * `prior_unknown`, but the prior identifier or visit is remembered as merged into the survivor, so
 * an older event for it that arrives later lands on the survivor (the same end state as in event
 * order). Locks: the prior patient or visit first,
 * then the survivor, the order a late event for a merged-away key takes too.
 */
import { duplicateFollowUpsToRetire, identifierKey, rekeyForPatient } from '@adt/adt';
import {
  cancelFollowUp,
  cancelPatientFollowUps,
  createEncounterAlias,
  createPatientAlias,
  findEncounterByKey,
  findEncounterFollowUps,
  findPatientByIdentifier,
  hasMergeRecord,
  isPatientDeceased,
  listPatientEncounters,
  lockEncounter,
  mergeEncounterContext,
  mergePatientContext,
  moveAccountNumber,
  moveEncounterRecords,
  movePatientRecords,
  recordMerge,
  rekeyEncounter,
  resolveMergedPatient,
  upsertPatient,
  type EncounterRecord,
  type MergeOutcome,
  type MergeRecord,
  type MergeScope,
  type Queryable,
} from '@adt/db';
import { mergeScopeOf, type AdtMessage, type MergeGroup, type PatientIdentifier } from '@adt/hl7';
import { patientUpsert } from './message-reading.js';
import type { ProcessingSettings } from './processing-settings.js';
import { replayStoredEncounter, type ReplayOutcome } from './replay-encounter.js';
import { UnprocessableMessageError } from './unprocessable-message-error.js';

/** What the merge needs from the message and the practice. */
export interface MergeContext {
  messageId: string;
  adt: AdtMessage;
  occurredAt: Date;
  settings: ProcessingSettings;
  /** What the replays of merged encounters changed, collected as they run. */
  replayed: Pick<ReplayOutcome, 'created' | 'effects'>;
}

/** What a merge message did: each group's outcome in message order, or nothing on a retry. */
export type MergeResult = MergeOutcome[] | 'already_applied';

/** The audit row of one group before it is numbered. */
type GroupRecord = Omit<MergeRecord, 'groupNumber'>;

/**
 * Applies a merge message, every group in message order (see the file comment for the contract).
 * @param db - the processing transaction
 * @param context - the message, the settings and where replays are collected
 */
export async function applyMerge(db: Queryable, context: MergeContext): Promise<MergeResult> {
  const scope = mergeScopeOf(context.adt.eventType);
  if (!scope) throw new Error(`${context.adt.eventType} is not a merge event`);
  if (await hasMergeRecord(db, context.messageId)) return 'already_applied';
  const { mergeGroups } = context.adt;
  if (mergeGroups.length === 0) throw new UnprocessableMessageError('the merge has no PID/MRG group');
  const outcomes: MergeOutcome[] = [];
  for (const [index, group] of mergeGroups.entries()) {
    const groupContext = { ...context, adt: groupMessage(context.adt, group) };
    const record = await (scope === 'account'
      ? mergeAccount(db, groupContext)
      : scope === 'visit'
        ? mergeVisit(db, groupContext)
        : mergePatients(db, groupContext, scope));
    await recordMerge(db, { ...record, groupNumber: index + 1 });
    outcomes.push(record.outcome);
  }
  return outcomes;
}

/** The message as one group of it says it: that group's survivor, visit and prior record. */
function groupMessage(adt: AdtMessage, group: MergeGroup): AdtMessage {
  return {
    ...adt,
    patient: group.patient,
    visit: group.visit,
    priorIdentifiers: group.priorIdentifiers,
    accountNumber: group.accountNumber,
    priorAccountNumber: group.priorAccountNumber,
    priorVisitNumber: group.priorVisitNumber,
    mergeGroups: [group],
  };
}

function describeKey(key: PatientIdentifier): string {
  return `${key.id}^^^${key.assigningAuthority}`;
}

function baseRecord(
  context: MergeContext,
  scope: MergeScope,
): Pick<GroupRecord, 'messageId' | 'eventType' | 'scope' | 'facility'> {
  return {
    messageId: context.messageId,
    eventType: context.adt.eventType,
    scope,
    facility: context.adt.header.sendingFacility,
  };
}

async function mergePatients(db: Queryable, context: MergeContext, scope: MergeScope): Promise<GroupRecord> {
  const { adt } = context;
  const priorKey = identifierKey(adt.priorIdentifiers, adt.header.sendingFacility);
  if (!priorKey) throw new UnprocessableMessageError('MRG-1 (prior patient identifier) is empty');
  const prior = await findPatientByIdentifier(db, priorKey);
  const survivorId = await upsertPatient(db, patientUpsert(adt, context.occurredAt));
  const record = {
    ...baseRecord(context, scope),
    priorKey: describeKey(priorKey),
    survivorKey: describeKey(identifierKey(adt.patient.identifiers, adt.header.sendingFacility) ?? priorKey),
    survivorPatientId: survivorId,
  };
  if (!prior) {
    const aliasId = await createPatientAlias(
      db,
      { mrn: priorKey.id, assigningAuthority: priorKey.assigningAuthority, identifierType: priorKey.type },
      survivorId,
    );
    // An event for the prior patient committed in between: retry, and the merge will move it.
    if (aliasId === null) throw new Error('the prior patient was created concurrently; retrying the merge');
    return { ...record, priorPatientId: aliasId, outcome: 'prior_unknown', moved: {} };
  }
  const priorId = await resolveMergedPatient(db, prior.id, prior.mergedInto);
  if (priorId === survivorId) {
    return { ...record, priorPatientId: prior.id, outcome: 'already_merged', moved: {} };
  }
  const moved = await movePatient(db, context, priorId, survivorId);
  return { ...record, priorPatientId: priorId, outcome: 'merged', moved };
}

/** Moves everything of the prior patient to the survivor. */
async function movePatient(
  db: Queryable,
  context: MergeContext,
  priorId: string,
  survivorId: string,
): Promise<Record<string, unknown>> {
  const rekeyed: string[] = [];
  const merged: Record<string, unknown>[] = [];
  for (const encounter of await listPatientEncounters(db, priorId)) {
    const key = rekeyForPatient(encounter.encounterKey, priorId, survivorId);
    const collision =
      key === encounter.encounterKey
        ? null
        : await findEncounterByKey(db, { facility: encounter.facility, encounterKey: key });
    if (collision && encounter.mergedInto === null) {
      // The same visit was recorded under both patients (keys derived from patient and admit
      // time): one encounter, one follow-up per kind.
      const into = await lockEncounter(db, {
        patientId: survivorId,
        facility: encounter.facility,
        encounterKey: key,
        visitNumber: '',
      });
      merged.push({
        from: encounter.id,
        into: into.id,
        ...(await mergeEncounterInto(db, context, encounter.id, into)),
      });
      continue;
    }
    // A merged-away alias whose new key is taken keeps its old key: it still leads to its survivor.
    await rekeyEncounter(db, encounter.id, {
      patientId: survivorId,
      encounterKey: collision ? encounter.encounterKey : key,
    });
    rekeyed.push(encounter.id);
  }
  const records = await movePatientRecords(db, priorId, survivorId);
  await mergePatientContext(db, priorId, survivorId);
  const cancelledDeceased = (await isPatientDeceased(db, survivorId))
    ? await cancelPatientFollowUps(db, survivorId, 'deceased')
    : 0;
  return { encounters: rekeyed, mergedEncounters: merged, ...records, cancelledDeceased };
}

/**
 * Merges one encounter record into another: duplicate active follow-ups are retired as `merged`
 * (the one with logged actions, else the older, stays), events and follow-ups move, and the
 * survivor is replayed over the union of the events.
 */
async function mergeEncounterInto(
  db: Queryable,
  context: MergeContext,
  fromId: string,
  into: EncounterRecord,
): Promise<{ retired: string[]; followUps: string[]; events: number }> {
  const both = [
    ...(await findEncounterFollowUps(db, into.id)),
    ...(await findEncounterFollowUps(db, fromId)),
  ];
  both.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  const retired = duplicateFollowUpsToRetire(both);
  for (const id of retired) await cancelFollowUp(db, id, 'merged');
  const moved = await moveEncounterRecords(db, fromId, { id: into.id, patientId: into.patientId });
  await mergeEncounterContext(db, fromId, into.id);
  // The survivor is replayed over the union of the events: its state and follow-ups in event order.
  const replayed = await replayStoredEncounter(db, context.settings, into, context.messageId);
  context.replayed.created.push(...replayed.created);
  context.replayed.effects.push(...replayed.effects);
  return { retired, ...moved };
}

async function mergeVisit(db: Queryable, context: MergeContext): Promise<GroupRecord> {
  const { adt } = context;
  const facility = adt.header.sendingFacility;
  const priorVisit = adt.priorVisitNumber;
  const survivorVisit = adt.visit?.visitNumber ?? '';
  if (priorVisit === '' || survivorVisit === '') {
    throw new UnprocessableMessageError('A42 needs MRG-5 (prior visit number) and PV1-19 (visit number)');
  }
  const patientId = await upsertPatient(db, patientUpsert(adt, context.occurredAt));
  const record = {
    ...baseRecord(context, 'visit'),
    priorKey: priorVisit,
    survivorKey: survivorVisit,
    priorPatientId: null,
    survivorPatientId: patientId,
  };
  const prior = await findEncounterByKey(db, { facility, encounterKey: priorVisit });
  const survivor = await lockEncounter(db, {
    patientId,
    facility,
    encounterKey: survivorVisit,
    visitNumber: survivorVisit,
  });
  if (!prior) {
    await createEncounterAlias(db, { facility, encounterKey: priorVisit, patientId, intoId: survivor.id });
    return { ...record, outcome: 'prior_unknown', moved: {} };
  }
  // Follow an earlier merge of the prior visit to the record that holds its events now.
  const holder =
    prior.mergedInto === null ? prior : await lockEncounter(db, { ...prior, visitNumber: priorVisit });
  if (holder.id === survivor.id) return { ...record, outcome: 'already_merged', moved: {} };
  const moved = await mergeEncounterInto(db, context, holder.id, survivor);
  return {
    ...record,
    priorPatientId: prior.patientId,
    outcome: 'merged',
    moved: { from: holder.id, into: survivor.id, ...moved },
  };
}

async function mergeAccount(db: Queryable, context: MergeContext): Promise<GroupRecord> {
  const { adt } = context;
  if (adt.priorAccountNumber === '' || adt.accountNumber === '') {
    throw new UnprocessableMessageError('A41 needs MRG-3 (prior account number) and PID-18 (account number)');
  }
  const patientId = await upsertPatient(db, patientUpsert(adt, context.occurredAt));
  const encounters = await moveAccountNumber(db, {
    facility: adt.header.sendingFacility,
    patientId,
    prior: adt.priorAccountNumber,
    survivor: adt.accountNumber,
  });
  return {
    ...baseRecord(context, 'account'),
    priorKey: adt.priorAccountNumber,
    survivorKey: adt.accountNumber,
    priorPatientId: null,
    survivorPatientId: patientId,
    outcome: encounters.length > 0 ? 'merged' : 'prior_unknown',
    moved: { encounters },
  };
}
