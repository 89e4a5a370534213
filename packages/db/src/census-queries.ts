/**
 * The encounters the census looks at, with what its rules read: the stored visit state, the latest
 * discharge-or-cancel event, the patient's death flag and roster attribution, and every follow-up of
 * the encounter. Only queries: the census rules are `@adt/adt`'s.
 */
import type { CensusFollowUp } from '@adt/adt';
import type { Queryable } from './pool.js';
import { liveRow } from './sandbox-rows.js';

/** One encounter for the census, with its patient. */
export interface CensusRow {
  encounterId: string;
  facility: string;
  visitNumber: string;
  patientClass: string;
  hospitalService: string;
  patientType: string;
  assignedLocation: string;
  disposition: string;
  diagnoses: { code: string; text: string; codingSystem: string }[];
  /** PV2-3 as stored with the encounter's call context; null when never sent. */
  admitReason: { code: string; text: string } | null;
  /** PV1-44, else the encounter's first applied event. */
  since: Date | null;
  dischargedAt: Date | null;
  lastEndEvent: { type: 'A03' | 'A11' | 'A13'; at: Date } | null;
  lastEventType: string | null;
  lastEventAt: Date | null;
  patient: {
    id: string;
    mrn: string;
    familyName: string;
    givenName: string;
    birthDate: string | null;
    sex: string;
    deceased: boolean;
  };
  /** False when a roster is loaded and the patient is not on it. */
  attributed: boolean;
  /** The roster's team for the patient, null when none. */
  rosterTeam: string | null;
  followUps: CensusFollowUp[];
}

/**
 * Encounters that had an event since `since`, and inpatient and observation stays still open (no
 * discharge stored, no A03 or A11 applied, patient alive) whatever their age: a long stay stays on
 * the census. Clinic registrations and ED visits that never get a discharge do not pile up here:
 * the census shows them only while recent. This only narrows the reading; the census rules decide.
 * Merged-away encounters are left out (their survivor carries the events).
 */
const CENSUS_CANDIDATES = `
  SELECT e.id, e.facility, e.visit_number, e.patient_class, e.hospital_service, e.patient_type,
         e.assigned_location, e.disposition, e.diagnoses, e.discharged_at, e.last_event_type,
         e.last_event_at, ec.reason_for_visit AS admit_reason,
         COALESCE(e.admitted_at,
                  (SELECT min(ee.occurred_at) FROM encounter_events ee WHERE ee.encounter_id = e.id)) AS since,
         ende.event_type AS end_type, ende.occurred_at AS end_at,
         p.id AS patient_id, p.mrn, p.family_name, p.given_name, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date,
         p.sex, p.deceased,
         (NOT roster.loaded OR re.patient_id IS NOT NULL) AS attributed, NULLIF(re.team, '') AS roster_team,
         COALESCE((SELECT json_agg(json_build_object('kind', f.kind, 'status', f.status,
                                                     'statusReason', f.status_reason, 'team', f.team)
                                   ORDER BY f.id)
                     FROM follow_ups f WHERE f.encounter_id = e.id), '[]') AS follow_ups
    FROM encounters e
    JOIN patients p ON p.id = e.patient_id
    LEFT JOIN encounter_contexts ec ON ec.encounter_id = e.id
    CROSS JOIN (SELECT EXISTS (SELECT 1 FROM roster_entries WHERE removed_at IS NULL) AS loaded) roster
    LEFT JOIN roster_enrollments re ON re.patient_id = p.id
    LEFT JOIN LATERAL (
      SELECT upper(btrim(ee.event_type)) AS event_type, ee.occurred_at
        FROM encounter_events ee
       WHERE ee.encounter_id = e.id AND upper(btrim(ee.event_type)) IN ('A03', 'A11', 'A13')
       ORDER BY ee.occurred_at DESC, ee.message_id DESC
       LIMIT 1
    ) ende ON true
   WHERE e.merged_into IS NULL AND ${liveRow('e')}
     -- Implied by the condition below; said apart so that the two indexes find the candidates
     -- (encounters_last_event, encounters_open) instead of a scan of every encounter ever stored.
     AND (e.last_event_at >= $1 OR e.discharged_at IS NULL)
     AND (e.last_event_at >= $1
          OR (e.discharged_at IS NULL AND NOT p.deceased
              AND COALESCE(ende.event_type, 'A13') = 'A13'
              AND (upper(btrim(e.patient_class)) = 'I'
                   OR (upper(btrim(e.patient_class)) = 'O'
                       AND (upper(btrim(e.hospital_service)) = ANY ($2)
                            OR upper(btrim(e.patient_type)) = ANY ($2))))))`;

interface CensusDbRow {
  id: string;
  facility: string;
  visit_number: string;
  patient_class: string;
  hospital_service: string;
  patient_type: string;
  assigned_location: string;
  disposition: string;
  diagnoses: CensusRow['diagnoses'];
  admit_reason: CensusRow['admitReason'];
  discharged_at: Date | null;
  last_event_type: string | null;
  last_event_at: Date | null;
  since: Date | null;
  end_type: 'A03' | 'A11' | 'A13' | null;
  end_at: Date | null;
  patient_id: string;
  mrn: string;
  family_name: string;
  given_name: string;
  birth_date: string | null;
  sex: string;
  deceased: boolean;
  attributed: boolean;
  roster_team: string | null;
  follow_ups: CensusFollowUp[];
}

/**
 * The census candidates (see {@link CENSUS_CANDIDATES}), newest event first.
 * @param query - `since`: the start of the window for encounters that are not open;
 *   `observationCodes`: the site's observation codes
 */
export async function listCensusCandidates(
  db: Queryable,
  query: { since: Date; observationCodes: ReadonlySet<string> },
): Promise<CensusRow[]> {
  const result = await db.query<CensusDbRow>(
    `${CENSUS_CANDIDATES} ORDER BY e.last_event_at DESC NULLS LAST, e.id DESC`,
    [query.since, [...query.observationCodes].map((code) => code.trim().toUpperCase())],
  );
  return result.rows.map((row) => ({
    encounterId: row.id,
    facility: row.facility,
    visitNumber: row.visit_number,
    patientClass: row.patient_class,
    hospitalService: row.hospital_service,
    patientType: row.patient_type,
    assignedLocation: row.assigned_location,
    disposition: row.disposition,
    diagnoses: row.diagnoses,
    admitReason: row.admit_reason,
    since: row.since,
    dischargedAt: row.discharged_at,
    lastEndEvent: row.end_type && row.end_at ? { type: row.end_type, at: row.end_at } : null,
    lastEventType: row.last_event_type,
    lastEventAt: row.last_event_at,
    patient: {
      id: row.patient_id,
      mrn: row.mrn,
      familyName: row.family_name,
      givenName: row.given_name,
      birthDate: row.birth_date,
      sex: row.sex,
      deceased: row.deceased,
    },
    attributed: row.attributed,
    rosterTeam: row.roster_team,
    followUps: row.follow_ups,
  }));
}
