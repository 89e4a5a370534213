import { MESSAGE_RAW, MESSAGE_RAW_JOIN } from './message-raw.js';
import { encounterStateValues, SAVE_ENCOUNTER_STATE } from './encounter-state-sql.js';
import { earliestDeath } from './patient-death-sql.js';
import type { Queryable } from './pool.js';

/** Demographics and identifiers of the patient an event names. */
export interface PatientUpsert {
  mrn: string;
  assigningAuthority: string;
  familyName: string;
  givenName: string;
  middleName: string;
  birthDate: string | null;
  sex: string;
  phone: string;
  deceased: boolean;
  identifiers: readonly { id: string; assigningAuthority: string; type: string }[];
  /**
   * Event time of these demographics: they replace stored ones only when not older than the
   * demographics already stored, so a late event cannot undo a newer one. Omitted: always replace.
   */
  asOf?: Date | null;
}

/** Longest chain of merges followed; a longer one means a loop in the data. */
const MAX_MERGE_HOPS = 32;

/**
 * Follows `merged_into` from a patient to the surviving record, locking each row on the way so a
 * concurrent merge cannot move it underneath the caller.
 * @param db - the processing transaction
 * @param id - a patient id
 * @param mergedInto - that patient's `merged_into`, when already read
 * @returns the id of the record that was not merged away
 */
export async function resolveMergedPatient(
  db: Queryable,
  id: string,
  mergedInto: string | null,
): Promise<string> {
  let current = id;
  let next = mergedInto;
  for (let hops = 0; next !== null; hops += 1) {
    if (hops >= MAX_MERGE_HOPS)
      throw new Error(`patient ${id} has a merge chain longer than ${String(MAX_MERGE_HOPS)}`);
    const row = await db.query<{ merged_into: string | null }>(
      'SELECT merged_into FROM patients WHERE id = $1 FOR UPDATE',
      [next],
    );
    current = next;
    next = row.rows[0]?.merged_into ?? null;
  }
  return current;
}

/** Whether a stored patient died, and since when. */
export interface PatientDeath {
  /** Whether the patient is known to have died (PID-30 or an expired disposition, ever). */
  deceased: boolean;
  /** Event time of the earliest message that said so; null when not known (or alive). */
  deceasedAt: Date | null;
}

/** The patient record an event leads to, as {@link upsertPatientRecord} leaves it. */
export interface UpsertedPatient extends PatientDeath {
  /** The patient id (the survivor's for a merged-away key). */
  id: string;
}

/**
 * One demographic column of an upsert that met a stored patient `p`: the event's value when the
 * record is not merged away and the event is not older than its demographics, else the stored one.
 */
function demographic(column: string, sent: string): string {
  const fresh = `p.merged_into IS NULL AND (EXCLUDED.demographics_at IS NULL OR p.demographics_at IS NULL
                   OR p.demographics_at <= EXCLUDED.demographics_at)`;
  return `${column} = CASE WHEN ${fresh} THEN ${sent} ELSE p.${column} END`;
}

/**
 * Creates or updates the patient keyed by (assigning authority, MRN) and returns the record that
 * carries it: when that key was merged away (A40 and kin), the survivor's. Non-empty demographics
 * from the event replace stored ones unless older than them; empty fields leave them (senders
 * often omit what did not change). The row stays locked for the transaction, which serialises the
 * events of one patient.
 * @param db - the processing transaction
 * @param patient - identity and demographics
 * @returns the patient id (the survivor's for a merged-away key)
 */
export async function upsertPatient(db: Queryable, patient: PatientUpsert): Promise<string> {
  return (await upsertPatientRecord(db, patient)).id;
}

/**
 * {@link upsertPatient}, also returning the patient's deceased flag as the upsert left it: the row
 * is locked for the transaction, so the caller need not read it again.
 * @param db - the processing transaction
 * @param patient - identity and demographics
 */
