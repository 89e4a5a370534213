/**
 * Sending facilities (MSH-4) and their interface settings, managed with `adt facility` and the
 * admin page. A setting left null falls back to the installation-wide one (see
 * docs/go-live.md): `PRACTICE_TZ`, `MLLP_PROCESSING_IDS`, no certificate binding.
 */
import type { FacilityMode } from '@adt/adt';
import type { Queryable } from './pool.js';

/** A sending facility and the name people know it by. */
export interface Facility {
  code: string;
  displayName: string;
  updatedAt: Date;
}

/** A sending facility with its interface settings. */
export interface FacilitySettings extends Facility {
  /** IANA zone of HL7 timestamps without an offset; null: the practice's. */
  timeZone: string | null;
  /** MSH-11 values accepted; null: the listener's `MLLP_PROCESSING_IDS`. */
  processingIds: string[] | null;
  /** Subject CN of the TLS client certificate allowed to send as this facility; null: not checked. */
  certificateSubject: string | null;
  /** SHA-256 fingerprint (lowercase hex) of that certificate; null: not checked. */
  certificateFingerprint: string | null;
  /** How the hospital's engine handles our ACKs, for the interface sheet. */
  ackModeNotes: string;
  mode: FacilityMode;
}

/** Settings to change; an absent key keeps the stored value, null clears it. */
export type FacilitySettingsChanges = Partial<
  Pick<
    FacilitySettings,
    | 'displayName'
    | 'timeZone'
    | 'processingIds'
    | 'certificateSubject'
    | 'certificateFingerprint'
    | 'ackModeNotes'
    | 'mode'
  >
>;

// Columns named as the FacilitySettings' fields, so a row is the value.
const FACILITY_COLUMNS = `code, display_name AS "displayName", updated_at AS "updatedAt", time_zone AS "timeZone",
  processing_ids AS "processingIds", certificate_subject AS "certificateSubject",
  certificate_fingerprint AS "certificateFingerprint", ack_mode_notes AS "ackModeNotes", mode`;

/**
 * Names a facility, or renames it.
 * @param code - MSH-4 as sent (first component)
 * @param displayName - the name to show
 */
export async function nameFacility(db: Queryable, code: string, displayName: string): Promise<Facility> {
  const settings = await saveFacilitySettings(db, code, { displayName });
  return { code: settings.code, displayName: settings.displayName, updatedAt: settings.updatedAt };
}

// Column of each setting; the values are bound as parameters, never spliced.
const SETTING_COLUMNS = {
  displayName: 'display_name',
  timeZone: 'time_zone',
  processingIds: 'processing_ids',
  certificateSubject: 'certificate_subject',
  certificateFingerprint: 'certificate_fingerprint',
  ackModeNotes: 'ack_mode_notes',
  mode: 'mode',
} as const satisfies Record<keyof FacilitySettingsChanges, string>;

/**
 * Creates a facility or changes some of its settings. A new facility without a display name is
 * shown by its code.
 * @param code - MSH-4 as sent (first component)
 * @param changes - the settings to set; absent ones are kept
 */
export async function saveFacilitySettings(
  db: Queryable,
  code: string,
  changes: FacilitySettingsChanges,
): Promise<FacilitySettings> {
  const keys = (Object.keys(SETTING_COLUMNS) as (keyof FacilitySettingsChanges)[]).filter(
    (key) => changes[key] !== undefined,
  );
  const columns = keys.map((key) => SETTING_COLUMNS[key]);
  const values = keys.map((key) => changes[key]);
  const insertColumns = ['code', ...columns];
  const insertValues = [code, ...values];
  if (!columns.includes('display_name')) {
    insertColumns.push('display_name');
    insertValues.push(code);
  }
  const placeholders = insertValues.map((_, index) => `$${index + 1}`);
  const updates = [...columns.map((column) => `${column} = EXCLUDED.${column}`), 'updated_at = now()'];
  const result = await db.query<FacilitySettings>(
    `INSERT INTO facilities (${insertColumns.join(', ')}) VALUES (${placeholders.join(', ')})
     ON CONFLICT (code) DO UPDATE SET ${updates.join(', ')}
     RETURNING ${FACILITY_COLUMNS}`,
    insertValues,
  );
  const row = result.rows[0];
  if (!row) throw new Error('facility upsert returned no row');
  return row;
}

/**
 * Every facility with its settings, by code.
 */
export async function listFacilities(db: Queryable): Promise<FacilitySettings[]> {
  const result = await db.query<FacilitySettings>(`SELECT ${FACILITY_COLUMNS} FROM facilities ORDER BY code`);
  return result.rows;
}

/**
 * One facility's settings.
 * @param code - MSH-4 as sent
 * @returns null when the facility has no row (every setting at its installation default)
 */
export async function findFacility(db: Queryable, code: string): Promise<FacilitySettings | null> {
  const result = await db.query<FacilitySettings>(
    `SELECT ${FACILITY_COLUMNS} FROM facilities WHERE code = $1`,
    [code],
  );
  return result.rows[0] ?? null;
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
