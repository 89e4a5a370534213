import type { Queryable } from './pool.js';
import { liveRow } from './sandbox-rows.js';

/** What the care-action log says about a follow-up at a glance: who works it, how many tries. */
export interface CareActionSummary {
  /**
   * Who holds the follow-up: the actor of the latest claim, or the receiver of the latest hand-off
   * (null when nobody claimed it), and since when.
   */
  claim: { actor: string; at: Date } | null;
  /** Contact attempts that did not reach the patient (no answer, voicemail, wrong number). */
  failedAttempts: number;
  /** True once a contact was made. */
  reached: boolean;
}

/**
 * Summaries of the care-action logs of several follow-ups, keyed by follow-up id. Every id asked
 * for is in the map (no actions: no claim, no attempts).
 * @param followUpIds - the follow-ups listed
 */
export async function summarizeCareActions(
  db: Queryable,
  followUpIds: readonly string[],
): Promise<Map<string, CareActionSummary>> {
  const summaries = new Map<string, CareActionSummary>();
  if (followUpIds.length === 0) return summaries;
  const result = await db.query<{
    id: string;
    claim_actor: string | null;
    claim_at: Date | null;
    failed_attempts: string;
    reached: boolean;
  }>(
    `SELECT f.id::text AS id, claim.actor AS claim_actor, claim.at AS claim_at,
            (SELECT count(*) FROM care_actions a WHERE a.follow_up_id = f.id AND a.type = 'contact_attempt')
              AS failed_attempts,
            EXISTS (SELECT 1 FROM care_actions a WHERE a.follow_up_id = f.id AND a.type = 'contact_made')
              AS reached
       FROM unnest($1::bigint[]) AS f(id)
       LEFT JOIN LATERAL (
         SELECT coalesce(a.handed_to, a.actor) AS actor, a.at FROM care_actions a
          WHERE a.follow_up_id = f.id AND a.type IN ('claim', 'hand_off') ORDER BY a.id DESC LIMIT 1
       ) claim ON true`,
    [followUpIds],
  );
  for (const row of result.rows) {
    summaries.set(row.id, {
      claim: row.claim_actor && row.claim_at ? { actor: row.claim_actor, at: row.claim_at } : null,
      failedAttempts: Number(row.failed_attempts),
      reached: row.reached,
    });
  }
  return summaries;
}

/**
 * A short fingerprint of a team's follow-ups that changes whenever one is created, updated or gets
 * an action: the inbox polls it (no patient data, so no audit entry) and reloads the list only
 * when it changes.
 * @param team - the team or teams, or undefined for every team
 */
export async function worklistFingerprint(
  db: Queryable,
  team: string | readonly string[] | undefined,
): Promise<string> {
  const result = await db.query<{ follow_ups: string; last_update: Date | null; last_action: string | null }>(
    `SELECT count(*) AS follow_ups, max(f.updated_at) AS last_update,
            (SELECT max(a.id) FROM care_actions a JOIN follow_ups g ON g.id = a.follow_up_id
              WHERE $1::text[] IS NULL OR g.team = ANY($1)) AS last_action
       FROM follow_ups f WHERE ($1::text[] IS NULL OR f.team = ANY($1)) AND ${liveRow('f')}`,
    [team === undefined ? null : typeof team === 'string' ? [team] : team],
  );
  const row = result.rows[0];
  return [row?.follow_ups ?? '0', row?.last_update?.getTime() ?? 0, row?.last_action ?? '0'].join('.');
}
