/**
 * Applies one stored ADT message to patient, encounter and follow-up state.
 *
 * Input: a message id (the job payload). Idempotent: the message's encounter_events row is written
 * in the same transaction as every change, so a retried or duplicated job finds it and changes
 * nothing (merges: their `patient_merges` row). Ordering: the patient and encounter rows are
 * locked for the transaction, so events of one encounter apply one at a time across workers. The
 * newest event of its encounter (EVN-2/MSH-7, then arrival) is applied on top of the stored state;
 * an older one makes the worker replay the whole encounter in event order, so the result is the
 * in-order one whatever the arrival order (see `replay-encounter.ts`). Each transaction queues its
 * patients for the readmission-supersession check the job runs after the commit (`@adt/db`
 * `settleSupersession`). The message's call context (phones, contacts, language, coverage, reason
 * for visit, attending, …) is stored beside the patient and the encounter: newer values replace, an
 * older message only fills gaps. A28/A31 change the patient only; merges and identifier moves are
 * applied by `apply-merge.ts`. The steps read top to bottom: load, parse and check, then one
 * transaction for the message's kind (merge, demographics, or an event of an encounter).
 * Errors: database errors propagate (the job retries); a message that cannot be parsed, or lacks
 * what processing needs (`findAdtMessageProblem`, which the listener checks before its ACK), is
 * marked failed and raises {@link UnprocessableMessageError} (no retry).
 */
import type pg from 'pg';
import {
  changesHospitalStay,
  foldVisitState,
  parseHl7Timestamp,
  planFollowUpEffects,
  ruleInputFor,
  type FollowUpEffect,
} from '@adt/adt';
import {
  cancelPatientFollowUps,
  findMessageById,
  findPatientDeath,
  lockEncounter,
  markMessageFailed,
  markMessagesProcessed,
  messageTraceOf,
  queueMergeSupersessionCheck,
  queueSupersessionCheck,
  recordOrderedEncounterEvent,
  saveMessageContext,
  saveStateFindingFollowUps,
  savePatientContext,
  touchSamePersonFollowUps,
  upsertPatientRecord,
  withTransaction,
  type MessageTrace,
  type Queryable,
  type StoredMessage,
} from '@adt/db';
import {
  decodeHl7Bytes,
  findAdtMessageProblem,
  Hl7ParseError,
  mergeScopeOf,
  parseAdtMessage,
  sandboxAdtMessage,
  parsePatientContext,
  type AdtMessage,
  type AdtPatientContext,
} from '@adt/hl7';
import { applyMerge, type MergeContext } from './apply-merge.js';
import { applyFollowUpEffects, type CreatedFollowUp } from './follow-up-effects.js';
import { eventVisit, messageEncounterKey, patientUpsert } from './message-reading.js';
import type { ProcessingSettings } from './processing-settings.js';
import { replayStoredEncounter } from './replay-encounter.js';
import { UnprocessableMessageError } from './unprocessable-message-error.js';

/** What applying a message did, for logs and metrics (no patient data). */
export interface ApplyOutcome {
  status: 'applied' | 'already_applied' | 'skipped';
  eventType: string;
  created: CreatedFollowUp[];
  effects: FollowUpEffect['type'][];
  /**
   * The message's correlation id, receipt time and earlier runs, as read before this run: the
   * worker's log lines and latency metric use them without reading the message a second time.
   */
  trace: MessageTrace;
}

/** What applying a message did to the stored state ({@link ApplyOutcome} without the trace). */
export type AppliedChanges = Omit<ApplyOutcome, 'trace'>;

/** What {@link applyMessage} needs besides the message id: the pool and the practice settings. */
export interface ApplyDeps extends ProcessingSettings {
  pool: pg.Pool;
}

/** A28 / A31: demographics only (routing spec); no encounter is touched. */
const DEMOGRAPHICS_ONLY_EVENTS: ReadonlySet<string> = new Set(['A28', 'A31']);

/**
 * Applies a stored message (see the file comment for the contract).
 * @param deps - pool, rules and routing settings
 * @param messageId - the stored message's id
 */
export async function applyMessage(deps: ApplyDeps, messageId: string): Promise<ApplyOutcome> {
  const message = await findMessageById(deps.pool, messageId);
  if (!message) throw new UnprocessableMessageError(`message ${messageId} does not exist`);
  const trace = messageTraceOf(message);
  const read = await readStoredMessage(deps, messageId, message);
  if (read.kind === 'skipped') return { ...read.changes, trace };
  const changes = await withTransaction(deps.pool, async (db) => {
    const writes = new DeferredWrites();
    const applied = await applyReadMessage(db, deps, read.message, writes);
    await writes.flush(db);
    return applied;
  });
  return { ...changes, trace };
}

/** A message parsed and checked, ready to apply. */
export interface ReadMessage {
  messageId: string;
  adt: AdtMessage;
  context: AdtPatientContext;
  occurredAt: Date;
}

