/**
 * Reads encounters for the FHIR API: the visit as its ADT events built it (PV1), the reason for
 * visit and attending of the stored context, and the status the events give it. Queries only.
 */
import type { Clinician, CodedValue } from '@adt/hl7';
import {
  commonParameters,
  MATCHING_PATIENTS,
  readSearchPage,
  splitVisibility,
  TEAM_PATIENTS,
  type FhirIdentifierCriterion,
  type FhirPeriodRange,
  type FhirSearchPage,
} from './fhir-search-sql.js';
import type { Queryable } from './pool.js';

/** FHIR R4 Encounter.status values the ADT events give. */
export type FhirEncounterStatus =
  'planned' | 'arrived' | 'in-progress' | 'finished' | 'cancelled' | 'unknown';

/** A stored encounter as the FHIR Encounter is made from it. */
export interface FhirEncounterRecord {
  id: string;
  patientId: string;
  /** MSH-4 of its messages. */
  facility: string;
  /** The facility's display name, '' when none was given. */
  facilityName: string;
  /** PV1-19. */
  visitNumber: string;
  /** PID-18. */
  accountNumber: string;
  /** PV1-2. */
  patientClass: string;
  /** PV1-3 as sent. */
  assignedLocation: string;
  /** PV1-10. */
  hospitalService: string;
  /** PV1-44. */
  admittedAt: Date | null;
  /** PV1-45. */
  dischargedAt: Date | null;
  /** PV1-36. */
  disposition: string;
  diagnoses: CodedValue[];
  /** PV2-3. */
  reasonForVisit: CodedValue | null;
  /** PV1-7. */
  attending: Clinician | null;
  status: FhirEncounterStatus;
  /** The encounter this one was merged into, null while it is current. */
  mergedInto: string | null;
  updatedAt: Date;
}

/** Criteria of an encounter search; each one given must hold (a list's entries are alternatives). */
export interface FhirEncounterSearch extends FhirSearchPage {
  ids?: readonly string[] | undefined;
  /** Visit numbers (PV1-19), by sending facility when the authority is given. */
  identifiers?: readonly FhirIdentifierCriterion[] | undefined;
  /** The encounter is one of these patients'. */
  patientIds?: readonly string[] | undefined;
  /** The encounter's patient has one of these identifiers. */
  patientIdentifiers?: readonly FhirIdentifierCriterion[] | undefined;
  /** Bounds on the period: PV1-44 (else PV1-45) to PV1-45. */
  period?: FhirPeriodRange | undefined;
  statuses?: readonly FhirEncounterStatus[] | undefined;
  /** PV1-2 codes, upper case. */
  patientClasses?: readonly string[] | undefined;
}

// The events that change where a visit stands (HL7 table 0003); A08 and the like do not.
const STATUS_EVENTS = `('A01', 'A02', 'A03', 'A04', 'A05', 'A06', 'A07', 'A11', 'A12', 'A13', 'A14', 'A38')`;

/**
 * The FHIR status of encounter `e` from its latest state-changing event `se` (the v2-to-FHIR
 * map of table 0003: A01/A02 in progress, A03 finished, A04/A05 planned, A11 cancelled, A13 in
 * progress), with two readings of what the events built: a stored discharge time is finished
 * whatever came after it, and an A04 that registers an emergency visit (PV1-2 `E`) is a patient
 * who has arrived, not a planned visit.
 */
export const FHIR_ENCOUNTER_STATUS = `(CASE
    WHEN e.discharged_at IS NOT NULL OR se.event_type = 'A03' THEN 'finished'
    WHEN se.event_type IN ('A11', 'A38') THEN 'cancelled'
    WHEN se.event_type = 'A04' AND upper(btrim(e.patient_class)) = 'E' THEN 'arrived'
    WHEN se.event_type IN ('A04', 'A05', 'A14') THEN 'planned'
    WHEN se.event_type IS NOT NULL OR e.admitted_at IS NOT NULL THEN 'in-progress'
    ELSE 'unknown'
  END)`;

const ENCOUNTER_FROM = `
    FROM encounters e
    LEFT JOIN LATERAL (
      SELECT ee.event_type FROM encounter_events ee
       WHERE ee.encounter_id = e.id AND ee.event_type IN ${STATUS_EVENTS}
       ORDER BY ee.occurred_at DESC, ee.message_id DESC LIMIT 1
    ) se ON true`;

/**
 * The encounter `e` as the FHIR Encounter needs it (columns named as the record's fields), and
 * whether the teams in `$1` see it.
 */
