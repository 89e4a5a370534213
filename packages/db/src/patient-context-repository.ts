/**
 * Stores the call context of a message (see the `patient_contexts` migration for the rule: newer
 * values replace, older ones fill gaps). Called inside the processing transaction, with the
 * patient and encounter rows locked, so the events of one patient write one at a time.
 */
import type { AdtPatientContext } from '@adt/hl7';
import type { Queryable } from './pool.js';

/** The patient-level part of a message's call context. */
export type PatientContextUpsert = Pick<
  AdtPatientContext,
  'phones' | 'contacts' | 'language' | 'address' | 'primaryCareProvider' | 'coverages'
>;

/** The encounter-level part of a message's call context. */
export type EncounterContextUpsert = Pick<
  AdtPatientContext,
  'reasonForVisit' | 'admittingDiagnoses' | 'attending'
>;

/**
 * One column's new value: the message's when it sent one and is not older than the stored
 * context, or when nothing is stored yet; the stored one otherwise.
 */
function merged(table: string, column: string, isEmpty: (ref: string) => string): string {
  const stored = `${table}.${column}`;
  const sent = `EXCLUDED.${column}`;
  return `${column} = CASE WHEN ${isEmpty(sent)} THEN ${stored}
                           WHEN ${table}.context_at <= EXCLUDED.context_at OR ${isEmpty(stored)} THEN ${sent}
                           ELSE ${stored} END`;
}

const emptyList = (ref: string) => `jsonb_array_length(${ref}) = 0`;
const emptyValue = (ref: string) => `${ref} IS NULL`;

const PATIENT_CONTEXT_COLUMNS =
  'phones, contacts, language, address, primary_care_provider, coverages, context_at';

const ON_PATIENT_CONTEXT_CONFLICT = `
  ON CONFLICT (patient_id) DO UPDATE SET
    ${merged('pc', 'phones', emptyList)},
    ${merged('pc', 'contacts', emptyList)},
    ${merged('pc', 'language', emptyValue)},
    ${merged('pc', 'address', emptyValue)},
    ${merged('pc', 'primary_care_provider', emptyValue)},
    ${merged('pc', 'coverages', emptyList)},
    context_at = GREATEST(pc.context_at, EXCLUDED.context_at),
    updated_at = now()`;

const UPSERT_PATIENT_CONTEXT = `
  INSERT INTO patient_contexts AS pc (patient_id, ${PATIENT_CONTEXT_COLUMNS})
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  ${ON_PATIENT_CONTEXT_CONFLICT}`;

// A merge folds the merged-away record's context into the survivor's by the same rule.
const MERGE_PATIENT_CONTEXT = `
  INSERT INTO patient_contexts AS pc (patient_id, ${PATIENT_CONTEXT_COLUMNS})
  SELECT $2, ${PATIENT_CONTEXT_COLUMNS} FROM patient_contexts WHERE patient_id = $1
  ${ON_PATIENT_CONTEXT_CONFLICT}`;

const ENCOUNTER_CONTEXT_COLUMNS = 'reason_for_visit, admitting_diagnoses, attending, context_at';

const ON_ENCOUNTER_CONTEXT_CONFLICT = `
  ON CONFLICT (encounter_id) DO UPDATE SET
    ${merged('ec', 'reason_for_visit', emptyValue)},
    ${merged('ec', 'admitting_diagnoses', emptyList)},
    ${merged('ec', 'attending', emptyValue)},
    context_at = GREATEST(ec.context_at, EXCLUDED.context_at),
    updated_at = now()`;

const MERGE_ENCOUNTER_CONTEXT = `
  INSERT INTO encounter_contexts AS ec (encounter_id, ${ENCOUNTER_CONTEXT_COLUMNS})
  SELECT $2, ${ENCOUNTER_CONTEXT_COLUMNS} FROM encounter_contexts WHERE encounter_id = $1
  ${ON_ENCOUNTER_CONTEXT_CONFLICT}`;

const json = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));
const coded = (value: { code: string; text: string }): typeof value | null =>
  value.code === '' && value.text === '' ? null : value;

/**
 * Stores a message's patient-level call context.
 * @param db - the processing transaction
 * @param patientId - the patient the message applies to (the survivor's for a merged-away key)
 * @param context - what the message said
 * @param asOf - the event time (EVN-2/MSH-7)
 */
export async function savePatientContext(
  db: Queryable,
  patientId: string,
  context: PatientContextUpsert,
  asOf: Date,
): Promise<void> {
  await db.query(UPSERT_PATIENT_CONTEXT, patientContextValues(patientId, context, asOf));
}

/** The parameters $1–$8 of {@link UPSERT_PATIENT_CONTEXT}. */
function patientContextValues(patientId: string, context: PatientContextUpsert, asOf: Date): unknown[] {
  return [
    patientId,
    JSON.stringify(context.phones),
    JSON.stringify(context.contacts),
    json(coded(context.language)),
    json(context.address),
    json(context.primaryCareProvider),
    JSON.stringify(context.coverages),
    asOf,
  ];
}

// Both parts of a message's context in one round trip (the encounter's `context_at` is $8 too).
const UPSERT_MESSAGE_CONTEXT = `
  WITH patient_context AS (${UPSERT_PATIENT_CONTEXT})
  INSERT INTO encounter_contexts AS ec (encounter_id, ${ENCOUNTER_CONTEXT_COLUMNS})
  VALUES ($9, $10, $11, $12, $8)
  ${ON_ENCOUNTER_CONTEXT_CONFLICT}`;

/**
 * Stores a message's whole call context: the patient's part as
 * {@link savePatientContext} stores it, and the encounter's, in one statement.
 * @param db - the processing transaction
 * @param owners - the patient (the survivor's for a merged-away key) and the encounter
 * @param context - what the message said
 * @param asOf - the event time (EVN-2/MSH-7)
 */
export async function saveMessageContext(
  db: Queryable,
  owners: { patientId: string; encounterId: string },
  context: PatientContextUpsert & EncounterContextUpsert,
  asOf: Date,
): Promise<void> {
  await db.query(UPSERT_MESSAGE_CONTEXT, [
    ...patientContextValues(owners.patientId, context, asOf),
    owners.encounterId,
    json(coded(context.reasonForVisit)),
    JSON.stringify(context.admittingDiagnoses),
    json(context.attending),
  ]);
}

/**
 * Folds a merged-away patient's call context into the survivor's: the newer value of each field
 * wins, and what the survivor lacks is filled.
 * @param db - the processing transaction
 * @param priorId - the merged-away patient
 * @param survivorId - the surviving patient
 */
export async function mergePatientContext(db: Queryable, priorId: string, survivorId: string): Promise<void> {
  await db.query(MERGE_PATIENT_CONTEXT, [priorId, survivorId]);
}

/**
 * Folds a merged-away encounter's call context into the surviving encounter's (as
 * {@link mergePatientContext} does for patients).
 * @param db - the processing transaction
 * @param fromId - the merged-away encounter
 * @param intoId - the surviving encounter
 */
export async function mergeEncounterContext(db: Queryable, fromId: string, intoId: string): Promise<void> {
  await db.query(MERGE_ENCOUNTER_CONTEXT, [fromId, intoId]);
}