export async function upsertPatientRecord(db: Queryable, patient: PatientUpsert): Promise<UpsertedPatient> {
  const asOf = patient.asOf ?? null;
  // One round trip for a patient not merged away (nearly every event): the insert, the update of a
  // stored record and its identifiers. A merged-away key only locks its row here; the survivor is
  // found and updated below.
  const result = await db.query<{
    id: string;
    merged_into: string | null;
    deceased: boolean;
    deceased_at: Date | null;
  }>(
    `WITH upserted AS (
       INSERT INTO patients AS p (mrn, assigning_authority, family_name, given_name, middle_name, birth_date,
                                  sex, phone, deceased, demographics_at, deceased_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $9 THEN $10::timestamptz END)
       ON CONFLICT (assigning_authority, mrn) DO UPDATE SET
         deceased = CASE WHEN p.merged_into IS NULL THEN p.deceased OR EXCLUDED.deceased ELSE p.deceased END,
         deceased_at = CASE WHEN p.merged_into IS NULL
                            THEN ${earliestDeath('p.deceased', 'p.deceased_at', 'EXCLUDED.deceased', 'EXCLUDED.deceased_at')}
                            ELSE p.deceased_at END,
         updated_at = CASE WHEN p.merged_into IS NULL THEN now() ELSE p.updated_at END,
         ${demographic('family_name', "COALESCE(NULLIF(EXCLUDED.family_name, ''), p.family_name)")},
         ${demographic('given_name', "COALESCE(NULLIF(EXCLUDED.given_name, ''), p.given_name)")},
         ${demographic('middle_name', "COALESCE(NULLIF(EXCLUDED.middle_name, ''), p.middle_name)")},
         ${demographic('birth_date', 'COALESCE(EXCLUDED.birth_date, p.birth_date)')},
         ${demographic('sex', "COALESCE(NULLIF(EXCLUDED.sex, ''), p.sex)")},
         ${demographic('phone', "COALESCE(NULLIF(EXCLUDED.phone, ''), p.phone)")},
         ${demographic('demographics_at', 'GREATEST(p.demographics_at, EXCLUDED.demographics_at)')}
       RETURNING id, merged_into, deceased, deceased_at
     ), identified AS (
       INSERT INTO patient_identifiers (patient_id, assigning_authority, identifier, identifier_type)
       SELECT upserted.id, i.assigning_authority, i.identifier, i.identifier_type
         FROM upserted, unnest($11::text[], $12::text[], $13::text[])
                          AS i (assigning_authority, identifier, identifier_type)
        WHERE upserted.merged_into IS NULL
       ON CONFLICT DO NOTHING
     )
     SELECT id, merged_into, deceased, deceased_at FROM upserted`,
    [
      patient.mrn,
      patient.assigningAuthority,
      patient.familyName,
      patient.givenName,
      patient.middleName,
      patient.birthDate,
      patient.sex,
      patient.phone,
      patient.deceased,
      asOf,
      patient.identifiers.map((i) => i.assigningAuthority),
      patient.identifiers.map((i) => i.id),
      patient.identifiers.map((i) => i.type),
    ],
  );
  const row = result.rows[0];
  if (!row) throw new Error('patient upsert returned no row');
  if (row.merged_into === null) return { id: row.id, deceased: row.deceased, deceasedAt: row.deceased_at };
  const id = await resolveMergedPatient(db, row.id, row.merged_into);
  const death = await updateStoredPatient(db, id, patient, asOf);
  await addPatientIdentifiers(db, id, patient.identifiers);
  return { id, ...death };
}

/**
 * Applies an event to a patient already stored: a death is kept for good, demographics replace the
 * stored ones only when not older. One statement (the freshness test is per column) so an
 * existing patient costs one round trip, not two.
 * @param db - the processing transaction (the row is locked)
 * @param id - patient id
 * @param patient - the event's demographics
 * @param asOf - the event time, or null to always replace
 * @returns the patient's death as the update left it
 */
