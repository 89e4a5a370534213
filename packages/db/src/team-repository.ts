import type pg from 'pg';
import { withTransaction, type Queryable } from './pool.js';

/** A team as admins manage it: navigators belong to teams, follow-ups are routed to one. */
export interface Team {
  name: string;
  displayName: string;
  /** Usernames of the members, alphabetical. */
  members: string[];
  /** Usernames of the members who lead the team (escalations go to them), alphabetical. */
  leads: string[];
  /** Whether follow-ups that neither the roster nor a team rule assigns go here. */
  isDefault: boolean;
  createdAt: Date;
}

/**
 * The team unassigned follow-ups go to in an installation where no team is marked default and
 * `DEFAULT_TEAM` is not set (before the first team is added, and in installations that routed to it
 * before teams could be marked).
 */
export const FALLBACK_DEFAULT_TEAM = 'default';

/** Raised when a team is added twice. */
export class TeamExistsError extends Error {
  override readonly name = 'TeamExistsError';
  readonly code = 'team_exists';
  constructor(readonly team: string) {
    super(`Team ${team} already exists`);
  }
}

/** Raised when a user or membership names a team nobody added. */
export class UnknownTeamError extends Error {
  override readonly name = 'UnknownTeamError';
  readonly code = 'unknown_team';
  constructor(readonly teams: readonly string[]) {
    super(`No team ${teams.join(', ')}; add it first (adt team add <name>)`);
  }
}

/** A team name is what follow-ups and rules carry: no surrounding spaces, not empty. */
export function isValidTeamName(name: string): boolean {
  return name.length > 0 && name.length <= 100 && name === name.trim();
}

interface TeamRow {
  name: string;
  display_name: string;
  members: string[];
  leads: string[];
  is_default: boolean;
  created_at: Date;
}

const TEAM_SELECT = `
  SELECT t.name, t.display_name, t.is_default, t.created_at,
         coalesce(array_agg(u.username ORDER BY u.username) FILTER (WHERE u.id IS NOT NULL), '{}') AS members,
         coalesce(array_agg(u.username ORDER BY u.username) FILTER (WHERE u.id IS NOT NULL AND m.lead), '{}')
           AS leads
    FROM teams t
    LEFT JOIN team_memberships m ON m.team = t.name
    LEFT JOIN users u ON u.id = m.user_id`;

function toTeam(row: TeamRow): Team {
  return {
    name: row.name,
    displayName: row.display_name,
    members: row.members,
    leads: row.leads,
    isDefault: row.is_default,
    createdAt: row.created_at,
  };
}

// The first team of an installation becomes its default team. Two first teams added at the same
// instant cannot both take the flag: the unique index refuses the second insert.
const INSERT_TEAM = `
  INSERT INTO teams (name, display_name, is_default)
  VALUES ($1, $2, NOT EXISTS (SELECT 1 FROM teams WHERE is_default))
  ON CONFLICT (name) DO NOTHING RETURNING name`;

/**
 * Adds a team; the first team of an installation becomes its default team.
 * @param team - its name (as follow-ups and rules carry it) and a name for people
 * @throws TeamExistsError when the name is taken
 */
export async function addTeam(db: Queryable, team: { name: string; displayName?: string }): Promise<Team> {
  if (!isValidTeamName(team.name)) throw new Error('A team name may not be empty or start/end with spaces');
  const inserted = await db.query(INSERT_TEAM, [team.name, team.displayName ?? '']);
  if (inserted.rowCount === 0) throw new TeamExistsError(team.name);
  const added = await findTeam(db, team.name);
  if (!added) throw new Error('team vanished after insert');
  return added;
}

/**
 * Registers a team if it is not yet (the default team, which routing uses without anyone adding
 * it); like {@link addTeam}, the first team of an installation becomes its default team.
 * @param name - team name
 */
export async function ensureTeam(db: Queryable, name: string): Promise<void> {
  await db.query(INSERT_TEAM, [name, '']);
}

/**
 * The team marked default (see {@link setDefaultTeam}), or null when none is.
 */
export async function findDefaultTeam(db: Queryable): Promise<string | null> {
  const result = await db.query<{ name: string }>('SELECT name FROM teams WHERE is_default');
  return result.rows[0]?.name ?? null;
}

/**
 * Where follow-ups nobody assigns go: `DEFAULT_TEAM` when set, else the team marked default, else
 * {@link FALLBACK_DEFAULT_TEAM}.
 * @param configured - the `DEFAULT_TEAM` setting, null when not set
 */
export async function resolveDefaultTeam(db: Queryable, configured: string | null): Promise<string> {
  return configured ?? (await findDefaultTeam(db)) ?? FALLBACK_DEFAULT_TEAM;
}

