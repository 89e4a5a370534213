/**
 * Which discharge follow-up a readmission's own discharge follow-up supersedes
 * (`follow_ups.superseded_by`): the same person (see `same-person.ts`) was admitted again after the
 * discharge, no later than 30 days after it (practice dates, as `readmittedAt` reads it), and that
 * stay's discharge brought a discharge follow-up that still stands (not cancelled, its discharge not
 * taken back). The earliest such follow-up is the one named.
 *
 * Why after the commit and serialized: the answer depends on rows other transactions write (the
 * other stay, a shared identifier, a merge), so two workers committing at once could each miss the
 * other's rows. Each processing transaction queues its patient; after it commits, one statement at
 * a time (an advisory lock) works the queue out from everything committed by then. The last one to
 * run sees every commit, so the stored answer is the same for any arrival or processing order.
 */
import type pg from 'pg';
import { withTransaction, type Queryable } from './pool.js';
import { samePersonCte } from './same-person.js';

// An arbitrary constant naming this product's supersession lock among advisory locks.
const SUPERSESSION_LOCK_KEY = 0x5ad7_f011;

/**
 * Queues the patient's follow-ups for a supersession check after the transaction commits.
 * @param db - the processing transaction
 * @param patientIds - the patients whose stays, follow-ups or identifiers it changed
 */
export async function queueSupersessionCheck(db: Queryable, patientIds: readonly string[]): Promise<void> {
  await db.query(
    `INSERT INTO supersession_checks (patient_id)
     SELECT DISTINCT unnest($1::bigint[]) ON CONFLICT (patient_id) DO NOTHING`,
    [patientIds],
  );
}

/**
 * Queues the survivors of a merge message's groups (see {@link queueSupersessionCheck}).
 * @param db - the processing transaction
 * @param messageId - the merge message
 */
export async function queueMergeSupersessionCheck(db: Queryable, messageId: string): Promise<void> {
  await db.query(
    `INSERT INTO supersession_checks (patient_id)
     SELECT DISTINCT survivor_patient_id FROM patient_merges
      WHERE message_id = $1 AND survivor_patient_id IS NOT NULL
     ON CONFLICT (patient_id) DO NOTHING`,
    [messageId],
  );
}

/**
 * Works out the queued patients' supersessions from what is committed now, one caller at a time.
 * @param pool - its own transaction, after the processing transaction committed
 * @param window - the readmission window in practice dates (`READMISSION_WINDOW_DAYS`) and the zone
 * @returns how many follow-ups changed
 */
export async function settleSupersession(
  pool: pg.Pool,
  window: { zone: string; days: number },
): Promise<number> {
  return withTransaction(pool, async (db) => {
    await db.query('SELECT pg_advisory_xact_lock($1)', [SUPERSESSION_LOCK_KEY]);
    // Each statement below reads what was committed when it started: after the lock was granted.
    const queued = await db.query<{ patient_id: string }>(
      'DELETE FROM supersession_checks RETURNING patient_id',
    );
    if (queued.rows.length === 0) return 0;
    const updated = await db.query(
      `WITH RECURSIVE ${samePersonCte('SELECT unnest($1::bigint[])')},
       decided AS (
         SELECT DISTINCT ON (f.id) f.id, later.id AS superseded_by
           FROM same_person sp
           JOIN follow_ups f ON f.patient_id = sp.patient_id AND f.kind = 'discharge'
           JOIN encounters fe ON fe.id = f.encounter_id
           LEFT JOIN LATERAL (
             SELECT g.id
               FROM same_person sg
               JOIN follow_ups g ON g.patient_id = sg.patient_id
               JOIN encounters ge ON ge.id = g.encounter_id
              WHERE sg.seed = sp.seed AND g.kind = 'discharge' AND g.status <> 'cancelled'
                AND NOT g.discharge_cancelled AND g.encounter_id <> f.encounter_id
                AND ge.admitted_at > fe.discharged_at
                AND (ge.admitted_at AT TIME ZONE $2)::date <= (fe.discharged_at AT TIME ZONE $2)::date + $3::int
              ORDER BY ge.admitted_at, g.id
              LIMIT 1
           ) later ON true
          ORDER BY f.id
       )
       UPDATE follow_ups f SET superseded_by = d.superseded_by, updated_at = now()
         FROM decided d
        WHERE f.id = d.id AND f.superseded_by IS DISTINCT FROM d.superseded_by`,
      [queued.rows.map((r) => r.patient_id), window.zone, window.days],
    );
    return updated.rowCount ?? 0;
  });
}