/** What reading a stored message gave: a message to apply, or nothing to do. */
export type ReadOutcome =
  { kind: 'read'; message: ReadMessage } | { kind: 'skipped'; changes: AppliedChanges };

/**
 * Reads a stored message for applying: skips one already settled, parses and checks the rest.
 * @param deps - pool (a message that can never be applied is marked failed at once) and settings
 * @param messageId - the stored message's id
 * @param message - the stored message with its raw bytes
 * @throws {@link UnprocessableMessageError} when it cannot be applied (marked failed first)
 */
export async function readStoredMessage(
  deps: ApplyDeps,
  messageId: string,
  message: StoredMessage & { raw: Buffer | null },
): Promise<ReadOutcome> {
  if (message.status !== 'received' && message.status !== 'failed') {
    return {
      kind: 'skipped',
      changes: { status: 'skipped', eventType: message.messageType, created: [], effects: [] },
    };
  }
  if (!message.raw) throw new UnprocessableMessageError(`message ${messageId} has no stored content`);

  let adt: AdtMessage;
  let context: AdtPatientContext;
  try {
    const text = decodeHl7Bytes(message.raw);
    // A test feed's message lives in its own identity namespace (see `sandboxAdtMessage`).
    adt = message.sandbox ? sandboxAdtMessage(parseAdtMessage(text)) : parseAdtMessage(text);
    context = parsePatientContext(text);
  } catch (error) {
    const reason = error instanceof Hl7ParseError ? error.message : 'message could not be parsed';
    await markMessageFailed(deps.pool, messageId, reason);
    throw new UnprocessableMessageError(reason);
  }
  // The listener refuses such messages before answering; one stored earlier, or replayed, stops here.
  const problem = findAdtMessageProblem(adt);
  if (problem !== null) {
    await markMessageFailed(deps.pool, messageId, problem.text);
    throw new UnprocessableMessageError(problem.text);
  }
  const zone = deps.zoneForFacility(adt.header.sendingFacility);
  const occurredAt = parseHl7Timestamp(adt.recordedAt, zone) ?? message.receivedAt;
  return { kind: 'read', message: { messageId, adt, context, occurredAt } };
}

/**
 * The writes every message ends with (marked processed, patients queued for the supersession
 * check), collected and written together at the end of the transaction: one statement each for a
 * whole batch.
 */
export class DeferredWrites {
  private readonly processed: { id: string; reason: string | null }[] = [];
  private readonly supersessionPatients = new Set<string>();

  /** The message is done; marked `processed` with the reason when the transaction ends. */
  processedMessage(id: string, reason: string | null): void {
    this.processed.push({ id, reason });
  }

  /** These patients' readmission supersessions are worked out again after the commit. */
  checkSupersession(patientIds: readonly string[]): void {
    for (const id of patientIds) this.supersessionPatients.add(id);
  }

  /** Writes what was collected, in the transaction. */
  async flush(db: Queryable): Promise<void> {
    if (this.supersessionPatients.size > 0) await queueSupersessionCheck(db, [...this.supersessionPatients]);
    await markMessagesProcessed(db, this.processed);
    this.processed.length = 0;
    this.supersessionPatients.clear();
  }
}

/**
 * Applies a read message in the caller's transaction: a merge, a demographics update, or an event
 * of an encounter. The last writes are collected in `writes`; the caller flushes them before it
 * commits.
 * @param db - the processing transaction
 * @param settings - rules and routing settings
 * @param message - the read message
 * @param writes - where its closing writes are collected
 */
export async function applyReadMessage(
  db: Queryable,
  settings: ProcessingSettings,
  message: ReadMessage,
  writes: DeferredWrites,
): Promise<AppliedChanges> {
  const eventType = message.adt.eventType;
  if (mergeScopeOf(eventType) !== null) return applyMergeMessage(db, settings, message, writes);
  if (DEMOGRAPHICS_ONLY_EVENTS.has(eventType.trim().toUpperCase())) {
    return applyDemographics(db, message, writes);
  }
  return applyEncounterEvent(db, settings, message, writes);
}

