import { isKnownTeam, type Queryable } from '@adt/db';
import { HttpError } from './auth.js';

/**
 * Refuses a `?team=` filter naming a team that does not exist, which would otherwise answer an
 * empty list that reads as "nothing to do".
 * @param team - the team to filter by (undefined: no filter)
 */
export async function assertKnownTeam(db: Queryable, team: string | undefined): Promise<void> {
  if (team !== undefined && !(await isKnownTeam(db, team))) {
    throw new HttpError(404, 'unknown_team', `No team ${team}; the teams are listed at GET /api/teams`);
  }
}
