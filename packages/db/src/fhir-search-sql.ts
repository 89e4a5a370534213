/**
 * What the FHIR read queries share: criteria as the API parsed them (no FHIR syntax here), and
 * the constant SQL fragments for the caller's teams and patient identifiers. Every FHIR query
 * numbers its first parameters alike so the fragments fit: `$1` the teams (NULL: every team),
 * `$2` identifier values and `$3` their assigning authorities (NULL: any authority).
 */
import type pg from 'pg';
import type { Queryable } from './pool.js';

/**
 * One identifier a search asks for: the assigning authority (null: any; '' only identifiers
 * without one) and the value.
 */
export interface FhirIdentifierCriterion {
  assigningAuthority: string | null;
  value: string;
}

/** Bounds on a point in time or a date: `from` inclusive, `before` exclusive. */
export interface FhirRange<T extends Date | string = Date> {
  from?: T | undefined;
  before?: T | undefined;
}

/**
 * Bounds on a period (FHIR's rules for ranges): on its start, and on its end, where an open end
 * passes `endsFrom` and fails `endsBefore`.
 */
export interface FhirPeriodRange {
  startsFrom?: Date | undefined;
  startsBefore?: Date | undefined;
  endsFrom?: Date | undefined;
  endsBefore?: Date | undefined;
}

/** Paging and who is asking, common to every search. */
export interface FhirSearchPage {
  /**
   * The teams whose follow-ups the caller may see; undefined: every team (admins). A patient,
   * their encounters and a task are visible through a follow-up of one of these teams.
   */
  teams: readonly string[] | undefined;
  offset: number;
  /** 0 counts only. */
  limit: number;
}

/** The patients reachable through a follow-up of the teams in `$1`. */
export const TEAM_PATIENTS = `(SELECT vf.patient_id FROM follow_ups vf WHERE vf.team = ANY($1::text[]))`;

/**
 * The patients with one of the identifiers in `$2` (values) and `$3` (authorities, NULL for any),
 * as their medical record number or any other PID-3 repetition stored for them.
 */
export const MATCHING_PATIENTS = `(
    SELECT ip.id FROM unnest($2::text[], $3::text[]) AS asked(value, authority)
      JOIN patients ip ON ip.mrn = asked.value
                      AND (asked.authority IS NULL OR ip.assigning_authority = asked.authority)
    UNION
    SELECT pi.patient_id FROM unnest($2::text[], $3::text[]) AS asked(value, authority)
      JOIN patient_identifiers pi ON pi.identifier = asked.value
                                 AND (asked.authority IS NULL OR pi.assigning_authority = asked.authority))`;

/**
 * The first three parameters of every FHIR query: the teams and the patient identifiers.
 * @param identifiers - the patient identifiers asked for, if any
 */
export function commonParameters(
  teams: readonly string[] | undefined,
  identifiers: readonly FhirIdentifierCriterion[] | undefined,
): [readonly string[] | null, string[] | null, (string | null)[] | null] {
  return [
    teams ?? null,
    identifiers ? identifiers.map((i) => i.value) : null,
    identifiers ? identifiers.map((i) => i.assigningAuthority) : null,
  ];
}

/**
 * A FHIR read's row split into the record and whether the caller's teams see it (the `visible`
 * column every FHIR select ends with).
 * @param row - a row named as the record's fields, plus `visible`
 */
export function splitVisibility<Row extends { visible: boolean }>({
  visible,
  ...record
}: Row): { record: Omit<Row, 'visible'>; visible: boolean } {
  return { record, visible };
}

/**
 * Runs a search as its two statements: how many match in all, then one page of them (not read
 * when only the count is asked for or nothing matches).
 * @param sql - the count statement (one `total` column) and the page statement, which takes the
 *   page's offset and limit as the two parameters after `params`
 * @param params - the parameters the two statements share
 * @param page - offset and limit
 */
// Row is the page statement's row type, which db.query takes on trust as it does for any statement.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export async function readSearchPage<Row extends pg.QueryResultRow>(
  db: Queryable,
  sql: { count: string; page: string },
  params: readonly unknown[],
  page: FhirSearchPage,
): Promise<{ total: number; rows: Row[] }> {
  const counted = await db.query<{ total: string }>(sql.count, [...params]);
  const total = Number(counted.rows[0]?.total ?? 0);
  if (page.limit === 0 || total === 0) return { total, rows: [] };
  const result = await db.query<Row>(sql.page, [...params, page.offset, page.limit]);
  return { total, rows: result.rows };
}