async function updateStoredPatient(
  db: Queryable,
  id: string,
  patient: PatientUpsert,
  asOf: Date | null,
): Promise<PatientDeath> {
  const result = await db.query<{ deceased: boolean; deceased_at: Date | null }>(
    `UPDATE patients SET
       deceased = deceased OR $9,
       deceased_at = ${earliestDeath('deceased', 'deceased_at', '$9::boolean', '$8::timestamptz')},
       updated_at = now(),
       family_name = CASE WHEN $8::timestamptz IS NULL OR demographics_at IS NULL OR demographics_at <= $8
                          THEN COALESCE(NULLIF($2, ''), family_name) ELSE family_name END,
       given_name  = CASE WHEN $8::timestamptz IS NULL OR demographics_at IS NULL OR demographics_at <= $8
                          THEN COALESCE(NULLIF($3, ''), given_name) ELSE given_name END,
       middle_name = CASE WHEN $8::timestamptz IS NULL OR demographics_at IS NULL OR demographics_at <= $8
                          THEN COALESCE(NULLIF($4, ''), middle_name) ELSE middle_name END,
       birth_date  = CASE WHEN $8::timestamptz IS NULL OR demographics_at IS NULL OR demographics_at <= $8
                          THEN COALESCE($5, birth_date) ELSE birth_date END,
       sex         = CASE WHEN $8::timestamptz IS NULL OR demographics_at IS NULL OR demographics_at <= $8
                          THEN COALESCE(NULLIF($6, ''), sex) ELSE sex END,
       phone       = CASE WHEN $8::timestamptz IS NULL OR demographics_at IS NULL OR demographics_at <= $8
                          THEN COALESCE(NULLIF($7, ''), phone) ELSE phone END,
       demographics_at = CASE WHEN $8::timestamptz IS NULL OR demographics_at IS NULL OR demographics_at <= $8
                              THEN GREATEST(demographics_at, $8::timestamptz) ELSE demographics_at END
     WHERE id = $1
     RETURNING deceased, deceased_at`,
    [
      id,
      patient.familyName,
      patient.givenName,
      patient.middleName,
      patient.birthDate,
      patient.sex,
      patient.phone,
      asOf,
      patient.deceased,
    ],
  );
  const row = result.rows[0];
  return { deceased: row?.deceased ?? false, deceasedAt: row?.deceased_at ?? null };
}

/**
 * Records every identifier the event lists for the patient (ones already known are left alone).
 * @param db - the processing transaction
 * @param id - patient id
 * @param identifiers - PID-3 repetitions
 */
