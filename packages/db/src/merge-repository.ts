/**
 * The database side of merges and identifier moves (A40/A34/A18/A39 patient merges, A41 account,
 * A42 visit, A47 identifier): finding the records a merge names, moving their encounters,
 * events, follow-ups and identifiers to the survivor, and the audit trail. A merged-away patient
 * or encounter keeps its row and key with `merged_into` set, so a later event naming the old
 * identifier or visit lands on the survivor. Every function runs in the caller's transaction.
 */
import { earliestDeath } from './patient-death-sql.js';
import type { Queryable } from './pool.js';

// A merge leaves the survivor the earlier of the two deaths' times.
const SURVIVOR_DEATH = earliestDeath('s.deceased', 's.deceased_at', 'p.deceased', 'p.deceased_at');

/** A patient row as a merge sees it. */
export interface MergePatient {
  id: string;
  mergedInto: string | null;
}

/**
 * Finds and locks the patient an identifier names: the patient keyed by it, else one that was
 * seen with it among its PID-3 repetitions (several patients may share one, e.g. an HIE id: one
 * that carries it as its MR identifier first, then the oldest).
 * @param db - the processing transaction
 * @param identifier - identifier and assigning authority
 */
export async function findPatientByIdentifier(
  db: Queryable,
  identifier: { id: string; assigningAuthority: string },
): Promise<MergePatient | null> {
  const keyed = await db.query<{ id: string; merged_into: string | null }>(
    `SELECT id, merged_into FROM patients WHERE assigning_authority = $1 AND mrn = $2 FOR UPDATE`,
    [identifier.assigningAuthority, identifier.id],
  );
  const seen =
    keyed.rows[0] ??
    (
      await db.query<{ id: string; merged_into: string | null }>(
        `SELECT p.id, p.merged_into FROM patient_identifiers i JOIN patients p ON p.id = i.patient_id
          WHERE i.assigning_authority = $1 AND i.identifier = $2
          ORDER BY (i.identifier_type = 'MR') DESC, p.id LIMIT 1 FOR UPDATE OF p`,
        [identifier.assigningAuthority, identifier.id],
      )
    ).rows[0];
  return seen ? { id: seen.id, mergedInto: seen.merged_into } : null;
}

/**
 * Remembers an identifier merged into a survivor before any event named it: an empty patient row
 * pointing at the survivor, so a late event for that identifier lands on the survivor, and the
 * identifier among the survivor's (as after a merge that moved something).
 * @param db - the processing transaction
 * @param key - the merged-away MRN, its assigning authority and identifier type
 * @param survivorId - the surviving patient
 * @returns the alias row's id, or null when the key exists after all (a concurrent insert)
 */
