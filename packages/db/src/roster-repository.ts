import type { Queryable } from './pool.js';

/** One patient of the practice's attributed roster, as imported. */
export interface RosterEntryInput {
  /** The patient identifier (an MRN), matched against every PID-3 identifier the feed sent. */
  identifier: string;
  /** Its assigning authority (PID-3.4; the sending facility when the feed leaves PID-3.4 empty). */
  assigningAuthority: string;
  familyName: string;
  givenName: string;
  /** `YYYY-MM-DD`, or null when not given. */
  birthDate: string | null;
  sex: string;
  /** The team that follows the patient; '' lets the team rules choose. */
  team: string;
  /** Primary care provider, as the practice names them. */
  pcp: string;
}

/** What an import changed. */
export interface RosterImportResult {
  /** Entries new to the roster. */
  inserted: number;
  /** Entries already on the roster whose fields were refreshed. */
  updated: number;
  /** Entries removed by an earlier `--replace` import and now back. */
  reactivated: number;
  /** Entries left out of a `--replace` import, now marked removed. */
  removed: number;
  /** Ids of the entries that became active with this import (inserted or reactivated). */
  enrolledEntryIds: string[];
}

/**
 * Adds or refreshes roster entries keyed by (assigning authority, identifier); an entry that was
 * removed becomes active again. With `replace`, active entries missing from `entries` are marked
 * removed (kept for history). Runs in the caller's transaction; `entries` must not repeat a key.
 * @param entries - validated roster rows
 * @param options - `replace`: the file is the whole roster
 */
export async function importRosterEntries(
  db: Queryable,
  entries: readonly RosterEntryInput[],
  options: { replace: boolean },
): Promise<RosterImportResult> {
  const column = <K extends keyof RosterEntryInput>(key: K) => entries.map((entry) => entry[key]);
  // One statement for the whole file: `prior` sees the table as it was before the upsert (a
  // data-modifying CTE's siblings share one snapshot), which tells inserts, updates and returns apart.
  const result = await db.query<{ id: string; inserted: boolean; reactivated: boolean }>(
    `WITH input AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[],
                            $7::text[], $8::text[])
         AS t(identifier, assigning_authority, family_name, given_name, birth_date, sex, team, pcp)
     ), prior AS (
       SELECT r.id, r.removed_at FROM roster_entries r
         JOIN input i ON i.assigning_authority = r.assigning_authority AND i.identifier = r.identifier
     ), upserted AS (
       INSERT INTO roster_entries
         (identifier, assigning_authority, family_name, given_name, birth_date, sex, team, pcp)
       SELECT identifier, assigning_authority, family_name, given_name, birth_date, sex, team, pcp FROM input
       ON CONFLICT (assigning_authority, identifier) DO UPDATE SET
         family_name = EXCLUDED.family_name, given_name = EXCLUDED.given_name,
         birth_date = EXCLUDED.birth_date, sex = EXCLUDED.sex, team = EXCLUDED.team, pcp = EXCLUDED.pcp,
         enrolled_at = CASE WHEN roster_entries.removed_at IS NULL THEN roster_entries.enrolled_at ELSE now() END,
         removed_at = NULL, updated_at = now()
       RETURNING id
     )
     SELECT u.id, p.id IS NULL AS inserted, p.removed_at IS NOT NULL AS reactivated
       FROM upserted u LEFT JOIN prior p ON p.id = u.id`,
    [
      column('identifier'),
      column('assigningAuthority'),
      column('familyName'),
      column('givenName'),
      column('birthDate'),
      column('sex'),
      column('team'),
      column('pcp'),
    ],
  );
  let removed = 0;
  if (options.replace) {
    const removal = await db.query(
      `UPDATE roster_entries SET removed_at = now(), updated_at = now()
        WHERE removed_at IS NULL AND NOT (id = ANY($1::bigint[]))`,
      [result.rows.map((row) => row.id)],
    );
    removed = removal.rowCount ?? 0;
  }
  const inserted = result.rows.filter((row) => row.inserted).length;
  const reactivated = result.rows.filter((row) => row.reactivated).length;
  return {
    inserted,
    reactivated,
    updated: result.rows.length - inserted - reactivated,
    removed,
    enrolledEntryIds: result.rows.filter((row) => row.inserted || row.reactivated).map((row) => row.id),
  };
}

/**
 * The stored patients the given roster entries name (through any of their identifiers).
 * @param entryIds - roster entry ids
 */
export async function findPatientsOfRosterEntries(
  db: Queryable,
  entryIds: readonly string[],
): Promise<string[]> {
  if (entryIds.length === 0) return [];
  const result = await db.query<{ patient_id: string }>(
    `SELECT DISTINCT known.patient_id FROM (
       SELECT id AS patient_id, assigning_authority, mrn AS identifier FROM patients WHERE merged_into IS NULL
       UNION
       SELECT i.patient_id, i.assigning_authority, i.identifier FROM patient_identifiers i
         JOIN patients p ON p.id = i.patient_id AND p.merged_into IS NULL
     ) known
     JOIN roster_entries r ON r.assigning_authority = known.assigning_authority AND r.identifier = known.identifier
     WHERE r.id = ANY($1::bigint[])
     ORDER BY known.patient_id`,
    [entryIds],
  );
  return result.rows.map((row) => row.patient_id);
}

/** Whether a roster is loaded and what it says about one patient. */
export interface RosterAttribution {
  /** Some roster entry is active: only enrolled patients are routed. */
  rosterLoaded: boolean;
  /** The patient is on the roster. */
  enrolled: boolean;
  /** The roster's team for the patient; null when not enrolled or the entry has no team. */
  team: string | null;
}

/** A patient with ADT events who is not on the loaded roster. */
export interface UnattributedPatient {
  patientId: string;
  mrn: string;
  assigningAuthority: string;
  familyName: string;
  givenName: string;
  birthDate: string | null;
  sex: string;
  encounterCount: number;
  lastEventAt: Date | null;
}

/**
 * Patients not on the loaded roster (no follow-ups are created for them), newest patient first.
 * Empty when no roster is loaded.
 * @param page - page size and, for the next page, the last patient id of the previous one
 */
export async function listUnattributedPatients(
  db: Queryable,
  page: { limit: number; beforeId?: string | undefined },
): Promise<UnattributedPatient[]> {
  const result = await db.query<UnattributedPatient>(
    `SELECT patient_id AS "patientId", mrn, assigning_authority AS "assigningAuthority",
            family_name AS "familyName", given_name AS "givenName",
            to_char(birth_date, 'YYYY-MM-DD') AS "birthDate", sex,
            encounter_count::int AS "encounterCount", last_event_at AS "lastEventAt"
       FROM unattributed_patients
      WHERE ($1::bigint IS NULL OR patient_id < $1)
      ORDER BY patient_id DESC
      LIMIT $2`,
    [page.beforeId ?? null, page.limit],
  );
  return result.rows;
}

/**
 * How many patients are unattributed (0 when no roster is loaded).
 */
export async function countUnattributedPatients(db: Queryable): Promise<number> {
  const result = await db.query<{ count: string }>('SELECT count(*) AS count FROM unattributed_patients');
  return Number(result.rows[0]?.count ?? 0);
}
