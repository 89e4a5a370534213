/**
 * "Same person" (measures spec): the same stored patient after merges and identifier moves, or any
 * stored patient that shares a PID-3 identifier (identifier and assigning authority) with it,
 * directly or through a chain of such patients. An HIE or enterprise id sent as another PID-3
 * repetition ties one person's records from several hospitals together. Computed by a recursive
 * query over `patients.merged_into` (both ways) and `patient_identifiers`; the in-hospital and
 * readmission checks build on it.
 */
import type { Queryable } from './pool.js';

/**
 * The recursive CTE `same_person(seed, patient_id)`: for each seed patient, every stored patient
 * that is the same person (the seed included). Put it in a `WITH RECURSIVE` list.
 * @param seeds - a query giving the seed patient ids as one column
 * @returns SQL text for the CTE
 */
export function samePersonCte(seeds: string): string {
  // UNION (not UNION ALL) drops pairs already found, so cycles of links end the recursion.
  return `same_person(seed, patient_id) AS (
    SELECT seed.id, seed.id FROM (${seeds}) AS seed(id)
    UNION
    SELECT sp.seed, linked.id
      FROM same_person sp
      CROSS JOIN LATERAL (
        SELECT p.merged_into AS id FROM patients p WHERE p.id = sp.patient_id AND p.merged_into IS NOT NULL
        UNION ALL
        SELECT p.id FROM patients p WHERE p.merged_into = sp.patient_id
        UNION ALL
        SELECT other.patient_id FROM patient_identifiers own
          JOIN patient_identifiers other
            ON other.assigning_authority = own.assigning_authority AND other.identifier = own.identifier
         WHERE own.patient_id = sp.patient_id AND other.patient_id <> sp.patient_id
      ) linked
  )`;
}

/**
 * Every stored patient that is the same person as each of the given patients.
 * @param patientIds - the patients asked about
 * @returns for each patient asked about, the ids of the same person's records (its own included), ascending
 */
export async function findSamePersonPatients(
  db: Queryable,
  patientIds: readonly string[],
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>(patientIds.map((id) => [id, []]));
  if (patientIds.length === 0) return found;
  const result = await db.query<{ seed: string; patient_id: string }>(
    `WITH RECURSIVE ${samePersonCte('SELECT DISTINCT unnest($1::bigint[])')}
     SELECT seed, patient_id FROM same_person ORDER BY seed, patient_id`,
    [patientIds],
  );
  for (const row of result.rows) found.get(row.seed)?.push(row.patient_id);
  return found;
}

/**
 * The same CTE as {@link samePersonCte}, `same_person(seed, patient_id)`, for many seeds at once
 * (a report's tens of thousands of patients): each step joins the found records with every link
 * of the registry (merges both ways, shared PID-3 identifiers), read once, instead of probing the
 * links of each record in turn. Reading every link costs one pass over `patient_identifiers`, so
 * for a handful of seeds {@link samePersonCte} is the cheaper one.
 * @param seeds - a query giving the seed patient ids as one column
 * @returns SQL text for the CTE
 */
export function samePersonOfManyCte(seeds: string): string {
  return `same_person(seed, patient_id) AS (
    SELECT seed.id, seed.id FROM (${seeds}) AS seed(id)
    UNION
    SELECT sp.seed, link.to_id
      FROM same_person sp
      JOIN (
        SELECT p.id AS from_id, p.merged_into AS to_id FROM patients p WHERE p.merged_into IS NOT NULL
        UNION ALL
        SELECT p.merged_into, p.id FROM patients p WHERE p.merged_into IS NOT NULL
        UNION ALL
        SELECT own.patient_id, other.patient_id FROM patient_identifiers own
          JOIN patient_identifiers other
            ON other.assigning_authority = own.assigning_authority AND other.identifier = own.identifier
         WHERE other.patient_id <> own.patient_id
      ) link ON link.from_id = sp.patient_id
  )`;
}
