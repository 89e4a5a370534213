/**
 * Reads the call context shown beside follow-ups: what the messages said about the patient and
 * the encounter, the roster's PCP and when the patient was last tried. Rules that choose between
 * them (PCP, admitting diagnosis, interpreter) are `@adt/adt`'s; this only queries.
 */
import type { AdtPatientContext, CodedValue } from '@adt/hl7';
import type { Queryable } from './pool.js';

/** The stored call context of one follow-up; empty where nothing was sent. */
export interface StoredCallContext extends Omit<AdtPatientContext, 'language' | 'reasonForVisit'> {
  language: CodedValue | null;
  reasonForVisit: CodedValue | null;
  /** The active roster entry's PCP ('' when off the roster or not named). */
  rosterPcp: string;
  /** The latest contact attempt or contact made (its `at`), null before the first. */
  lastAttemptAt: Date | null;
}

/** The call context of a follow-up that has none stored (no message carried any). */
export const EMPTY_CALL_CONTEXT: StoredCallContext = {
  phones: [],
  contacts: [],
  language: null,
  address: null,
  primaryCareProvider: null,
  coverages: [],
  reasonForVisit: null,
  admittingDiagnoses: [],
  attending: null,
  rosterPcp: '',
  lastAttemptAt: null,
};

interface CallContextRow {
  id: string;
  phones: AdtPatientContext['phones'] | null;
  contacts: AdtPatientContext['contacts'] | null;
  language: CodedValue | null;
  address: AdtPatientContext['address'];
  primary_care_provider: AdtPatientContext['primaryCareProvider'];
  coverages: AdtPatientContext['coverages'] | null;
  reason_for_visit: CodedValue | null;
  admitting_diagnoses: CodedValue[] | null;
  attending: AdtPatientContext['attending'];
  roster_pcp: string | null;
  last_attempt_at: Date | null;
}

/** One row per follow-up asked for; a page of them costs one statement. */
export const FIND_CALL_CONTEXTS = `
  SELECT f.id::text AS id, pc.phones, pc.contacts, pc.language, pc.address, pc.primary_care_provider,
         pc.coverages, ec.reason_for_visit, ec.admitting_diagnoses, ec.attending, roster.pcp AS roster_pcp,
         attempt.at AS last_attempt_at
    FROM unnest($1::bigint[]) AS asked(id)
    JOIN follow_ups f ON f.id = asked.id
    LEFT JOIN patient_contexts pc ON pc.patient_id = f.patient_id
    LEFT JOIN encounter_contexts ec ON ec.encounter_id = f.encounter_id
    LEFT JOIN LATERAL (SELECT re.pcp FROM roster_enrollments re WHERE re.patient_id = f.patient_id) roster ON true
    LEFT JOIN LATERAL (
      SELECT max(a.at) AS at FROM care_actions a
       WHERE a.follow_up_id = f.id AND a.type IN ('contact_attempt', 'contact_made')
    ) attempt ON true`;

/**
 * The call context of several follow-ups, keyed by follow-up id; every existing id asked for is
 * in the map.
 * @param followUpIds - the follow-ups shown
 */
export async function findCallContexts(
  db: Queryable,
  followUpIds: readonly string[],
): Promise<Map<string, StoredCallContext>> {
  const contexts = new Map<string, StoredCallContext>();
  if (followUpIds.length === 0) return contexts;
  const result = await db.query<CallContextRow>(FIND_CALL_CONTEXTS, [followUpIds]);
  for (const row of result.rows) {
    contexts.set(row.id, {
      phones: row.phones ?? [],
      contacts: row.contacts ?? [],
      language: row.language,
      address: row.address,
      primaryCareProvider: row.primary_care_provider,
      coverages: row.coverages ?? [],
      reasonForVisit: row.reason_for_visit,
      admittingDiagnoses: row.admitting_diagnoses ?? [],
      attending: row.attending,
      rosterPcp: row.roster_pcp ?? '',
      lastAttemptAt: row.last_attempt_at,
    });
  }
  return contexts;
}
