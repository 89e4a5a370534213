import type { FollowUpStatus } from '@adt/adt';
import type { Queryable } from './pool.js';
import { liveRow } from './sandbox-rows.js';

/** What deciding a care action needs to know about its follow-up, read under a row lock. */
export interface FollowUpActionRow {
  team: string;
  status: FollowUpStatus;
  /** The discharge the follow-up follows up, or the ED visit; never after its creation. */
  eventAt: Date;
  /** The actor holding it: of the latest claim, or the receiver of the latest hand-off. */
  holder: string | null;
  failedAttempts: number;
  /** Whether another open or in-progress follow-up exists for the same encounter and kind. */
  activeDuplicate: boolean;
}

// The latest claim or hand-off names the holder; the (follow_up_id, type, id) index serves both.
const LOCK_FOLLOW_UP_FOR_ACTION = `
  SELECT f.team, f.status,
         least(f.created_at, coalesce(CASE WHEN f.kind = 'discharge' THEN e.discharged_at END,
                                      e.admitted_at, f.created_at)) AS event_at,
         (SELECT coalesce(a.handed_to, a.actor) FROM care_actions a
           WHERE a.follow_up_id = f.id AND a.type IN ('claim', 'hand_off')
           ORDER BY a.id DESC LIMIT 1) AS holder,
         (SELECT count(*) FROM care_actions a
           WHERE a.follow_up_id = f.id AND a.type = 'contact_attempt') AS failed_attempts,
         EXISTS (SELECT 1 FROM follow_ups g
                  WHERE g.encounter_id = f.encounter_id AND g.kind = f.kind AND g.id <> f.id
                    AND g.status IN ('open', 'in_progress')) AS active_duplicate
    FROM follow_ups f JOIN encounters e ON e.id = f.encounter_id
   WHERE f.id = $1 AND ${liveRow('f')}
     FOR UPDATE OF f`;

/**
 * Locks a follow-up for a care action (concurrent actions on it wait) and reads its state: status,
 * holder, attempts. Runs in the caller's transaction.
 * @param id - follow-up id
 * @returns null when there is no such follow-up
 */
export async function lockFollowUpForAction(db: Queryable, id: string): Promise<FollowUpActionRow | null> {
  const result = await db.query<{
    team: string;
    status: FollowUpStatus;
    event_at: Date;
    holder: string | null;
    failed_attempts: string;
    active_duplicate: boolean;
  }>(LOCK_FOLLOW_UP_FOR_ACTION, [id]);
  const row = result.rows[0];
  if (!row) return null;
  return {
    team: row.team,
    status: row.status,
    eventAt: row.event_at,
    holder: row.holder,
    failedAttempts: Number(row.failed_attempts),
    activeDuplicate: row.active_duplicate,
  };
}

/**
 * The team a follow-up belongs to, or null when there is no such follow-up.
 * @param id - follow-up id
 */
export async function findFollowUpTeam(db: Queryable, id: string): Promise<string | null> {
  const result = await db.query<{ team: string }>('SELECT team FROM follow_ups WHERE id = $1', [id]);
  return result.rows[0]?.team ?? null;
}
