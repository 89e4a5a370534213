/**
 * Applies one stored ADT message to patient, encounter and follow-up state.
 *
 * Input: a message id (the job payload). Idempotent: the message's encounter_events row is written
 * in the same transaction as every change, so a retried or duplicated job finds it and changes
 * nothing. Ordering: the encounter row is locked for the transaction, so events of one encounter
 * apply one at a time across workers; an event older than the last applied one fills gaps in the
 * encounter's state but does not re-run the follow-up rules (it must not undo newer state).
 * Errors: database errors propagate (the job retries); a message that cannot be parsed is marked
 * failed and raises {@link UnprocessableMessageError} (no retry).
 */
import type pg from 'pg';
import {
  parseHl7Date,
  parseHl7Timestamp,
  planFollowUpEffects,
  type AdtEventInput,
  type FollowUpEffect,
  type RulesConfig,
} from '@adt/adt';
import {
  cancelFollowUp,
  cancelPatientFollowUps,
  createFollowUp,
  findEncounterFollowUps,
  findMessageById,
  lockEncounter,
  markMessageFailed,
  markMessageProcessed,
  noteEncounterEvent,
  recordEncounterEvent,
  saveEncounterState,
  updateFollowUp,
  upsertPatient,
  withTransaction,
  type EncounterRecord,
  type EncounterState,
  type Queryable,
} from '@adt/db';
import {
  decodeHl7Bytes,
  Hl7ParseError,
  parseAdtMessage,
  type AdtMessage,
  type PatientIdentifier,
} from '@adt/hl7';

/** Raised for a message that can never be applied; the job must not retry. */
export class UnprocessableMessageError extends Error {
  override readonly name = 'UnprocessableMessageError';
  readonly code = 'unprocessable_message';
}

/** What applying a message did, for logs and metrics (no patient data). */
export interface ApplyOutcome {
  status: 'applied' | 'already_applied' | 'skipped';
  eventType: string;
  created: { kind: string; followUpId: string }[];
  effects: FollowUpEffect['type'][];
}

/** What {@link applyMessage} needs besides the message id. */
export interface ApplyDeps {
  pool: pg.Pool;
  rules: RulesConfig;
  defaultTeam: string;
  /** Zone for timestamps without an offset (the sending facility's; default the practice's). */
  zoneForFacility: (facility: string) => string;
}

function patientKey(adt: AdtMessage): PatientIdentifier {
  const ids = adt.patient.identifiers;
  const chosen = ids.find((id) => id.type === 'MR') ?? ids[0];
  if (!chosen) throw new UnprocessableMessageError('PID-3 (patient identifier) is empty');
  return { ...chosen, assigningAuthority: chosen.assigningAuthority || adt.header.sendingFacility };
}

function eventState(adt: AdtMessage, zone: string): EncounterState {
  const visit = adt.visit;
  return {
    visitNumber: visit?.visitNumber ?? '',
    patientClass: visit?.patientClass ?? '',
    assignedLocation: visit?.assignedLocation ?? '',
    admissionType: visit?.admissionType ?? '',
    hospitalService: visit?.hospitalService ?? '',
    patientType: visit?.patientType ?? '',
    admittedAt: visit ? parseHl7Timestamp(visit.admitAt, zone) : null,
    dischargedAt: visit ? parseHl7Timestamp(visit.dischargeAt, zone) : null,
    disposition: visit?.dischargeDisposition ?? '',
    diagnoses: adt.diagnoses,
  };
}

/** Newer events overwrite what they carry; older ones only fill what is still empty. */
function mergeState(
  current: EncounterRecord,
  incoming: EncounterState,
  incomingIsNewer: boolean,
): EncounterState {
  const pick = <T>(mine: T, theirs: T, empty: (v: T) => boolean): T =>
    incomingIsNewer ? (empty(theirs) ? mine : theirs) : empty(mine) ? theirs : mine;
  const emptyText = (v: string) => v === '';
  const emptyDate = (v: Date | null) => v === null;
  return {
    visitNumber: pick(current.visitNumber, incoming.visitNumber, emptyText),
    patientClass: pick(current.patientClass, incoming.patientClass, emptyText),
    assignedLocation: pick(current.assignedLocation, incoming.assignedLocation, emptyText),
    admissionType: pick(current.admissionType, incoming.admissionType, emptyText),
    hospitalService: pick(current.hospitalService, incoming.hospitalService, emptyText),
    patientType: pick(current.patientType, incoming.patientType, emptyText),
    admittedAt: pick(current.admittedAt, incoming.admittedAt, emptyDate),
    dischargedAt: pick(current.dischargedAt, incoming.dischargedAt, emptyDate),
    disposition: pick(current.disposition, incoming.disposition, emptyText),
    diagnoses: pick(current.diagnoses, incoming.diagnoses, (v) => v.length === 0),
  };
}

function encounterKey(adt: AdtMessage, patientId: string, state: EncounterState, occurredAt: Date): string {
  if (state.visitNumber !== '') return state.visitNumber;
  if (state.admittedAt) return `patient:${patientId}:admit:${state.admittedAt.toISOString()}`;
  return `patient:${patientId}:event:${adt.eventType}:${occurredAt.toISOString().slice(0, 10)}`;
}

