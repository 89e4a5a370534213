import type { Queryable } from '@adt/db';

/**
 * Rows for report tests, written straight into the store so each test states exactly the
 * patients, encounters, follow-ups and care actions its hand-computed figures rest on.
 */

/** A wall-clock time in a zone at a fixed UTC offset, e.g. `at('2026-09-03T14:00', '-04:00')`. */
export const at = (wallClock: string, offset: string): Date => new Date(`${wallClock}:00${offset}`);

/**
 * A patient with its MR identifier.
 * @param mrn - medical record number (also names the family, `FAM-<mrn>`)
 * @param authority - its assigning authority
 */
export async function insertPatient(db: Queryable, mrn: string, authority = 'GENERAL_HOSP'): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO patients (mrn, assigning_authority, family_name, given_name) VALUES ($1, $2, $3, 'PAT')
     RETURNING id`,
    [mrn, authority, `FAM-${mrn}`],
  );
  const id = rows[0]?.id ?? '';
  await db.query(
    `INSERT INTO patient_identifiers (patient_id, assigning_authority, identifier, identifier_type)
     VALUES ($1, $2, $3, 'MR')`,
    [id, authority, mrn],
  );
  return id;
}

/**
 * An encounter.
 * @param e - its patient, facility, class and times
 */
export async function insertEncounter(
  db: Queryable,
  e: {
    patientId: string;
    facility: string;
    patientClass: string;
    admittedAt: Date;
    dischargedAt: Date | null;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO encounters (patient_id, facility, encounter_key, patient_class, admitted_at, discharged_at, disposition)
     VALUES ($1, $2, gen_random_uuid()::text, $3, $4, $5, '01') RETURNING id`,
    [e.patientId, e.facility, e.patientClass, e.admittedAt, e.dischargedAt],
  );
  return rows[0]?.id ?? '';
}

/**
 * A follow-up.
 * @param f - its encounter, patient, kind, team, due time, and optionally status and priority
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
    priority?: 'high' | 'normal';
    dischargeCancelled?: boolean;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO follow_ups (encounter_id, patient_id, kind, due_at, team, status, priority, discharge_cancelled)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      f.encounterId,
      f.patientId,
      f.kind,
      f.dueAt,
      f.team,
      f.status ?? 'open',
      f.priority ?? 'normal',
      f.dischargeCancelled ?? false,
    ],
  );
  return rows[0]?.id ?? '';
}

/**
 * A care action, logged at `recordedAt` (default: when it happened).
 * @param followUpId - the follow-up
 * @param type - the action type
 * @param when - when it happened
 * @param extra - outcome, actor, receiver of a hand-off, when it was logged
 */
export async function insertAction(
  db: Queryable,
  followUpId: string,
  type: string,
  when: Date,
  extra: { outcome?: string; actor?: string; handedTo?: string; recordedAt?: Date } = {},
): Promise<void> {
  await db.query(
    `INSERT INTO care_actions (follow_up_id, type, outcome, at, actor, handed_to, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      followUpId,
      type,
      extra.outcome ?? null,
      when,
      extra.actor ?? 'user:test',
      extra.handedTo ?? null,
      extra.recordedAt ?? when,
    ],
  );
}
