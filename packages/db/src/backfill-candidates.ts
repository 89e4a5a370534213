/**
 * What the enrolment back-fill reads: the encounters of newly enrolled patients that may still
 * call for a follow-up, locked like the worker locks them.
 */
import type { Queryable } from './pool.js';

/** An encounter's stored state, as the back-fill reads it. */
export interface BackfillCandidate {
  id: string;
  patientId: string;
  facility: string;
  patientClass: string;
  admissionType: string;
  hospitalService: string;
  patientType: string;
  admittedAt: Date | null;
  dischargedAt: Date | null;
  disposition: string;
  diagnoses: { code: string; codingSystem: string }[];
  lastEventType: string | null;
  lastEventAt: Date | null;
}

/**
 * The encounters of living, unmerged patients whose last activity is at or after `since`, locked
 * (`FOR UPDATE`) in id order.
 * @param db - a transaction client
 * @param patientIds - the patients just enrolled
 * @param since - encounters older than this cannot have a call still due
 */
export async function lockBackfillCandidates(
  db: Queryable,
  patientIds: readonly string[],
  since: Date,
): Promise<BackfillCandidate[]> {
  if (patientIds.length === 0) return [];
  const result = await db.query<BackfillCandidate>(
    `SELECT e.id, e.patient_id AS "patientId", e.facility, e.patient_class AS "patientClass",
            e.admission_type AS "admissionType", e.hospital_service AS "hospitalService",
            e.patient_type AS "patientType", e.admitted_at AS "admittedAt",
            e.discharged_at AS "dischargedAt", e.disposition, e.diagnoses,
            e.last_event_type AS "lastEventType", e.last_event_at AS "lastEventAt"
       FROM encounters e JOIN patients p ON p.id = e.patient_id
      WHERE e.patient_id = ANY($1::bigint[]) AND p.merged_into IS NULL AND NOT p.deceased
        AND COALESCE(e.discharged_at, e.last_event_at, e.admitted_at) >= $2
      ORDER BY e.id
      FOR UPDATE OF e`,
    [patientIds, since],
  );
  return result.rows;
}