export async function createPatientAlias(
  db: Queryable,
  key: { mrn: string; assigningAuthority: string; identifierType: string },
  survivorId: string,
): Promise<string | null> {
  const result = await db.query<{ id: string }>(
    `INSERT INTO patients (mrn, assigning_authority, merged_into) VALUES ($1, $2, $3)
     ON CONFLICT (assigning_authority, mrn) DO NOTHING RETURNING id`,
    [key.mrn, key.assigningAuthority, survivorId],
  );
  const id = result.rows[0]?.id ?? null;
  if (id !== null) {
    await db.query(
      `INSERT INTO patient_identifiers (patient_id, assigning_authority, identifier, identifier_type)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [survivorId, key.assigningAuthority, key.mrn, key.identifierType],
    );
  }
  return id;
}

/** An encounter as a merge moves it. */
export interface MergeEncounter {
  id: string;
  patientId: string;
  facility: string;
  encounterKey: string;
  mergedInto: string | null;
}

interface MergeEncounterRow {
  id: string;
  patient_id: string;
  facility: string;
  encounter_key: string;
  merged_into: string | null;
}

function toMergeEncounter(row: MergeEncounterRow): MergeEncounter {
  return {
    id: row.id,
    patientId: row.patient_id,
    facility: row.facility,
    encounterKey: row.encounter_key,
    mergedInto: row.merged_into,
  };
}

/**
 * The patient's encounters (merged-away ones included), locked, oldest first.
 * @param db - the processing transaction
 * @param patientId - patient id
 */
export async function listPatientEncounters(db: Queryable, patientId: string): Promise<MergeEncounter[]> {
  const result = await db.query<MergeEncounterRow>(
    `SELECT id, patient_id, facility, encounter_key, merged_into FROM encounters
      WHERE patient_id = $1 ORDER BY id FOR UPDATE`,
    [patientId],
  );
  return result.rows.map(toMergeEncounter);
}

/**
 * Finds and locks an encounter by facility and key, without following merges.
 * @param db - the processing transaction
 * @param key - facility and encounter key
 */
export async function findEncounterByKey(
  db: Queryable,
  key: { facility: string; encounterKey: string },
): Promise<MergeEncounter | null> {
  const result = await db.query<MergeEncounterRow>(
    `SELECT id, patient_id, facility, encounter_key, merged_into FROM encounters
      WHERE facility = $1 AND encounter_key = $2 FOR UPDATE`,
    [key.facility, key.encounterKey],
  );
  const row = result.rows[0];
  return row ? toMergeEncounter(row) : null;
}

/**
 * Gives an encounter (and its follow-ups) another patient and key.
 * @param db - the processing transaction
 * @param id - encounter id
 * @param change - the new owner and key
 */
export async function rekeyEncounter(
  db: Queryable,
  id: string,
  change: { patientId: string; encounterKey: string },
): Promise<void> {
  await db.query(
    `UPDATE encounters SET patient_id = $2, encounter_key = $3, updated_at = now() WHERE id = $1`,
    [id, change.patientId, change.encounterKey],
  );
  await db.query(`UPDATE follow_ups SET patient_id = $2, updated_at = now() WHERE encounter_id = $1`, [
    id,
    change.patientId,
  ]);
}

/**
 * Moves an encounter's events and follow-ups into another encounter and marks it merged into it.
 * Cancel duplicate active follow-ups first: one active follow-up per encounter and kind.
 * @param db - the processing transaction
 * @param fromId - the merged-away encounter
 * @param into - the surviving encounter and its patient
 * @returns the moved follow-up ids and the number of events moved
 */
export async function moveEncounterRecords(
  db: Queryable,
  fromId: string,
  into: { id: string; patientId: string },
): Promise<{ followUps: string[]; events: number }> {
  const followUps = await db.query<{ id: string }>(
    `UPDATE follow_ups SET encounter_id = $2, patient_id = $3, updated_at = now()
      WHERE encounter_id = $1 RETURNING id`,
    [fromId, into.id, into.patientId],
  );
  const events = await db.query(`UPDATE encounter_events SET encounter_id = $2 WHERE encounter_id = $1`, [
    fromId,
    into.id,
  ]);
  await db.query(`UPDATE encounters SET merged_into = $2, updated_at = now() WHERE id = $1`, [
    fromId,
    into.id,
  ]);
  return { followUps: followUps.rows.map((r) => r.id), events: events.rowCount ?? 0 };
}

/**
 * Remembers a visit merged into another before any event named it, so a late event for it lands
 * on the survivor.
 * @param db - the processing transaction
 * @param alias - facility, the merged-away key, its patient and the surviving encounter
 */
export async function createEncounterAlias(
  db: Queryable,
  alias: { facility: string; encounterKey: string; patientId: string; intoId: string },
): Promise<void> {
  await db.query(
    `INSERT INTO encounters (patient_id, facility, encounter_key, visit_number, merged_into)
     VALUES ($1, $2, $3, $3, $4) ON CONFLICT (facility, encounter_key) DO NOTHING`,
    [alias.patientId, alias.facility, alias.encounterKey, alias.intoId],
  );
}

/**
 * Moves what belongs to the patient itself to the survivor: identifiers, any follow-up still
 * filed under the prior patient, and the death flag; then marks the prior patient merged.
 * Encounters are moved one by one by the caller first.
 * @param db - the processing transaction
 * @param priorId - the merged-away patient
 * @param survivorId - the surviving patient
 * @returns how many identifiers and follow-ups moved
 */
export async function movePatientRecords(
  db: Queryable,
  priorId: string,
  survivorId: string,
): Promise<{ identifiers: number; followUps: number }> {
  // The survivor may already carry an identifier of the prior patient (a shared HIE id): one row.
  await db.query(
    `INSERT INTO patient_identifiers (patient_id, assigning_authority, identifier, identifier_type)
     SELECT $2, assigning_authority, identifier, identifier_type FROM patient_identifiers WHERE patient_id = $1
     ON CONFLICT DO NOTHING`,
    [priorId, survivorId],
  );
  const identifiers = await db.query(`DELETE FROM patient_identifiers WHERE patient_id = $1`, [priorId]);
  const followUps = await db.query(
    `UPDATE follow_ups SET patient_id = $2, updated_at = now() WHERE patient_id = $1`,
    [priorId, survivorId],
  );
  await db.query(
    `UPDATE patients s SET deceased = true, deceased_at = ${SURVIVOR_DEATH}, updated_at = now()
      FROM patients p
     WHERE s.id = $2 AND p.id = $1 AND p.deceased
       AND (NOT s.deceased OR s.deceased_at IS DISTINCT FROM ${SURVIVOR_DEATH})`,
    [priorId, survivorId],
  );
  await db.query(`UPDATE patients SET merged_into = $2, updated_at = now() WHERE id = $1`, [
    priorId,
    survivorId,
  ]);
  return { identifiers: identifiers.rowCount ?? 0, followUps: followUps.rowCount ?? 0 };
}

/**
 * A41: the encounters filed under a prior account number (PID-18) take the surviving one.
 * @param db - the processing transaction
 * @param move - facility, patient and the two account numbers
 * @returns the ids of the encounters moved
 */
export async function moveAccountNumber(
  db: Queryable,
  move: { facility: string; patientId: string; prior: string; survivor: string },
): Promise<string[]> {
  const result = await db.query<{ id: string }>(
    `UPDATE encounters SET account_number = $4, updated_at = now()
      WHERE facility = $1 AND patient_id = $2 AND account_number = $3 RETURNING id`,
    [move.facility, move.patientId, move.prior, move.survivor],
  );
  return result.rows.map((r) => r.id);
}

/** What kind of record a merge message moves. */
export type MergeScope = 'patient' | 'account' | 'visit' | 'identifier';

/** What a merge message did: `prior_unknown` and `already_merged` moved nothing. */
export type MergeOutcome = 'merged' | 'prior_unknown' | 'already_merged';

/** One row of the merge audit trail: one PID/MRG group of a merge message. */
export interface MergeRecord {
  messageId: string;
  /** The group's position in the message, from 1 (ADT_A39 messages may carry several). */
  groupNumber: number;
  eventType: string;
  scope: MergeScope;
  facility: string;
  priorKey: string;
  survivorKey: string;
  priorPatientId: string | null;
  survivorPatientId: string | null;
  outcome: MergeOutcome;
  /** Counts and ids of what moved; no patient data. */
  moved: Record<string, unknown>;
}

/**
 * Whether a merge message was already applied (a retried job finds its audit rows and stops; all
 * groups of a message are recorded in one transaction, so one row means all of them).
 * @param db - the processing transaction
 * @param messageId - the merge message
 */
export async function hasMergeRecord(db: Queryable, messageId: string): Promise<boolean> {
  const result = await db.query('SELECT 1 FROM patient_merges WHERE message_id = $1', [messageId]);
  return (result.rowCount ?? 0) > 0;
}

/**
 * Appends a merge to the audit trail.
 * @param db - the processing transaction
 * @param record - what the merge message named and did
 */
export async function recordMerge(db: Queryable, record: MergeRecord): Promise<void> {
  await db.query(
    `INSERT INTO patient_merges (message_id, group_number, event_type, scope, facility, prior_key,
                                 survivor_key, prior_patient_id, survivor_patient_id, outcome, moved)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      record.messageId,
      record.groupNumber,
      record.eventType,
      record.scope,
      record.facility,
      record.priorKey,
      record.survivorKey,
      record.priorPatientId,
      record.survivorPatientId,
      record.outcome,
      JSON.stringify(record.moved),
    ],
  );
}

