/**
 * Where the patient of a follow-up is now and whether they went back in: the same person's open
 * hospital stay at any facility (`patientInHospital`), an admission within the readmission window
 * after the discharge the follow-up is about (`readmittedAt`), and the follow-up that superseded
 * it. "Same person" is {@link samePersonCte}. The limits (window, ED limit) are the domain's
 * (`STAY_LIMITS` in `@adt/adt`), passed in by the caller.
 */
import type { StayLimits } from '@adt/adt';
import type { Queryable } from './pool.js';
import { samePersonCte } from './same-person.js';

/** The settings the checks read: practice zone, observation codes, the current instant. */
export interface WhereaboutsSettings {
  /** Practice time zone (the readmission window counts practice dates). */
  zone: string;
  /** Hospital service / patient type codes of an observation stay (`OBSERVATION_CODES`). */
  observationCodes: ReadonlySet<string>;
  /** The current instant (ED visits without a departure stop counting after a while). */
  now: Date;
  /** The ED stay limit and the readmission window (`STAY_LIMITS`). */
  limits: StayLimits;
}

/** The same person's stay that has not ended. */
export interface HospitalStay {
  facility: string;
  /** PV1-3 as sent, e.g. `4W^401^A`. */
  location: string;
  patientClass: string;
  /** Admission (PV1-44), else when the stay was first recorded. */
  since: Date;
}

/** What {@link findFollowUpWhereabouts} tells about one follow-up. */
export interface FollowUpWhereabouts {
  patientInHospital: HospitalStay | null;
  readmittedAt: Date | null;
}

/**
 * SQL condition: encounter `e` is a hospital stay that has not ended: inpatient, observation (as
 * `isInpatientLikeDischarge` in `@adt/adt` reads PV1-2/10/18, codes trimmed and upper-cased), or
 * an ED visit no older than the ED limit. Parameters: `$codes` (upper-case observation codes,
 * text[]) and `$edSince` (timestamptz), given as their placeholders. The expressions match the
 * partial indexes `encounters_open_by_*`.
 */
function openStayCondition(e: string, codes: string, edSince: string): string {
  return `${e}.discharged_at IS NULL AND ${e}.merged_into IS NULL
    AND (upper(btrim(${e}.patient_class)) = 'I'
         OR (upper(btrim(${e}.patient_class)) = 'E' AND COALESCE(${e}.admitted_at, ${e}.created_at) >= ${edSince})
         OR (upper(btrim(${e}.patient_class)) = 'O'
             AND (upper(btrim(${e}.hospital_service)) = ANY(${codes}) OR upper(btrim(${e}.patient_type)) = ANY(${codes}))))`;
}

/** SQL condition: encounter `e` is an admission (inpatient or observation stay). */
function admissionCondition(e: string, codes: string): string {
  return `${e}.merged_into IS NULL AND ${e}.admitted_at IS NOT NULL
    AND (upper(btrim(${e}.patient_class)) = 'I'
         OR (upper(btrim(${e}.patient_class)) = 'O'
             AND (upper(btrim(${e}.hospital_service)) = ANY(${codes}) OR upper(btrim(${e}.patient_type)) = ANY(${codes}))))`;
}

/** SQL: when the event a follow-up is about happened (discharge, else arrival, else creation). */
function eventTime(f: string, fe: string): string {
  return `COALESCE(${fe}.discharged_at, ${fe}.admitted_at, ${f}.created_at)`;
}

/**
 * The parameters the stay conditions (and {@link inHospitalFollowUpsCte}) read: upper-case
 * observation codes and the ED limit instant.
 * @param settings - observation codes and the current instant
 */
export function inHospitalParameters(settings: Omit<WhereaboutsSettings, 'zone'>): [string[], Date] {
  return [
    [...settings.observationCodes].map((code) => code.trim().toUpperCase()),
    new Date(settings.now.getTime() - settings.limits.edStayLimitHours * 3_600_000),
  ];
}

/**
 * The CTEs `open_stays` and `in_hospital_follow_ups(follow_up_id)` for the worklist: starting
 * from the stays that have not ended (few), the same person's active follow-ups whose event came
 * before the stay. Put in a `WITH RECURSIVE` list.
 * @param codes - placeholder of the upper-case observation codes
 * @param edSince - placeholder of the ED limit instant
 */
