import type { Queryable } from './pool.js';
import { hashPassword, passwordProblem } from './password-hash.js';
import { assertTeamsExist } from './team-repository.js';
import type { Role } from './token-repository.js';

/** A person who signs in to the inbox. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Teams the user belongs to, alphabetical. */
  teams: string[];
  disabledAt: Date | null;
  lastSignInAt: Date | null;
  createdAt: Date;
}

/** Raised when a username is taken. */
export class UserExistsError extends Error {
  override readonly name = 'UserExistsError';
  readonly code = 'user_exists';
  constructor(readonly username: string) {
    super(`User ${username} already exists`);
  }
}

/** Raised when a password is too weak to set. */
export class WeakPasswordError extends Error {
  override readonly name = 'WeakPasswordError';
  readonly code = 'weak_password';
}

/**
 * The stored form of a username: trimmed and lower-case, so `JDoe` and `jdoe` are one person.
 * @param username - as typed
 */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

// Columns named as the User's fields, so a row is the value.
const USER_SELECT = `
  SELECT u.id, u.username, u.display_name AS "displayName", u.role, u.disabled_at AS "disabledAt",
         u.last_sign_in_at AS "lastSignInAt", u.created_at AS "createdAt",
         coalesce((SELECT array_agg(m.team ORDER BY m.team) FROM team_memberships m WHERE m.user_id = u.id),
                  '{}') AS teams
    FROM users u`;

/**
 * Creates a user. Without a password the account cannot sign in until one is set.
 * @param db - pool (the user and memberships are written in one statement)
 * @param user - username, display name, role, teams and an optional first password
 * @throws UserExistsError, UnknownTeamError, WeakPasswordError
 */
export async function createUser(
  db: Queryable,
  user: { username: string; displayName?: string; role: Role; teams?: readonly string[]; password?: string },
): Promise<User> {
  const username = normalizeUsername(user.username);
  if (!/^[a-z0-9][a-z0-9._@-]{0,99}$/.test(username)) {
    throw new Error('A username is letters, digits and . _ @ - (at most 100)');
  }
  const teams = [...new Set(user.teams ?? [])];
  await assertTeamsExist(db, teams);
  let hash: string | null = null;
  if (user.password !== undefined) {
    const problem = passwordProblem(user.password);
    if (problem) throw new WeakPasswordError(problem);
    hash = await hashPassword(user.password);
  }
  const inserted = await db.query<{ id: string }>(
    `WITH created AS (
       INSERT INTO users (username, display_name, role, password_hash, password_changed_at)
       VALUES ($1, $2, $3, $4, CASE WHEN $4::text IS NULL THEN NULL ELSE now() END)
       ON CONFLICT (username) DO NOTHING
       RETURNING id
     ), joined AS (
       INSERT INTO team_memberships (user_id, team) SELECT created.id, unnest($5::text[]) FROM created
     )
     SELECT id FROM created`,
    [username, user.displayName?.trim() ?? '', user.role, hash, teams],
  );
  const id = inserted.rows[0]?.id;
  if (!id) throw new UserExistsError(username);
  const created = await findUserById(db, id);
  if (!created) throw new Error('user vanished after insert');
  return created;
}

/**
 * One user by id, or null.
 * @param id - user id
 */
export async function findUserById(db: Queryable, id: string): Promise<User | null> {
  const result = await db.query<User>(`${USER_SELECT} WHERE u.id = $1`, [id]);
  return result.rows[0] ?? null;
}

/**
 * One user by username (any case), or null.
 * @param username - as typed
 */
export async function findUserByUsername(db: Queryable, username: string): Promise<User | null> {
  const result = await db.query<User>(`${USER_SELECT} WHERE u.username = $1`, [normalizeUsername(username)]);
  return result.rows[0] ?? null;
}

/**
 * Every user, by username.
 */
export async function listUsers(db: Queryable): Promise<User[]> {
  const result = await db.query<User>(`${USER_SELECT} ORDER BY u.username`);
  return result.rows;
}

/**
 * Changes a user's display name, role, teams or disabled state. Disabling ends every session and
 * revokes the user's API tokens at once.
 * @param id - user id
 * @param change - the fields to change
 * @returns the user after the change, or null when there is no such user
 */