async function applyEffects(
  db: Queryable,
  effects: readonly FollowUpEffect[],
  context: { encounter: EncounterRecord; messageId: string; team: string },
): Promise<ApplyOutcome['created']> {
  const created: ApplyOutcome['created'] = [];
  for (const effect of effects) {
    switch (effect.type) {
      case 'create': {
        const id = await createFollowUp(db, {
          encounterId: context.encounter.id,
          patientId: context.encounter.patientId,
          kind: effect.kind,
          dueAt: effect.dueAt,
          visitDueBy: effect.visitDueBy,
          priority: effect.priority,
          inEdNow: effect.inEdNow,
          team: context.team,
        });
        if (id) created.push({ kind: effect.kind, followUpId: id });
        break;
      }
      case 'update': {
        const { followUpId, type: _type, reason: _reason, ...changes } = effect;
        await updateFollowUp(db, followUpId, changes);
        break;
      }
      case 'cancel':
        await cancelFollowUp(db, effect.followUpId, effect.reason);
        break;
      case 'cancel_all_for_patient':
        await cancelPatientFollowUps(db, context.encounter.patientId, effect.reason);
        break;
      case 'timeline':
        await noteEncounterEvent(db, context.messageId, effect.note);
        break;
      default:
        effect satisfies never;
    }
  }
  return created;
}

/**
 * Applies a stored message (see the file comment for the contract).
 * @param deps - pool, rules and routing settings
 * @param messageId - the stored message's id
 */
export async function applyMessage(deps: ApplyDeps, messageId: string): Promise<ApplyOutcome> {
  const message = await findMessageById(deps.pool, messageId);
  if (!message) throw new UnprocessableMessageError(`message ${messageId} does not exist`);
  if (message.status !== 'received' && message.status !== 'failed') {
    return { status: 'skipped', eventType: message.messageType, created: [], effects: [] };
  }
  if (!message.raw) throw new UnprocessableMessageError(`message ${messageId} has no stored content`);

  let adt: AdtMessage;
  try {
    adt = parseAdtMessage(decodeHl7Bytes(message.raw));
  } catch (error) {
    const reason = error instanceof Hl7ParseError ? error.message : 'message could not be parsed';
    await markMessageFailed(deps.pool, messageId, reason);
    throw new UnprocessableMessageError(reason);
  }

  const zone = deps.zoneForFacility(adt.header.sendingFacility);
  const occurredAt = parseHl7Timestamp(adt.recordedAt, zone) ?? message.receivedAt;
  const incoming = eventState(adt, zone);
  const key = patientKey(adt);

  return withTransaction(deps.pool, async (db) => {
    const patientId = await upsertPatient(db, {
      mrn: key.id,
      assigningAuthority: key.assigningAuthority,
      familyName: adt.patient.familyName,
      givenName: adt.patient.givenName,
      middleName: adt.patient.middleName,
      birthDate: parseHl7Date(adt.patient.birthDate),
      sex: adt.patient.sex,
      phone: adt.patient.phone,
      deceased: adt.patient.deathIndicator === 'Y',
      identifiers: adt.patient.identifiers.map((id) => ({
        ...id,
        assigningAuthority: id.assigningAuthority || adt.header.sendingFacility,
      })),
    });
    const encounter = await lockEncounter(db, {
      patientId,
      facility: adt.header.sendingFacility,
      encounterKey: encounterKey(adt, patientId, incoming, occurredAt),
      visitNumber: incoming.visitNumber,
    });
    const firstTime = await recordEncounterEvent(db, {
      messageId,
      encounterId: encounter.id,
      eventType: adt.eventType,
      occurredAt,
      note: null,
    });
    if (!firstTime) {
      await markMessageProcessed(db, messageId, 'already applied');
      return { status: 'already_applied', eventType: adt.eventType, created: [], effects: [] };
    }

    const isNewer = encounter.lastEventAt === null || occurredAt >= encounter.lastEventAt;
    const state = mergeState(encounter, incoming, isNewer);
    await saveEncounterState(
      db,
      encounter.id,
      state,
      isNewer ? { type: adt.eventType, at: occurredAt } : null,
    );

    let effects: FollowUpEffect[] = [];
    if (isNewer) {
      const event: AdtEventInput = {
        eventType: adt.eventType,
        occurredAt,
        patientClass: state.patientClass,
        hospitalService: state.hospitalService,
        patientType: state.patientType,
        dischargeDisposition: state.disposition,
        admitAt: state.admittedAt,
        dischargeAt: state.dischargedAt,
        deceased: adt.patient.deathIndicator === 'Y',
      };
      effects = planFollowUpEffects(event, await findEncounterFollowUps(db, encounter.id), deps.rules);
    }
    const created = await applyEffects(db, effects, {
      encounter: { ...encounter, ...state },
      messageId,
      team: deps.defaultTeam,
    });
    await markMessageProcessed(
      db,
      messageId,
      isNewer ? null : 'older than the encounter state; rules not re-run',
    );
    return { status: 'applied', eventType: adt.eventType, created, effects: effects.map((e) => e.type) };
  });
}
