import type { Queryable } from './pool.js';
import { assertTeamsExist } from './team-repository.js';
import { findUserByUsername } from './user-repository.js';

/** Raised when a lead is named who is not on the team. */
export class NotTeamMemberError extends Error {
  override readonly name = 'NotTeamMemberError';
  readonly code = 'not_team_member';
  constructor(
    readonly team: string,
    readonly username: string,
  ) {
    super(`${username} is not on team ${team}; add them first (adt team add-member ${team} ${username})`);
  }
}

/** Raised when a lead is named who has no account. */
export class UnknownUserError extends Error {
  override readonly name = 'UnknownUserError';
  readonly code = 'unknown_user';
  constructor(readonly username: string) {
    super(`No user ${username}`);
  }
}

/**
 * Makes a member of a team one of its leads, or takes the lead away.
 * @param change - the team, the member's username, and whether they lead it
 * @throws UnknownTeamError, UnknownUserError, NotTeamMemberError
 */
export async function setTeamLead(
  db: Queryable,
  change: { team: string; username: string; lead: boolean },
): Promise<void> {
  await assertTeamsExist(db, [change.team]);
  const user = await findUserByUsername(db, change.username);
  if (!user) throw new UnknownUserError(change.username);
  const updated = await db.query('UPDATE team_memberships SET lead = $3 WHERE user_id = $1 AND team = $2', [
    user.id,
    change.team,
    change.lead,
  ]);
  if (updated.rowCount === 0) throw new NotTeamMemberError(change.team, change.username);
}

/**
 * Whether a user leads a team.
 * @param userId - the user's id
 * @param team - team name
 */
export async function isTeamLead(db: Queryable, userId: string, team: string): Promise<boolean> {
  const result = await db.query('SELECT 1 FROM team_memberships WHERE user_id = $1 AND team = $2 AND lead', [
    userId,
    team,
  ]);
  return (result.rowCount ?? 0) > 0;
}

/**
 * The teams a user leads, alphabetical.
 * @param userId - the user's id
 */
export async function listLedTeams(db: Queryable, userId: string): Promise<string[]> {
  const result = await db.query<{ team: string }>(
    'SELECT team FROM team_memberships WHERE user_id = $1 AND lead ORDER BY team',
    [userId],
  );
  return result.rows.map((row) => row.team);
}
