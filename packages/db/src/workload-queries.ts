import { STILL_TO_DO } from './follow-up-queries.js';
import type { Queryable } from './pool.js';
import { liveRow } from './sandbox-rows.js';

/**
 * Queries behind the workload report: who holds how many open follow-ups, how many are overdue,
 * what each team has left unclaimed, and how many follow-ups were closed each day of a period.
 */

/** Which teams and period a workload report covers. */
export interface WorkloadScope {
  /** First and last practice date of the period, `YYYY-MM-DD`, both inclusive. */
  from: string;
  to: string;
  /** `PRACTICE_TZ`: closes are dated in it. */
  timeZone: string;
  /** Only these teams' follow-ups (and members); null for every team. */
  teams: readonly string[] | null;
  /** "Overdue" means due before this instant. */
  now: Date;
}

/** One person's (or API token's) share of the work. */
export interface NavigatorWorkload {
  /** As in the care-action log: `user:<username>`, or a token's actor. */
  actor: string;
  /** The user's username; null for a token. */
  username: string | null;
  /** Display name, else username, else the actor. */
  name: string;
  /** Their teams among those reported (empty for someone outside them who holds work there). */
  teams: string[];
  /** Open and in-progress follow-ups they hold (latest claim or hand-off). */
  open: number;
  /** Of those, due before now. */
  overdue: number;
  /** Follow-ups they closed in the period (by the close's time; reopened ones no longer count). */
  closed: number;
}

/** One team's open work. */
export interface TeamWorkload {
  team: string;
  /** Open and in-progress follow-ups. */
  open: number;
  /** Of those, held by nobody. */
  unclaimed: number;
  /** Of those, due before now. */
  overdue: number;
  /** Unclaimed and overdue. */
  unclaimedOverdue: number;
}

export interface Workload {
  navigators: NavigatorWorkload[];
  teams: TeamWorkload[];
  /** Every practice date of the period, with the follow-ups closed that day. */
  closedPerDay: { date: string; count: number }[];
}

// $1 teams (null: all). The holder is the actor of the latest claim or the receiver of the latest
// hand-off, as the inbox shows it.
const OPEN_FOLLOW_UPS = `
open_fu AS (
  SELECT f.id, f.team, f.due_at < $2 AS overdue, h.holder
    FROM follow_ups f
    LEFT JOIN LATERAL (
      SELECT coalesce(a.handed_to, a.actor) AS holder FROM care_actions a
       WHERE a.follow_up_id = f.id AND a.type IN ('claim', 'hand_off') ORDER BY a.id DESC LIMIT 1
    ) h ON true
   WHERE ${STILL_TO_DO}
     AND ($1::text[] IS NULL OR f.team = ANY ($1::text[]))
)`;

// A closed follow-up counts on the practice date of its latest close (the one that stands), by
// when the close happened. The parameter numbers differ between the statements that use it.
const closesCte = (teams: string, from: string, to: string, zone: string) => `
closes AS (
  SELECT f.id, c.actor, (c.at AT TIME ZONE ${zone})::date AS close_date
    FROM follow_ups f
    JOIN LATERAL (
      SELECT a.actor, a.at FROM care_actions a
       WHERE a.follow_up_id = f.id AND a.type = 'close' ORDER BY a.id DESC LIMIT 1
    ) c ON true
   WHERE f.status = 'done' AND ${liveRow('f')} AND (${teams}::text[] IS NULL OR f.team = ANY (${teams}::text[]))
     -- closed_at is when the standing close was entered, never more than minutes before its time:
     -- an hour's margin skips the log of follow-ups closed long before the period.
     AND (f.closed_at IS NULL OR f.closed_at >= (${from}::date::timestamp AT TIME ZONE ${zone}) - interval '1 hour')
     AND c.at >= (${from}::date::timestamp AT TIME ZONE ${zone})
     AND c.at < ((${to}::date + 1)::timestamp AT TIME ZONE ${zone})
)`;