export async function updateUser(
  db: Queryable,
  id: string,
  change: { displayName?: string; role?: Role; teams?: readonly string[]; disabled?: boolean },
): Promise<User | null> {
  if (change.teams) await assertTeamsExist(db, change.teams);
  const updated = await db.query(
    `UPDATE users SET
        display_name = coalesce($2, display_name),
        role = coalesce($3, role),
        disabled_at = CASE WHEN $4::boolean IS NULL THEN disabled_at
                           WHEN $4 THEN coalesce(disabled_at, now()) ELSE NULL END,
        failed_sign_ins = CASE WHEN $4 = false THEN 0 ELSE failed_sign_ins END,
        locked_until = CASE WHEN $4 = false THEN NULL ELSE locked_until END,
        updated_at = now()
      WHERE id = $1`,
    [id, change.displayName?.trim() ?? null, change.role ?? null, change.disabled ?? null],
  );
  if (updated.rowCount === 0) return null;
  // Enabling an account is also how an admin lifts sign-in locks early.
  if (change.disabled === false) await clearSignInFailuresOf(db, id);
  if (change.teams) {
    const teams = [...new Set(change.teams)];
    await db.query(
      `WITH dropped AS (DELETE FROM team_memberships WHERE user_id = $1 AND NOT (team = ANY($2::text[])))
       INSERT INTO team_memberships (user_id, team) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
      [id, teams],
    );
  }
  if (change.disabled === true) {
    await db.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [id]);
    await db.query('UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [
      id,
    ]);
  }
  return findUserById(db, id);
}

async function clearSignInFailuresOf(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM sign_in_failures WHERE username = (SELECT username FROM users WHERE id = $1)', [
    id,
  ]);
}

/**
 * Sets a user's password and ends every session they have (a reset after a suspected leak must
 * sign the holder of the old password out).
 * @param id - user id
 * @param password - the new password
 * @returns false when there is no such user
 * @throws WeakPasswordError
 */
export async function setUserPassword(db: Queryable, id: string, password: string): Promise<boolean> {
  const problem = passwordProblem(password);
  if (problem) throw new WeakPasswordError(problem);
  const updated = await db.query(
    `UPDATE users SET password_hash = $2, password_changed_at = now(), failed_sign_ins = 0,
            locked_until = NULL, updated_at = now()
      WHERE id = $1`,
    [id, await hashPassword(password)],
  );
  await db.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [id]);
  await clearSignInFailuresOf(db, id);
  return updated.rowCount === 1;
}

/**
 * Adds or removes one team membership.
 * @param membership - team, username and whether to add or remove
 * @returns false when the user does not exist
 * @throws UnknownTeamError when adding to a team nobody added
 */
export async function changeTeamMembership(
  db: Queryable,
  membership: { team: string; username: string; member: boolean },
): Promise<boolean> {
  const user = await findUserByUsername(db, membership.username);
  if (!user) return false;
  if (membership.member) {
    await assertTeamsExist(db, [membership.team]);
    await db.query('INSERT INTO team_memberships (user_id, team) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      user.id,
      membership.team,
    ]);
  } else {
    await db.query('DELETE FROM team_memberships WHERE user_id = $1 AND team = $2', [
      user.id,
      membership.team,
    ]);
  }
  return true;
}

const USER_ACTOR_PREFIX = 'user:';

/**
 * How a signed-in user is named in the audit log and the care-action log: `user:<username>`.
 * @param username - the stored username
 */
export function userActor(username: string): string {
  return `${USER_ACTOR_PREFIX}${username}`;
}

/**
 * Names for people of the actors in a log: a user's display name (else username); API-token actors
 * (`<role>:<label>#<id>`) are named by their label. Unknown users keep their username.
 * @param actors - actor strings as stored
 */
export async function findActorNames(db: Queryable, actors: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const usernames = [...new Set(actors.filter((a) => a.startsWith(USER_ACTOR_PREFIX)))].map((a) =>
    a.slice(USER_ACTOR_PREFIX.length),
  );
  const found =
    usernames.length === 0
      ? { rows: [] }
      : await db.query<{ username: string; display_name: string }>(
          'SELECT username, display_name FROM users WHERE username = ANY($1::text[])',
          [usernames],
        );
  const display = new Map(found.rows.map((r) => [r.username, r.display_name || r.username]));
  for (const actor of actors) {
    if (actor.startsWith(USER_ACTOR_PREFIX)) {
      const username = actor.slice(USER_ACTOR_PREFIX.length);
      names.set(actor, display.get(username) ?? username);
    } else {
      // `<role>:<label>#<token id>` (API tokens); anything else is shown as stored.
      const label = /^[a-z]+:(.*)#\d+$/.exec(actor)?.[1];
      names.set(actor, label ? `${label} (API token)` : actor);
    }
  }
  return names;
}
