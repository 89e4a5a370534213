/**
 * The team view of a lead: open, overdue and closed-today work per holder, the unclaimed work,
 * and the open escalations. The holder of a follow-up is the actor of its latest claim or the
 * receiver of its latest hand-off (as `summarizeCareActions` reads it); overdue leaves out
 * follow-ups whose patient is in hospital now, as the worklist does.
 */
import type { StayLimits } from '@adt/adt';
import { STILL_TO_DO } from './follow-up-queries.js';
import type { Queryable } from './pool.js';
import { inHospitalFollowUpsCte, inHospitalParameters } from './follow-up-whereabouts.js';

/** One member of the team, or a holder of its work who is not (any more) a member. */
export interface MemberWorkload {
  /** `user:<username>`, or another actor holding work. */
  actor: string;
  username: string | null;
  displayName: string;
  member: boolean;
  lead: boolean;
  openClaimed: number;
  overdue: number;
  closedToday: number;
}

/** What the team view counts. */
export interface TeamWork {
  workloads: MemberWorkload[];
  unclaimedOpen: number;
  unclaimedOverdue: number;
}

/** An open escalation as the team view lists it (names the patient: a PHI read). */
export interface OpenEscalation {
  id: string;
  followUpId: string;
  escalatedAt: Date;
  dueAt: Date;
  kind: string;
  holder: string | null;
  patientName: string;
}

/**
 * Counts a team's work.
 * @param team - team name
 * @param settings - the current instant, the start of the practice day, and observation codes
 */
export async function countTeamWork(
  db: Queryable,
  team: string,
  settings: { now: Date; startOfDay: Date; observationCodes: ReadonlySet<string>; limits: StayLimits },
): Promise<TeamWork> {
  const [codes, edSince] = inHospitalParameters(settings);
  const held = await db.query<{ holder: string | null; open: string; overdue: string }>(
    `WITH RECURSIVE ${inHospitalFollowUpsCte('$3::text[]', '$4::timestamptz')},
     active AS (
       SELECT f.id, f.due_at,
              EXISTS (SELECT 1 FROM in_hospital_follow_ups h WHERE h.follow_up_id = f.id) AS in_hospital,
              (SELECT coalesce(a.handed_to, a.actor) FROM care_actions a
                WHERE a.follow_up_id = f.id AND a.type IN ('claim', 'hand_off') ORDER BY a.id DESC LIMIT 1)
                AS holder
         FROM follow_ups f
        WHERE f.team = $1 AND ${STILL_TO_DO}
     )
     SELECT holder, count(*) AS open, count(*) FILTER (WHERE due_at < $2 AND NOT in_hospital) AS overdue
       FROM active GROUP BY holder`,
    [team, settings.now, codes, edSince],
  );
  const closed = await db.query<{ actor: string; closed: string }>(
    `SELECT a.actor, count(DISTINCT a.follow_up_id) AS closed
       FROM care_actions a JOIN follow_ups f ON f.id = a.follow_up_id
      WHERE f.team = $1 AND a.type = 'close' AND a.at >= $2
      GROUP BY a.actor`,
    [team, settings.startOfDay],
  );
  const members = await db.query<{ username: string; display_name: string; lead: boolean }>(
    `SELECT u.username, u.display_name, m.lead FROM team_memberships m JOIN users u ON u.id = m.user_id
      WHERE m.team = $1 AND u.disabled_at IS NULL ORDER BY u.username`,
    [team],
  );
  const byActor = new Map<string, MemberWorkload>();
  const workload = (actor: string): MemberWorkload => {
    let found = byActor.get(actor);
    if (!found) {
      const username = actor.startsWith('user:') ? actor.slice('user:'.length) : null;
      found = {
        actor,
        username,
        displayName: username ?? actor,
        member: false,
        lead: false,
        openClaimed: 0,
        overdue: 0,
        closedToday: 0,
      };
      byActor.set(actor, found);
    }
    return found;
  };
  for (const m of members.rows) {
    Object.assign(workload(`user:${m.username}`), {
      displayName: m.display_name || m.username,
      member: true,
      lead: m.lead,
    });
  }
  let unclaimedOpen = 0;
  let unclaimedOverdue = 0;
  for (const row of held.rows) {
    if (row.holder === null) {
      unclaimedOpen = Number(row.open);
      unclaimedOverdue = Number(row.overdue);
      continue;
    }
    const w = workload(row.holder);
    w.openClaimed = Number(row.open);
    w.overdue = Number(row.overdue);
  }
  for (const row of closed.rows) workload(row.actor).closedToday = Number(row.closed);
  const workloads = [...byActor.values()].sort(
    (a, b) => Number(b.member) - Number(a.member) || a.displayName.localeCompare(b.displayName),
  );
  return { workloads, unclaimedOpen, unclaimedOverdue };
}

/**
 * A team's open escalations, oldest first.
 * @param team - team name
 * @param limit - at most this many
 */
export async function listOpenEscalations(
  db: Queryable,
  team: string,
  limit: number,
): Promise<OpenEscalation[]> {
  const result = await db.query<OpenEscalation>(
    `SELECT x.id::text, x.follow_up_id::text AS "followUpId", x.escalated_at AS "escalatedAt", f.due_at AS "dueAt",
            f.kind,
            (SELECT coalesce(a.handed_to, a.actor) FROM care_actions a
              WHERE a.follow_up_id = f.id AND a.type IN ('claim', 'hand_off') ORDER BY a.id DESC LIMIT 1)
              AS holder,
            concat_ws(', ', nullif(p.family_name, ''), nullif(p.given_name, '')) AS "patientName"
       FROM escalations x JOIN follow_ups f ON f.id = x.follow_up_id JOIN patients p ON p.id = f.patient_id
      WHERE x.team = $1 AND x.resolved_at IS NULL
      ORDER BY x.escalated_at, x.id LIMIT $2`,
    [team, limit],
  );
  return result.rows;
}