/** Per person: the navigators of the teams reported, and anyone else holding or closing their work. */
export const WORKLOAD_NAVIGATORS_SQL = `
WITH ${OPEN_FOLLOW_UPS}, ${closesCte('$1', '$3', '$4', '$5')},
members AS (
  SELECT 'user:' || u.username AS actor
    FROM users u JOIN team_memberships m ON m.user_id = u.id
   WHERE u.role = 'navigator' AND u.disabled_at IS NULL AND ($1::text[] IS NULL OR m.team = ANY ($1::text[]))
), people AS (
  SELECT actor FROM members
  UNION SELECT holder FROM open_fu WHERE holder IS NOT NULL
  UNION SELECT actor FROM closes
)
SELECT p.actor, u.username, coalesce(nullif(u.display_name, ''), u.username, p.actor) AS name,
       coalesce((SELECT array_agg(m.team ORDER BY m.team) FROM team_memberships m
                  WHERE m.user_id = u.id AND ($1::text[] IS NULL OR m.team = ANY ($1::text[]))), '{}') AS teams,
       (SELECT count(*)::int FROM open_fu o WHERE o.holder = p.actor) AS open,
       (SELECT count(*)::int FROM open_fu o WHERE o.holder = p.actor AND o.overdue) AS overdue,
       (SELECT count(*)::int FROM closes c WHERE c.actor = p.actor) AS closed
  FROM people p
  LEFT JOIN users u ON 'user:' || u.username = p.actor
 ORDER BY name, p.actor`;

/** Per team reported (every team when none is named), with zeros for a team with no open work. */
export const WORKLOAD_TEAMS_SQL = `
WITH ${OPEN_FOLLOW_UPS}
SELECT t.name AS team, count(o.id)::int AS open,
       count(o.id) FILTER (WHERE o.holder IS NULL)::int AS unclaimed,
       count(o.id) FILTER (WHERE o.overdue)::int AS overdue,
       count(o.id) FILTER (WHERE o.holder IS NULL AND o.overdue)::int AS unclaimed_overdue
  FROM teams t
  LEFT JOIN open_fu o ON o.team = t.name
 WHERE $1::text[] IS NULL OR t.name = ANY ($1::text[])
 GROUP BY t.name
 ORDER BY t.name`;

/** Closed follow-ups per practice date of the period, zero days included. */
export const WORKLOAD_CLOSED_PER_DAY_SQL = `
WITH ${closesCte('$1', '$2', '$3', '$4')}
SELECT to_char(d.day, 'YYYY-MM-DD') AS date, count(c.id)::int AS count
  FROM generate_series($2::date, $3::date, interval '1 day') AS d(day)
  LEFT JOIN closes c ON c.close_date = d.day::date
 GROUP BY d.day
 ORDER BY d.day`;

/**
 * The workload of the teams in scope.
 * @param scope - teams, period, zone and the current time
 */
export async function findWorkload(db: Queryable, scope: WorkloadScope): Promise<Workload> {
  const teams = scope.teams === null ? null : [...scope.teams];
  const params = [teams, scope.now, scope.from, scope.to, scope.timeZone];
  const [navigators, teamRows, days] = await Promise.all([
    db.query<{
      actor: string;
      username: string | null;
      name: string;
      teams: string[];
      open: number;
      overdue: number;
      closed: number;
    }>(WORKLOAD_NAVIGATORS_SQL, params),
    db.query<{ team: string; open: number; unclaimed: number; overdue: number; unclaimed_overdue: number }>(
      WORKLOAD_TEAMS_SQL,
      params.slice(0, 2),
    ),
    db.query<{ date: string; count: number }>(WORKLOAD_CLOSED_PER_DAY_SQL, [
      teams,
      scope.from,
      scope.to,
      scope.timeZone,
    ]),
  ]);
  return {
    navigators: navigators.rows,
    teams: teamRows.rows.map((r) => ({
      team: r.team,
      open: r.open,
      unclaimed: r.unclaimed,
      overdue: r.overdue,
      unclaimedOverdue: r.unclaimed_overdue,
    })),
    closedPerDay: days.rows,
  };
}
