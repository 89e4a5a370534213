/** Display names of sending facilities (MSH-4), managed with `adt facility name`. */
import type { Queryable } from './pool.js';

/** A sending facility and the name people know it by. */
export interface Facility {
  code: string;
  displayName: string;
  updatedAt: Date;
}

/**
 * Names a facility, or renames it.
 * @param code - MSH-4 as sent (first component)
 * @param displayName - the name to show
 */
export async function nameFacility(db: Queryable, code: string, displayName: string): Promise<Facility> {
  const result = await db.query<{ code: string; display_name: string; updated_at: Date }>(
    `INSERT INTO facilities (code, display_name) VALUES ($1, $2)
     ON CONFLICT (code) DO UPDATE SET display_name = EXCLUDED.display_name, updated_at = now()
     RETURNING code, display_name, updated_at`,
    [code, displayName],
  );
  const row = result.rows[0];
  if (!row) throw new Error('facility upsert returned no row');
  return { code: row.code, displayName: row.display_name, updatedAt: row.updated_at };
}

/**
 * Every named facility, by code.
 */
export async function listFacilities(db: Queryable): Promise<Facility[]> {
  const result = await db.query<{ code: string; display_name: string; updated_at: Date }>(
    'SELECT code, display_name, updated_at FROM facilities ORDER BY code',
  );
  return result.rows.map((row) => ({
    code: row.code,
    displayName: row.display_name,
    updatedAt: row.updated_at,
  }));
}

/**
 * Display names of the given facility codes; codes without one are not in the map.
 * @param codes - MSH-4 codes shown on a page
 */
export async function findFacilityNames(
  db: Queryable,
  codes: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(codes)].filter((code) => code !== '');
  if (unique.length === 0) return new Map();
  const result = await db.query<{ code: string; display_name: string }>(
    'SELECT code, display_name FROM facilities WHERE code = ANY($1::text[])',
    [unique],
  );
  return new Map(result.rows.map((row) => [row.code, row.display_name]));
}