export function inHospitalFollowUpsCte(codes: string, edSince: string): string {
  return `open_stays AS MATERIALIZED (
      SELECT e.id, e.patient_id, COALESCE(e.admitted_at, e.created_at) AS since
        FROM encounters e WHERE ${openStayCondition('e', codes, edSince)}
    ),
    ${samePersonCte('SELECT DISTINCT patient_id FROM open_stays')},
    in_hospital_follow_ups AS MATERIALIZED (
      SELECT DISTINCT hf.id AS follow_up_id
        FROM open_stays st
        JOIN same_person sp ON sp.seed = st.patient_id
        -- A few index lookups per linked patient, never a scan of all follow-ups: OFFSET 0 keeps
        -- the planner from flattening the subquery into a join it would hash (it overestimates
        -- the recursive CTE).
        CROSS JOIN LATERAL (
          SELECT hf.id FROM follow_ups hf JOIN encounters hfe ON hfe.id = hf.encounter_id
           WHERE hf.patient_id = sp.patient_id AND hf.status IN ('open', 'in_progress')
             AND hf.encounter_id <> st.id AND st.since > ${eventTime('hf', 'hfe')}
          OFFSET 0
        ) hf
    )`;
}

/**
 * Where the patient of each follow-up is now and whether they were readmitted: one query for a
 * page of follow-ups.
 * @param followUpIds - the follow-ups shown
 * @param settings - zone, observation codes and the current instant
 */
export async function findFollowUpWhereabouts(
  db: Queryable,
  followUpIds: readonly string[],
  settings: WhereaboutsSettings,
): Promise<Map<string, FollowUpWhereabouts>> {
  const found = new Map<string, FollowUpWhereabouts>();
  if (followUpIds.length === 0) return found;
  const [codes, edSince] = inHospitalParameters(settings);
  const result = await db.query<{
    follow_up_id: string;
    facility: string | null;
    assigned_location: string | null;
    patient_class: string | null;
    since: Date | null;
    readmitted_at: Date | null;
  }>(
    `WITH RECURSIVE seeds AS MATERIALIZED (
       SELECT f.id AS follow_up_id, f.patient_id, f.encounter_id,
              ${eventTime('f', 'fe')} AS event_at
         FROM follow_ups f JOIN encounters fe ON fe.id = f.encounter_id
        WHERE f.id = ANY($1::bigint[])
     ),
     ${samePersonCte('SELECT DISTINCT patient_id FROM seeds')},
     -- Each seed's records as one array: the stays below are then found through the encounters'
     -- patient index, instead of scanning the same-person rows once for every encounter.
     persons AS MATERIALIZED (
       SELECT seed, array_agg(patient_id) AS patient_ids FROM same_person GROUP BY seed
     )
     SELECT s.follow_up_id, stay.facility, stay.assigned_location, stay.patient_class,
            stay.since, readmission.admitted_at AS readmitted_at
       FROM seeds s
       JOIN persons ps ON ps.seed = s.patient_id
       LEFT JOIN LATERAL (
         SELECT e.facility, e.assigned_location, e.patient_class, COALESCE(e.admitted_at, e.created_at) AS since
           FROM encounters e
          WHERE e.patient_id = ANY(ps.patient_ids) AND e.id <> s.encounter_id
            AND ${openStayCondition('e', '$3::text[]', '$4::timestamptz')}
            AND COALESCE(e.admitted_at, e.created_at) > s.event_at
          ORDER BY since DESC, e.id DESC LIMIT 1
       ) stay ON true
       LEFT JOIN LATERAL (
         SELECT min(e.admitted_at) AS admitted_at
           FROM encounters e
          WHERE e.patient_id = ANY(ps.patient_ids) AND e.id <> s.encounter_id
            AND ${admissionCondition('e', '$3::text[]')}
            AND e.admitted_at > s.event_at
            AND (e.admitted_at AT TIME ZONE $2)::date <= (s.event_at AT TIME ZONE $2)::date + $5::int
       ) readmission ON true`,
    [followUpIds, settings.zone, codes, edSince, settings.limits.readmissionWindowDays],
  );
  for (const row of result.rows) {
    found.set(row.follow_up_id, {
      patientInHospital:
        row.since !== null
          ? {
              facility: row.facility ?? '',
              location: row.assigned_location ?? '',
              patientClass: row.patient_class ?? '',
              since: row.since,
            }
          : null,
      readmittedAt: row.readmitted_at,
    });
  }
  return found;
}

/**
 * Marks the same person's active follow-ups (other than those of the encounter itself) as changed
 * after one of their stays began, moved or ended: what they show is read, not stored, so this is
 * what makes the inbox's change fingerprint move.
 * @param db - the processing transaction
 * @param patientId - the patient of the stay
 * @param encounterId - the stay
 */
export async function touchSamePersonFollowUps(
  db: Queryable,
  patientId: string,
  encounterId: string,
): Promise<void> {
  await db.query(
    `WITH RECURSIVE ${samePersonCte('SELECT $1::bigint')}
     UPDATE follow_ups SET updated_at = now()
      WHERE patient_id IN (SELECT patient_id FROM same_person) AND encounter_id <> $2
        AND status IN ('open', 'in_progress')`,
    [patientId, encounterId],
  );
}