/**
 * Marks a team as the one follow-ups nobody assigns go to; the mark moves from the previous one
 * (which, before any team was marked, is {@link FALLBACK_DEFAULT_TEAM}). Follow-ups already routed
 * stay where they are unless `moveOpen` asks to move the open and in-progress ones of the previous
 * default team, and of {@link FALLBACK_DEFAULT_TEAM} while no team by that name was added (those
 * were routed there before the first team existed).
 * @param pool - pool (the change is one transaction)
 * @param name - an existing team
 * @param options - `moveOpen`: also move the previous default team's open follow-ups
 * @returns the previous default team and how many follow-ups moved
 * @throws UnknownTeamError when no such team was added
 */
export async function setDefaultTeam(
  pool: pg.Pool,
  name: string,
  options: { moveOpen?: boolean } = {},
): Promise<{ previous: string; moved: number }> {
  return withTransaction(pool, async (db) => {
    const marked = await db.query<{ name: string }>('SELECT name FROM teams WHERE is_default FOR UPDATE');
    const previous = marked.rows[0]?.name ?? FALLBACK_DEFAULT_TEAM;
    // The unique index is checked row by row: clear the old mark before setting the new one.
    await db.query('UPDATE teams SET is_default = false WHERE is_default AND name <> $1', [name]);
    const set = await db.query('UPDATE teams SET is_default = true WHERE name = $1', [name]);
    if (set.rowCount === 0) throw new UnknownTeamError([name]);
    if (!options.moveOpen) return { previous, moved: 0 };
    const result = await db.query(
      `UPDATE follow_ups SET team = $1, updated_at = now()
        WHERE status IN ('open', 'in_progress') AND team <> $1
          AND (team = $2 OR (team = $3 AND NOT EXISTS (SELECT 1 FROM teams WHERE name = $3)))`,
      [name, previous, FALLBACK_DEFAULT_TEAM],
    );
    return { previous, moved: result.rowCount ?? 0 };
  });
}

/**
 * Whether a team is one to filter by: added, or carried by a follow-up (one routed by a
 * `DEFAULT_TEAM` that names no added team, or to `default` before any team was added).
 * @param name - team name
 */
export async function isKnownTeam(db: Queryable, name: string): Promise<boolean> {
  const result = await db.query<{ known: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM teams WHERE name = $1)
            OR EXISTS (SELECT 1 FROM follow_ups WHERE team = $1) AS known`,
    [name],
  );
  return result.rows[0]?.known ?? false;
}

/**
 * Refuses team names nobody added.
 * @param names - team names to check
 * @throws UnknownTeamError naming the missing ones
 */
export async function assertTeamsExist(db: Queryable, names: readonly string[]): Promise<void> {
  const missing = await missingTeams(db, [...new Set(names)]);
  if (missing.length > 0) throw new UnknownTeamError(missing);
}

/**
 * One team with its members, or null.
 * @param name - team name
 */
export async function findTeam(db: Queryable, name: string): Promise<Team | null> {
  const result = await db.query<TeamRow>(`${TEAM_SELECT} WHERE t.name = $1 GROUP BY t.name`, [name]);
  const row = result.rows[0];
  return row ? toTeam(row) : null;
}

/**
 * Every team with its members, by name.
 */
export async function listTeams(db: Queryable): Promise<Team[]> {
  const result = await db.query<TeamRow>(`${TEAM_SELECT} GROUP BY t.name ORDER BY t.name`);
  return result.rows.map(toTeam);
}

/**
 * The teams among `names` that do not exist.
 * @param names - team names to check
 */
export async function missingTeams(db: Queryable, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const result = await db.query<{ name: string }>(
    'SELECT n AS name FROM unnest($1::text[]) n WHERE n NOT IN (SELECT name FROM teams)',
    [names],
  );
  return result.rows.map((r) => r.name);
}

/** A team member as a colleague sees them: to hand a follow-up to. */
export interface TeamMember {
  username: string;
  displayName: string;
}

/**
 * The members of a team whose accounts are not disabled, by name.
 * @param team - team name
 */
export async function listActiveTeamMembers(db: Queryable, team: string): Promise<TeamMember[]> {
  const result = await db.query<{ username: string; display_name: string }>(
    `SELECT u.username, u.display_name FROM team_memberships m JOIN users u ON u.id = m.user_id
      WHERE m.team = $1 AND u.disabled_at IS NULL
      ORDER BY coalesce(nullif(u.display_name, ''), u.username), u.username`,
    [team],
  );
  return result.rows.map((r) => ({ username: r.username, displayName: r.display_name || r.username }));
}