/** An event of an encounter: the patient, the encounter's state and its follow-ups. */
async function applyEncounterEvent(
  db: Queryable,
  deps: ProcessingSettings,
  message: ReadMessage,
  writes: DeferredWrites,
): Promise<AppliedChanges> {
  const { messageId, adt, context, occurredAt } = message;
  const eventType = adt.eventType;
  const incoming = eventVisit(adt, deps.zoneForFacility(adt.header.sendingFacility));
  const patient = await upsertPatientRecord(db, patientUpsert(adt, occurredAt));
  const patientId = patient.id;
  const encounter = await lockEncounter(db, {
    patientId,
    facility: adt.header.sendingFacility,
    encounterKey: messageEncounterKey(adt, patientId, incoming, occurredAt),
    visitNumber: adt.visit?.visitNumber ?? '',
    accountNumber: adt.accountNumber,
  });
  const order = await recordOrderedEncounterEvent(db, {
    messageId,
    encounterId: encounter.id,
    eventType,
    occurredAt,
    note: null,
  });
  if (order === 'already_recorded') {
    writes.processedMessage(messageId, 'already applied');
    return { status: 'already_applied', eventType, created: [], effects: [] };
  }
  // Whatever its order: an older message only fills what newer ones left empty.
  await saveMessageContext(db, { patientId, encounterId: encounter.id }, context, occurredAt);
  // Stays, follow-ups and identifiers of these patients may change: their readmission
  // supersessions are worked out again once this commits (`settleSupersession`).
  writes.checkSupersession([patientId, encounter.patientId]);
  // The stored patient's death rules out any new follow-up, whatever the message says. The
  // upserted patient's row is locked since the upsert, so its flag from there is still current;
  // an encounter of another patient (one merged into it) has its own row read here.
  const ownEncounter = encounter.patientId === patientId;
  const encounterPatient = ownEncounter ? patient : await findPatientDeath(db, encounter.patientId);
  const patientDeceased = encounterPatient.deceased || (!ownEncounter && patient.deceased);

  if (order === 'older') {
    // Older than an event already applied: replay the encounter in event order, each event
    // seeing the patient as alive or dead as it was at its time.
    const { created, effects } = await replayStoredEncounter(
      db,
      deps,
      encounter,
      messageId,
      ownEncounter ? patient : undefined,
    );
    writes.processedMessage(messageId, 'older than the encounter state; encounter replayed in event order');
    return { status: 'applied', eventType, created, effects };
  }

  const state = {
    ...foldVisitState(encounter, incoming, eventType),
    visitNumber: encounter.visitNumber !== '' ? encounter.visitNumber : (adt.visit?.visitNumber ?? ''),
  };
  const followUps = await saveStateFindingFollowUps(db, encounter.id, state, {
    type: eventType,
    at: occurredAt,
  });
  // The same person's other follow-ups show this stay (in hospital, readmitted): refresh them.
  if (changesHospitalStay(encounter, state))
    await touchSamePersonFollowUps(db, encounter.patientId, encounter.id);
  const effects = planFollowUpEffects(
    ruleInputFor(
      { eventType, occurredAt, deceased: adt.patient.deathIndicator === 'Y' },
      state,
      patientDeceased,
    ),
    followUps,
    deps.rules,
  );
  const created = await applyFollowUpEffects(db, effects, {
    encounter: { ...encounter, ...state },
    messageId,
    // A death stored already (PID-30 included, by the upsert) keeps its time; an expired
    // disposition records it at this event's.
    diedAt: encounterPatient.deceased
      ? encounterPatient.deceasedAt
      : patient.deceased
        ? patient.deceasedAt
        : occurredAt,
    defaultTeam: deps.defaultTeam,
    zone: deps.rules.calendar.zone,
  });
  writes.processedMessage(messageId, null);
  return { status: 'applied', eventType, created, effects: effects.map((e) => e.type) };
}

/** A merge or identifier move (see `apply-merge.ts`). */
async function applyMergeMessage(
  db: Queryable,
  settings: ProcessingSettings,
  message: ReadMessage,
  writes: DeferredWrites,
): Promise<AppliedChanges> {
  const { messageId, adt, occurredAt } = message;
  const context: MergeContext = {
    messageId,
    adt,
    occurredAt,
    settings,
    replayed: { created: [], effects: [] },
  };
  const result = await applyMerge(db, context);
  const eventType = adt.eventType;
  if (result === 'already_applied') {
    writes.processedMessage(messageId, 'already applied');
    return { status: 'already_applied', eventType, ...context.replayed };
  }
  await queueMergeSupersessionCheck(db, messageId);
  writes.processedMessage(messageId, `merge: ${result.join(', ')}`);
  return { status: 'applied', eventType, ...context.replayed };
}

/** A28 / A31: the patient's demographics; a death recorded here cancels their follow-ups. */
async function applyDemographics(
  db: Queryable,
  message: ReadMessage,
  writes: DeferredWrites,
): Promise<AppliedChanges> {
  const patient = await upsertPatientRecord(db, patientUpsert(message.adt, message.occurredAt));
  await savePatientContext(db, patient.id, message.context, message.occurredAt);
  const cancelled = patient.deceased ? await cancelPatientFollowUps(db, patient.id, 'deceased') : 0;
  // A shared identifier first sent here can tie this record to another hospital's.
  writes.checkSupersession([patient.id]);
  writes.processedMessage(message.messageId, 'demographics only');
  return {
    status: 'applied',
    eventType: message.adt.eventType,
    created: [],
    effects: cancelled > 0 ? ['cancel_all_for_patient'] : [],
  };
}
