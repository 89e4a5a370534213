/**
 * Reads patients for the FHIR API: demographics, every stored PID-3 identifier, and the address
 * and phones of the stored call context. Queries only; the FHIR shape is the API's.
 */
import type { ContactPhone, PostalAddress } from '@adt/hl7';
import {
  commonParameters,
  MATCHING_PATIENTS,
  readSearchPage,
  splitVisibility,
  TEAM_PATIENTS,
  type FhirIdentifierCriterion,
  type FhirRange,
  type FhirSearchPage,
} from './fhir-search-sql.js';
import type { Queryable } from './pool.js';

/** A stored patient as the FHIR Patient is made from it. */
export interface FhirPatientRecord {
  id: string;
  mrn: string;
  assigningAuthority: string;
  familyName: string;
  givenName: string;
  middleName: string;
  /** `YYYY-MM-DD`. */
  birthDate: string | null;
  /** PID-8 as sent. */
  sex: string;
  /** PID-13, first number (the demographics' phone). */
  phone: string;
  deceased: boolean;
  /** The surviving patient of a merge (A40), null while this record is current. */
  mergedInto: string | null;
  updatedAt: Date;
  /** Every PID-3 repetition stored: assigning authority, value, identifier type (CX.5). */
  identifiers: { assigningAuthority: string; value: string; type: string }[];
  /** PID-11 from the call context. */
  address: PostalAddress | null;
  /** PID-13 and PID-14 numbers from the call context. */
  phones: ContactPhone[];
}

/** Criteria of a patient search; each one given must hold (a list's entries are alternatives). */
export interface FhirPatientSearch extends FhirSearchPage {
  ids?: readonly string[] | undefined;
  /** The patient has one of these identifiers. */
  identifiers?: readonly FhirIdentifierCriterion[] | undefined;
  /** `YYYY-MM-DD` bounds on the birth date. */
  birthDate?: FhirRange<string> | undefined;
}

type PatientRow = FhirPatientRecord & { visible: boolean };

/**
 * The patient `p` with its identifiers and call context (columns named as the record's fields),
 * and whether the teams in `$1` see it.
 */
const PATIENT_SELECT = `
  SELECT p.id::text AS id, p.mrn, p.assigning_authority AS "assigningAuthority", p.family_name AS "familyName",
         p.given_name AS "givenName", p.middle_name AS "middleName",
         to_char(p.birth_date, 'YYYY-MM-DD') AS "birthDate", p.sex, p.phone, p.deceased,
         p.merged_into::text AS "mergedInto", p.updated_at AS "updatedAt",
         COALESCE((SELECT json_agg(json_build_object('assigningAuthority', pi.assigning_authority,
                                                     'value', pi.identifier, 'type', pi.identifier_type)
                                   ORDER BY pi.assigning_authority, pi.identifier, pi.identifier_type)
                     FROM patient_identifiers pi WHERE pi.patient_id = p.id), '[]') AS identifiers,
         pc.address, COALESCE(pc.phones, '[]') AS phones,
         ($1::text[] IS NULL OR p.id IN ${TEAM_PATIENTS}) AS visible
    FROM patients p
    LEFT JOIN patient_contexts pc ON pc.patient_id = p.id`;

/** A search's conditions: $1 teams, $2/$3 identifiers, $4 ids, $5/$6 birth date bounds. */
const PATIENT_WHERE = `
  p.merged_into IS NULL
  AND ($1::text[] IS NULL OR p.id IN ${TEAM_PATIENTS})
  AND ($2::text[] IS NULL OR p.id IN ${MATCHING_PATIENTS})
  AND ($4::bigint[] IS NULL OR p.id = ANY($4::bigint[]))
  AND ($5::date IS NULL OR p.birth_date >= $5::date)
  AND ($6::date IS NULL OR p.birth_date < $6::date)`;

/**
 * One patient by id, and whether the teams may see it; null when there is none.
 * @param id - a canonical integer id
 * @param teams - the caller's teams; undefined: every team
 */
export async function findFhirPatient(
  db: Queryable,
  id: string,
  teams: readonly string[] | undefined,
): Promise<{ patient: FhirPatientRecord; visible: boolean } | null> {
  const result = await db.query<PatientRow>(`${PATIENT_SELECT} WHERE p.id = $2::bigint`, [teams ?? null, id]);
  const row = result.rows[0];
  if (!row) return null;
  const { record, visible } = splitVisibility(row);
  return { patient: record, visible };
}

/**
 * Current patients (not merged away) matching the criteria that the teams may see, newest first,
 * and how many match in all.
 * @param search - criteria, teams and page
 */
export async function searchFhirPatients(
  db: Queryable,
  search: FhirPatientSearch,
): Promise<{ total: number; patients: FhirPatientRecord[] }> {
  const params = [
    ...commonParameters(search.teams, search.identifiers),
    search.ids ?? null,
    search.birthDate?.from ?? null,
    search.birthDate?.before ?? null,
  ];
  const { total, rows } = await readSearchPage<PatientRow>(
    db,
    {
      count: `SELECT count(*) AS total FROM patients p WHERE ${PATIENT_WHERE}`,
      page: `${PATIENT_SELECT} WHERE ${PATIENT_WHERE} ORDER BY p.id DESC OFFSET $7 LIMIT $8`,
    },
    params,
    search,
  );
  return { total, patients: rows.map((row) => splitVisibility(row).record) };
}