/**
 * The merge audit trail for a patient, oldest first and in group order (as prior or survivor).
 * @param patientId - patient id
 */
export async function listPatientMerges(db: Queryable, patientId: string): Promise<MergeRecord[]> {
  const result = await db.query<{
    message_id: string;
    group_number: number;
    event_type: string;
    scope: MergeScope;
    facility: string;
    prior_key: string;
    survivor_key: string;
    prior_patient_id: string | null;
    survivor_patient_id: string | null;
    outcome: MergeOutcome;
    moved: Record<string, unknown>;
  }>(
    `SELECT message_id, group_number, event_type, scope, facility, prior_key, survivor_key,
            prior_patient_id, survivor_patient_id, outcome, moved
       FROM patient_merges WHERE prior_patient_id = $1 OR survivor_patient_id = $1 ORDER BY id`,
    [patientId],
  );
  return result.rows.map((r) => ({
    messageId: r.message_id,
    groupNumber: r.group_number,
    eventType: r.event_type,
    scope: r.scope,
    facility: r.facility,
    priorKey: r.prior_key,
    survivorKey: r.survivor_key,
    priorPatientId: r.prior_patient_id,
    survivorPatientId: r.survivor_patient_id,
    outcome: r.outcome,
    moved: r.moved,
  }));
}