const ENCOUNTER_SELECT = `
  SELECT e.id::text AS id, e.patient_id::text AS "patientId", e.facility,
         COALESCE(fa.display_name, '') AS "facilityName", e.visit_number AS "visitNumber",
         e.account_number AS "accountNumber", e.patient_class AS "patientClass",
         e.assigned_location AS "assignedLocation", e.hospital_service AS "hospitalService",
         e.admitted_at AS "admittedAt", e.discharged_at AS "dischargedAt", e.disposition, e.diagnoses,
         ec.reason_for_visit AS "reasonForVisit", ec.attending, ${FHIR_ENCOUNTER_STATUS} AS status,
         e.merged_into::text AS "mergedInto", e.updated_at AS "updatedAt",
         ($1::text[] IS NULL OR e.patient_id IN ${TEAM_PATIENTS}) AS visible
    ${ENCOUNTER_FROM}
    LEFT JOIN encounter_contexts ec ON ec.encounter_id = e.id
    LEFT JOIN facilities fa ON fa.code = e.facility`;

/** The period's start: the admit time, else the discharge time. */
const PERIOD_START = 'COALESCE(e.admitted_at, e.discharged_at)';

/**
 * A search's conditions: $1 teams, $2/$3 patient identifiers, $4 ids, $5/$6 visit numbers and
 * facilities, $7 patients, $8 statuses, $9 classes, $10–$13 period bounds, $14 whether any date
 * was asked for (an encounter without a period then never matches).
 */
const ENCOUNTER_WHERE = `
  e.merged_into IS NULL
  AND ($1::text[] IS NULL OR e.patient_id IN ${TEAM_PATIENTS})
  AND ($2::text[] IS NULL OR e.patient_id IN ${MATCHING_PATIENTS})
  AND ($4::bigint[] IS NULL OR e.id = ANY($4::bigint[]))
  AND ($5::text[] IS NULL OR EXISTS (
        SELECT 1 FROM unnest($5::text[], $6::text[]) AS visit(value, facility)
         WHERE e.visit_number = visit.value AND (visit.facility IS NULL OR e.facility = visit.facility)))
  AND ($7::bigint[] IS NULL OR e.patient_id = ANY($7::bigint[]))
  AND ($8::text[] IS NULL OR ${FHIR_ENCOUNTER_STATUS} = ANY($8::text[]))
  AND ($9::text[] IS NULL OR upper(btrim(e.patient_class)) = ANY($9::text[]))
  AND (NOT $14::boolean OR ${PERIOD_START} IS NOT NULL)
  AND ($10::timestamptz IS NULL OR ${PERIOD_START} >= $10::timestamptz)
  AND ($11::timestamptz IS NULL OR ${PERIOD_START} < $11::timestamptz)
  AND ($12::timestamptz IS NULL OR e.discharged_at IS NULL OR e.discharged_at >= $12::timestamptz)
  AND ($13::timestamptz IS NULL OR e.discharged_at < $13::timestamptz)`;

type EncounterRow = FhirEncounterRecord & { visible: boolean };

/**
 * One encounter by id, and whether the teams may see it (its patient is reachable through one
 * of their follow-ups); null when there is none.
 * @param id - a canonical integer id
 * @param teams - the caller's teams; undefined: every team
 */
export async function findFhirEncounter(
  db: Queryable,
  id: string,
  teams: readonly string[] | undefined,
): Promise<{ encounter: FhirEncounterRecord; visible: boolean } | null> {
  const result = await db.query<EncounterRow>(`${ENCOUNTER_SELECT} WHERE e.id = $2::bigint`, [
    teams ?? null,
    id,
  ]);
  const row = result.rows[0];
  if (!row) return null;
  const { record, visible } = splitVisibility(row);
  return { encounter: record, visible };
}

/**
 * Current encounters (not merged away) matching the criteria that the teams may see, newest
 * first, and how many match in all.
 * @param search - criteria, teams and page
 */
export async function searchFhirEncounters(
  db: Queryable,
  search: FhirEncounterSearch,
): Promise<{ total: number; encounters: FhirEncounterRecord[] }> {
  const period = search.period ?? {};
  const params = [
    ...commonParameters(search.teams, search.patientIdentifiers),
    search.ids ?? null,
    search.identifiers ? search.identifiers.map((i) => i.value) : null,
    search.identifiers ? search.identifiers.map((i) => i.assigningAuthority) : null,
    search.patientIds ?? null,
    search.statuses ?? null,
    search.patientClasses ?? null,
    period.startsFrom ?? null,
    period.startsBefore ?? null,
    period.endsFrom ?? null,
    period.endsBefore ?? null,
    Object.values(period).some((bound) => bound !== undefined),
  ];
  const { total, rows } = await readSearchPage<EncounterRow>(
    db,
    {
      count: `SELECT count(*) AS total ${ENCOUNTER_FROM} WHERE ${ENCOUNTER_WHERE}`,
      page: `${ENCOUNTER_SELECT} WHERE ${ENCOUNTER_WHERE} ORDER BY e.id DESC OFFSET $15 LIMIT $16`,
    },
    params,
    search,
  );
  return { total, encounters: rows.map((row) => splitVisibility(row).record) };
}
