/**
 * Rows for the impact-measure tests, inserted as the worker would leave them: patients with their
 * PID-3 identifiers, encounters, follow-ups and care actions. Not part of the build.
 */
import type { Queryable } from '@adt/db';

/**
 * A patient with its MR identifier and any further identifiers (e.g. an HIE id).
 * @param p - MRN, assigning authority, further identifiers, deceased flag
 * @returns the patient id
 */
export async function insertPatient(
  db: Queryable,
  p: {
    mrn: string;
    authority: string;
    identifiers?: readonly [authority: string, id: string, type: string][];
    deceased?: boolean;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO patients (mrn, assigning_authority, family_name, given_name, deceased)
     VALUES ($1, $2, $3, 'PAT', $4) RETURNING id`,
    [p.mrn, p.authority, `FAM-${p.mrn}`, p.deceased ?? false],
  );
  const id = rows[0]?.id ?? '';
  for (const [authority, identifier, type] of [
    [p.authority, p.mrn, 'MR'] as const,
    ...(p.identifiers ?? []),
  ]) {
    await db.query(
      `INSERT INTO patient_identifiers (patient_id, assigning_authority, identifier, identifier_type)
       VALUES ($1, $2, $3, $4)`,
      [id, authority, identifier, type],
    );
  }
  return id;
}

/**
 * An encounter (disposition 01 unless given).
 * @param e - patient, facility, PV1-2 class, admission and discharge times, disposition
 * @returns the encounter id
 */
export async function insertEncounter(
  db: Queryable,
  e: {
    patientId: string;
    facility: string;
    patientClass: string;
    admittedAt: Date;
    dischargedAt: Date | null;
    disposition?: string;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO encounters (patient_id, facility, encounter_key, patient_class, admitted_at, discharged_at, disposition)
     VALUES ($1, $2, gen_random_uuid()::text, $3, $4, $5, $6) RETURNING id`,
    [e.patientId, e.facility, e.patientClass, e.admittedAt, e.dischargedAt, e.disposition ?? '01'],
  );
  return rows[0]?.id ?? '';
}

/**
 * A stay: an encounter from admission to discharge (null: still in), an inpatient stay at
 * GENERAL_HOSP unless told otherwise.
 * @returns the encounter id
 */
export function insertStay(
  db: Queryable,
  patientId: string,
  admittedAt: Date,
  dischargedAt: Date | null,
  where: { facility?: string; patientClass?: string; disposition?: string } = {},
): Promise<string> {
  return insertEncounter(db, {
    patientId,
    facility: where.facility ?? 'GENERAL_HOSP',
    patientClass: where.patientClass ?? 'I',
    admittedAt,
    dischargedAt,
    ...(where.disposition === undefined ? {} : { disposition: where.disposition }),
  });
}

/**
 * A follow-up (in progress unless a status is given).
 * @param f - encounter, patient, kind, TCM due time, team, status and flags
 * @returns the follow-up id
 */
export async function insertFollowUp(
  db: Queryable,
  f: {
    encounterId: string;
    patientId: string;
    kind: 'discharge' | 'ed_visit';
    team: string;
    dueAt: Date;
    status?: 'open' | 'in_progress' | 'done' | 'cancelled';
    statusReason?: string;
    priority?: 'high' | 'normal';
    dischargeCancelled?: boolean;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO follow_ups (encounter_id, patient_id, kind, due_at, team, status, status_reason, discharge_cancelled,
                             priority)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      f.encounterId,
      f.patientId,
      f.kind,
      f.dueAt,
      f.team,
      f.status ?? 'in_progress',
      f.statusReason ?? null,
      f.dischargeCancelled ?? false,
      f.priority ?? 'normal',
    ],
  );
  return rows[0]?.id ?? '';
}

/**
 * A care action at `at`, entered at `recordedAt` (default: at the same time).
 * @param followUpId - the follow-up it was logged on
 * @param type - the action type
 * @param at - when it happened
 * @param extra - outcome (an appointment's visit date), actor, receiver of a hand-off, when it was entered
 */
export async function insertCareAction(
  db: Queryable,
  followUpId: string,
  type: string,
  at: Date,
  extra: { outcome?: string; actor?: string; handedTo?: string; recordedAt?: Date } = {},
): Promise<void> {
  await db.query(
    `INSERT INTO care_actions (follow_up_id, type, outcome, at, actor, handed_to, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      followUpId,
      type,
      extra.outcome ?? null,
      at,
      extra.actor ?? 'navigator:test',
      extra.handedTo ?? null,
      extra.recordedAt ?? at,
    ],
  );
}
