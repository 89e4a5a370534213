/**
 * The pieces the FHIR read queries share: criteria as the API parsed them (no FHIR syntax here)
 * and the SQL conditions they become, always with bound parameters.
 */

/** How a date search compares: FHIR's prefixes this server supports. */
export type FhirDateComparator = 'eq' | 'gt' | 'lt' | 'ge' | 'le';

/**
 * One date criterion: the comparator and the range the searched value covers at its precision
 * (`2026-12` covers the whole month: `start` inclusive, `end` exclusive).
 */
export interface FhirDateCriterion<T extends Date | string = Date> {
  comparator: FhirDateComparator;
  start: T;
  end: T;
}

/**
 * One identifier a search asks for: the assigning authority (null: any; '' only identifiers
 * without one) and the value.
 */
export interface FhirIdentifierCriterion {
  assigningAuthority: string | null;
  value: string;
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

/** Collects bound parameters and hands out their placeholders. */
export class SqlParameters {
  readonly values: unknown[] = [];

  /**
   * The placeholder of a new parameter.
   * @param value - bound as is
   * @param cast - a Postgres type the placeholder is cast to
   */
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }
}

/**
 * The SQL condition of a date criterion on a column holding one point in time (or a date).
 * @param column - the SQL expression compared
 * @param cast - the parameters' Postgres type (`timestamptz`, `date`)
 */
export function pointDateCondition(
  params: SqlParameters,
  column: string,
  criterion: FhirDateCriterion<Date | string>,
  cast: string,
): string {
  const start = () => params.add(criterion.start, cast);
  const end = () => params.add(criterion.end, cast);
  switch (criterion.comparator) {
    case 'eq':
      return `(${column} >= ${start()} AND ${column} < ${end()})`;
    case 'ge':
      return `${column} >= ${start()}`;
    case 'gt':
      return `${column} >= ${end()}`;
    case 'le':
      return `${column} < ${end()}`;
    case 'lt':
      return `${column} < ${start()}`;
    default:
      return criterion.comparator satisfies never;
  }
}

/**
 * The SQL condition of a date criterion on a period (FHIR's rules for ranges): `eq` needs the
 * period inside the searched range, `ge`/`gt` a period reaching to or past it (an open end
 * reaches everything), `le`/`lt` one starting before its end or its start.
 * @param startColumn - the period's start; a period without one never matches
 * @param endColumn - the period's end, NULL while it goes on
 */
export function periodDateCondition(
  params: SqlParameters,
  startColumn: string,
  endColumn: string,
  criterion: FhirDateCriterion,
): string {
  const start = () => params.add(criterion.start, 'timestamptz');
  const end = () => params.add(criterion.end, 'timestamptz');
  const condition = (() => {
    switch (criterion.comparator) {
      case 'eq':
        return `${startColumn} >= ${start()} AND ${endColumn} IS NOT NULL AND ${endColumn} < ${end()}`;
      case 'ge':
        return `(${endColumn} IS NULL OR ${endColumn} >= ${start()})`;
      case 'gt':
        return `(${endColumn} IS NULL OR ${endColumn} >= ${end()})`;
      case 'le':
        return `${startColumn} < ${end()}`;
      case 'lt':
        return `${startColumn} < ${start()}`;
      default:
        return criterion.comparator satisfies never;
    }
  })();
  return `(${startColumn} IS NOT NULL AND ${condition})`;
}

/**
 * SQL condition: patient `patientColumn` (a patients.id) has one of the identifiers, as its
 * medical record number or any other PID-3 repetition stored for it.
 * @param identifiers - any of them matches
 */
export function patientIdentifierCondition(
  params: SqlParameters,
  patientColumn: string,
  identifiers: readonly FhirIdentifierCriterion[],
): string {
  const values = params.add(
    identifiers.map((i) => i.value),
    'text[]',
  );
  // A null authority matches any: NULL in the array, compared with IS NOT DISTINCT FROM below.
  const authorities = params.add(
    identifiers.map((i) => i.assigningAuthority),
    'text[]',
  );
  return `EXISTS (
    SELECT 1 FROM unnest(${values}, ${authorities}) AS asked(value, authority)
     WHERE EXISTS (SELECT 1 FROM patients ip
                    WHERE ip.id = ${patientColumn} AND ip.mrn = asked.value
                      AND (asked.authority IS NULL OR ip.assigning_authority = asked.authority))
        OR EXISTS (SELECT 1 FROM patient_identifiers pi
                    WHERE pi.patient_id = ${patientColumn} AND pi.identifier = asked.value
                      AND (asked.authority IS NULL OR pi.assigning_authority = asked.authority)))`;
}

/**
 * SQL condition: the patient `patientColumn` is reachable through a follow-up of the teams
 * (always true for every team).
 */
export function patientVisibleCondition(
  params: SqlParameters,
  patientColumn: string,
  teams: readonly string[] | undefined,
): string {
  if (teams === undefined) return 'true';
  return `EXISTS (SELECT 1 FROM follow_ups vf
                   WHERE vf.patient_id = ${patientColumn} AND vf.team = ANY(${params.add(teams, 'text[]')}))`;
}

/**
 * The statement's WHERE clause from its conditions.
 * @param conditions - all must hold
 */
export function whereClause(conditions: readonly string[]): string {
  return conditions.length === 0 ? '' : `WHERE ${conditions.join('\n   AND ')}`;
}
