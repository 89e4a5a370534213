import type { Queryable } from './pool.js';

/** A team as admins manage it: navigators belong to teams, follow-ups are routed to one. */
export interface Team {
  name: string;
  displayName: string;
  /** Usernames of the members, alphabetical. */
  members: string[];
  createdAt: Date;
}

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
  created_at: Date;
}

const TEAM_SELECT = `
  SELECT t.name, t.display_name, t.created_at,
         coalesce(array_agg(u.username ORDER BY u.username) FILTER (WHERE u.id IS NOT NULL), '{}') AS members
    FROM teams t
    LEFT JOIN team_memberships m ON m.team = t.name
    LEFT JOIN users u ON u.id = m.user_id`;

function toTeam(row: TeamRow): Team {
  return { name: row.name, displayName: row.display_name, members: row.members, createdAt: row.created_at };
}

/**
 * Adds a team.
 * @param db - pool
 * @param team - its name (as follow-ups and rules carry it) and a name for people
 * @throws TeamExistsError when the name is taken
 */
export async function addTeam(db: Queryable, team: { name: string; displayName?: string }): Promise<Team> {
  if (!isValidTeamName(team.name)) throw new Error('A team name may not be empty or start/end with spaces');
  const inserted = await db.query(
    'INSERT INTO teams (name, display_name) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING name',
    [team.name, team.displayName ?? ''],
  );
  if (inserted.rowCount === 0) throw new TeamExistsError(team.name);
  const added = await findTeam(db, team.name);
  if (!added) throw new Error('team vanished after insert');
  return added;
}

/**
 * Registers a team if it is not yet (the default team, which routing uses without anyone adding it).
 * @param db - pool
 * @param name - team name
 */
export async function ensureTeam(db: Queryable, name: string): Promise<void> {
  await db.query('INSERT INTO teams (name) VALUES ($1) ON CONFLICT DO NOTHING', [name]);
}

/**
 * One team with its members, or null.
 * @param db - pool
 * @param name - team name
 */
export async function findTeam(db: Queryable, name: string): Promise<Team | null> {
  const result = await db.query<TeamRow>(`${TEAM_SELECT} WHERE t.name = $1 GROUP BY t.name`, [name]);
  const row = result.rows[0];
  return row ? toTeam(row) : null;
}

/**
 * Every team with its members, by name.
 * @param db - pool
 */
export async function listTeams(db: Queryable): Promise<Team[]> {
  const result = await db.query<TeamRow>(`${TEAM_SELECT} GROUP BY t.name ORDER BY t.name`);
  return result.rows.map(toTeam);
}

/**
 * The teams among `names` that do not exist.
 * @param db - pool
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