async function addPatientIdentifiers(
  db: Queryable,
  id: string,
  identifiers: PatientUpsert['identifiers'],
): Promise<void> {
  for (const identifier of identifiers) {
    await db.query(
      `INSERT INTO patient_identifiers (patient_id, assigning_authority, identifier, identifier_type)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [id, identifier.assigningAuthority, identifier.id, identifier.type],
    );
  }
}

/**
 * Whether the stored patient is known to have died (PID-30 or an expired disposition, ever).
 * @param id - patient id
 */
export async function isPatientDeceased(db: Queryable, id: string): Promise<boolean> {
  const result = await db.query<{ deceased: boolean }>('SELECT deceased FROM patients WHERE id = $1', [id]);
  return result.rows[0]?.deceased ?? false;
}

/**
 * The stored patient's death: whether they died and the event time of the earliest message that
 * said so (null when not known).
 * @param id - patient id
 */
export async function findPatientDeath(db: Queryable, id: string): Promise<PatientDeath> {
  const result = await db.query<{ deceased: boolean; deceased_at: Date | null }>(
    'SELECT deceased, deceased_at FROM patients WHERE id = $1',
    [id],
  );
  const row = result.rows[0];
  return { deceased: row?.deceased ?? false, deceasedAt: row?.deceased_at ?? null };
}

/**
 * Records that the patient died (an expired discharge disposition says so as well as PID-30):
 * from then on no follow-up is created for them.
 * @param db - the processing transaction
 * @param id - patient id
 * @param at - the event time of the message that said so, null when not known (an earlier stored
 *   death stays)
 */
export async function markPatientDeceased(db: Queryable, id: string, at: Date | null): Promise<void> {
  await db.query(
    `UPDATE patients SET deceased = true, deceased_at = $2::timestamptz, updated_at = now()
      WHERE id = $1
        AND (NOT deceased OR (deceased_at IS NOT NULL AND ($2::timestamptz IS NULL OR deceased_at > $2)))`,
    [id, at],
  );
}

/** Visit state carried by one ADT event. */
export interface EncounterState {
  visitNumber: string;
  patientClass: string;
  assignedLocation: string;
  admissionType: string;
  hospitalService: string;
  patientType: string;
  admittedAt: Date | null;
  dischargedAt: Date | null;
  disposition: string;
  diagnoses: readonly { code: string; text: string; codingSystem: string }[];
}

/** An encounter row as processing needs it. */
export interface EncounterRecord extends EncounterState {
  id: string;
  patientId: string;
  facility: string;
  lastEventAt: Date | null;
}

// Columns named as the EncounterRecord's fields, so a row is the value; `mergedInto` leads a
// merged-away key to its survivor and is not part of the record.
const ENCOUNTER_COLUMNS = `id, patient_id AS "patientId", facility, visit_number AS "visitNumber",
  patient_class AS "patientClass", assigned_location AS "assignedLocation", admission_type AS "admissionType",
  hospital_service AS "hospitalService", patient_type AS "patientType", admitted_at AS "admittedAt",
  discharged_at AS "dischargedAt", disposition, diagnoses, last_event_at AS "lastEventAt",
  merged_into AS "mergedInto"`;

type EncounterRow = EncounterRecord & { mergedInto: string | null };

/**
 * Finds or creates the encounter and locks its row for the rest of the transaction, so events of
 * one encounter are applied one at a time whatever the number of workers. A key merged away (A42,
 * or a patient merge whose encounters collided) leads to the surviving encounter.
 * @param db - the processing transaction
 * @param key - patient, facility, the encounter key (PV1-19 or its fallback) and PID-18 when sent
 */
export async function lockEncounter(
  db: Queryable,
  key: {
    patientId: string;
    facility: string;
    encounterKey: string;
    visitNumber: string;
    accountNumber?: string;
  },
): Promise<EncounterRecord> {
  const accountNumber = key.accountNumber ?? '';
  // PID-18 is stored by the upsert itself when it lands on the live encounter (one round trip);
  // an empty one never replaces a stored number, and a merged-away row is left as it is.
  const result = await db.query<EncounterRow>(
    `INSERT INTO encounters (patient_id, facility, encounter_key, visit_number, account_number)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (facility, encounter_key) DO UPDATE SET updated_at = encounters.updated_at,
       account_number = CASE WHEN $5 <> '' AND encounters.merged_into IS NULL THEN $5
                             ELSE encounters.account_number END
     RETURNING ${ENCOUNTER_COLUMNS}`,
    [key.patientId, key.facility, key.encounterKey, key.visitNumber, accountNumber],
  );
  const upserted = result.rows[0];
  let row = upserted;
  for (let hops = 0; row?.mergedInto; hops += 1) {
    if (hops >= MAX_MERGE_HOPS) throw new Error(`encounter ${row.id} has a merge chain too long`);
    const next = await db.query<EncounterRow>(
      `SELECT ${ENCOUNTER_COLUMNS} FROM encounters WHERE id = $1 FOR UPDATE`,
      [row.mergedInto],
    );
    row = next.rows[0];
  }
  if (!row) throw new Error('encounter upsert returned no row');
  if (accountNumber !== '' && row !== upserted) {
    // The key led to a surviving encounter: PID-18 goes there.
    await db.query(
      `UPDATE encounters SET account_number = $2 WHERE id = $1 AND account_number IS DISTINCT FROM $2`,
      [row.id, accountNumber],
    );
  }
  const { mergedInto, ...encounter } = row;
  return encounter;
}

/**
 * Writes the encounter's state after an event has been merged into it.
 * @param db - the processing transaction
 * @param id - encounter id
 * @param state - the merged state
 * @param lastEvent - the encounter's newest event when it changed; null to keep the stored one
 */
export async function saveEncounterState(
  db: Queryable,
  id: string,
  state: EncounterState,
  lastEvent: { type: string; at: Date } | null,
): Promise<void> {
  await db.query(SAVE_ENCOUNTER_STATE, encounterStateValues(id, state, lastEvent));
}

/**
 * Records that a message was applied to an encounter. Returns false when it already was, which
 * makes a retried job a no-op.
 * @param db - the processing transaction
 * @param event - message, encounter, event type and time, and an optional timeline note
 */
export async function recordEncounterEvent(
  db: Queryable,
  event: { messageId: string; encounterId: string; eventType: string; occurredAt: Date; note: string | null },
): Promise<boolean> {
  const result = await db.query(
    `INSERT INTO encounter_events (message_id, encounter_id, event_type, occurred_at, note)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (message_id) DO NOTHING`,
    [event.messageId, event.encounterId, event.eventType, event.occurredAt, event.note],
  );
  return result.rowCount === 1;
}

/** Where a newly recorded event falls among the events of its encounter. */
export type RecordedEventOrder = 'already_recorded' | 'newest' | 'older';

/**
 * Records that a message was applied to an encounter and says, in the same statement, whether it
 * is the newest of the encounter's events in event order (EVN-2/MSH-7, then arrival). The encounter row is locked, so no other event of it
 * can be recorded between the insert and the check; the check does not see the row just inserted,
 * which is not newer than itself anyway.
 * @param db - the processing transaction (the encounter row is locked)
 * @param event - message, encounter, event type and time, and an optional timeline note
 * @returns `already_recorded` when the message was applied before (a retried job: a no-op)
 */
export async function recordOrderedEncounterEvent(
  db: Queryable,
  event: { messageId: string; encounterId: string; eventType: string; occurredAt: Date; note: string | null },
): Promise<RecordedEventOrder> {
  const result = await db.query<{ recorded: boolean; newer: boolean }>(
    `WITH recorded AS (
       INSERT INTO encounter_events (message_id, encounter_id, event_type, occurred_at, note)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (message_id) DO NOTHING
       RETURNING message_id
     )
     SELECT EXISTS (SELECT 1 FROM recorded) AS recorded,
            EXISTS (SELECT 1 FROM encounter_events
                     WHERE encounter_id = $2 AND (occurred_at, message_id) > ($4::timestamptz, $1::bigint)
            ) AS newer`,
    [event.messageId, event.encounterId, event.eventType, event.occurredAt, event.note],
  );
  const row = result.rows[0];
  if (!row?.recorded) return 'already_recorded';
  return row.newer ? 'older' : 'newest';
}

/**
 * Appends a note to an already recorded encounter event (e.g. a post-acute hand-off).
 * @param db - the processing transaction
 * @param messageId - the event's message
 * @param note - text without patient data
 */
export async function noteEncounterEvent(db: Queryable, messageId: string, note: string): Promise<void> {
  await db.query(
    `UPDATE encounter_events SET note = CASE WHEN note IS NULL THEN $2 ELSE note || '; ' || $2 END
      WHERE message_id = $1`,
    [messageId, note],
  );
}

/** One applied event of an encounter with its stored message, for a replay. */
export interface EncounterHistoryEntry {
  messageId: string;
  eventType: string;
  occurredAt: Date;
  raw: Buffer | null;
}

/**
 * Every event applied to an encounter, in event order (EVN-2/MSH-7, then arrival).
 * @param db - the processing transaction (the encounter row is locked)
 * @param encounterId - encounter id
 */
export async function listEncounterHistory(
  db: Queryable,
  encounterId: string,
): Promise<EncounterHistoryEntry[]> {
  const result = await db.query<EncounterHistoryEntry>(
    `SELECT ee.message_id AS "messageId", ee.event_type AS "eventType", ee.occurred_at AS "occurredAt",
            ${MESSAGE_RAW} AS raw
       FROM encounter_events ee JOIN inbound_messages m ON m.id = ee.message_id
       ${MESSAGE_RAW_JOIN}
      WHERE ee.encounter_id = $1
      ORDER BY ee.occurred_at, ee.message_id`,
    [encounterId],
  );
  return result.rows;
}

/**
 * Replaces the timeline note of an applied event (a replay recomputes every event's notes).
 * @param db - the processing transaction
 * @param messageId - the event's message
 * @param note - text without patient data, or null for none
 */
export async function setEncounterEventNote(
  db: Queryable,
  messageId: string,
  note: string | null,
): Promise<void> {
  await db.query('UPDATE encounter_events SET note = $2 WHERE message_id = $1 AND note IS DISTINCT FROM $2', [
    messageId,
    note,
  ]);
}
