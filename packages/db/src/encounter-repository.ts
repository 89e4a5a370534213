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
}

/**
 * Creates or updates the patient keyed by (assigning authority, MRN); non-empty demographics from
 * the event replace stored ones, empty fields leave them (senders often omit what did not change).
 * @param db - the processing transaction
 * @param patient - identity and demographics
 * @returns the patient id
 */
export async function upsertPatient(db: Queryable, patient: PatientUpsert): Promise<string> {
  const result = await db.query<{ id: string }>(
    `INSERT INTO patients (mrn, assigning_authority, family_name, given_name, middle_name, birth_date, sex, phone, deceased)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (assigning_authority, mrn) DO UPDATE SET
       family_name = COALESCE(NULLIF(EXCLUDED.family_name, ''), patients.family_name),
       given_name  = COALESCE(NULLIF(EXCLUDED.given_name, ''), patients.given_name),
       middle_name = COALESCE(NULLIF(EXCLUDED.middle_name, ''), patients.middle_name),
       birth_date  = COALESCE(EXCLUDED.birth_date, patients.birth_date),
       sex         = COALESCE(NULLIF(EXCLUDED.sex, ''), patients.sex),
       phone       = COALESCE(NULLIF(EXCLUDED.phone, ''), patients.phone),
       deceased    = patients.deceased OR EXCLUDED.deceased,
       updated_at  = now()
     RETURNING id`,
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
    ],
  );
  const id = result.rows[0]?.id;
  if (!id) throw new Error('patient upsert returned no row');
  for (const identifier of patient.identifiers) {
    await db.query(
      `INSERT INTO patient_identifiers (patient_id, assigning_authority, identifier, identifier_type)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [id, identifier.assigningAuthority, identifier.id, identifier.type],
    );
  }
  return id;
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

interface EncounterRow {
  id: string;
  patient_id: string;
  facility: string;
  visit_number: string;
  patient_class: string;
  assigned_location: string;
  admission_type: string;
  hospital_service: string;
  patient_type: string;
  admitted_at: Date | null;
  discharged_at: Date | null;
  disposition: string;
  diagnoses: EncounterState['diagnoses'];
  last_event_at: Date | null;
}

function toEncounter(row: EncounterRow): EncounterRecord {
  return {
    id: row.id,
    patientId: row.patient_id,
    facility: row.facility,
    visitNumber: row.visit_number,
    patientClass: row.patient_class,
    assignedLocation: row.assigned_location,
    admissionType: row.admission_type,
    hospitalService: row.hospital_service,
    patientType: row.patient_type,
    admittedAt: row.admitted_at,
    dischargedAt: row.discharged_at,
    disposition: row.disposition,
    diagnoses: row.diagnoses,
    lastEventAt: row.last_event_at,
  };
}

/**
 * Finds or creates the encounter and locks its row for the rest of the transaction, so events of
 * one encounter are applied one at a time whatever the number of workers.
 * @param db - the processing transaction
 * @param key - patient, facility and the encounter key (PV1-19 or its fallback)
 */
export async function lockEncounter(
  db: Queryable,
  key: { patientId: string; facility: string; encounterKey: string; visitNumber: string },
): Promise<EncounterRecord> {
  const result = await db.query<EncounterRow>(
    `INSERT INTO encounters (patient_id, facility, encounter_key, visit_number)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (facility, encounter_key) DO UPDATE SET updated_at = encounters.updated_at
     RETURNING *`,
    [key.patientId, key.facility, key.encounterKey, key.visitNumber],
  );
  const row = result.rows[0];
  if (!row) throw new Error('encounter upsert returned no row');
  return toEncounter(row);
}

/**
 * Writes the encounter's state after an event has been merged into it.
 * @param db - the processing transaction
 * @param id - encounter id
 * @param state - the merged state
 * @param lastEvent - the event just applied when it is the newest so far; null for a late, older one
 */
export async function saveEncounterState(
  db: Queryable,
  id: string,
  state: EncounterState,
  lastEvent: { type: string; at: Date } | null,
): Promise<void> {
  await db.query(
    `UPDATE encounters SET
       visit_number = $2, patient_class = $3, assigned_location = $4, admission_type = $5,
       hospital_service = $6, patient_type = $7, admitted_at = $8, discharged_at = $9, disposition = $10,
       diagnoses = $11, last_event_type = COALESCE($12, last_event_type),
       last_event_at = COALESCE($13, last_event_at), updated_at = now()
     WHERE id = $1`,
    [
      id,
      state.visitNumber,
      state.patientClass,
      state.assignedLocation,
      state.admissionType,
      state.hospitalService,
      state.patientType,
      state.admittedAt,
      state.dischargedAt,
      state.disposition,
      JSON.stringify(state.diagnoses),
      lastEvent?.type ?? null,
      lastEvent?.at ?? null,
    ],
  );
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
