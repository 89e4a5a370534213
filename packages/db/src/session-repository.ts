import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from './pool.js';
import type { Role } from './token-repository.js';

/** The signed-in person behind a session cookie. */
export interface SessionPrincipal {
  sessionId: string;
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  teams: string[];
  createdAt: Date;
  expiresAt: Date;
}

/** A new session: the cookie value (the only copy) and when it ends at the latest. */
export interface NewSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

function hashSessionToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * Starts a session for a user who just proved who they are (password, or an identity provider).
 * Only a hash of the token is stored.
 * @param session - the user, the absolute lifetime, and where the sign-in came from
 */
export async function createSession(
  db: Queryable,
  session: { userId: string; maxAgeMs: number; remoteAddress?: string | null; userAgent?: string | null },
): Promise<NewSession> {
  // 32 random bytes: unguessable, so an unsalted SHA-256 is a safe lookup key.
  const token = randomBytes(32).toString('base64url');
  const inserted = await db.query<{ id: string; expires_at: Date }>(
    `INSERT INTO sessions (token_hash, user_id, expires_at, remote_address, user_agent)
     VALUES ($1, $2, now() + $3 * interval '1 millisecond', $4, $5)
     RETURNING id, expires_at`,
    [
      hashSessionToken(token),
      session.userId,
      session.maxAgeMs,
      session.remoteAddress ?? null,
      session.userAgent?.slice(0, 300) ?? null,
    ],
  );
  const row = inserted.rows[0];
  if (!row) throw new Error('insert returned no row');
  return { token, sessionId: row.id, expiresAt: row.expires_at };
}

/**
 * Resolves a session cookie to its principal, or null when unknown, signed out, expired, idle for
 * longer than `idleTimeoutMs`, or the user is disabled.
 * @param token - the cookie value
 * @param options - the idle timeout, and whether this request counts as activity (`touch`); the
 *   page's background refresh does not, so an unattended screen still times out
 */
export async function findSessionPrincipal(
  db: Queryable,
  token: string,
  options: { idleTimeoutMs: number; touch: boolean },
): Promise<SessionPrincipal | null> {
  // Columns named as the SessionPrincipal's fields, so a row is the value.
  const result = await db.query<SessionPrincipal>(
    `WITH live AS (
       SELECT s.id, s.user_id, s.created_at, s.expires_at FROM sessions s
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
          AND s.last_seen_at > now() - $2 * interval '1 millisecond'
     ), touched AS (
       UPDATE sessions SET last_seen_at = now() WHERE $3 AND id = (SELECT id FROM live)
     )
     SELECT live.id AS "sessionId", u.id AS "userId", u.username, u.display_name AS "displayName", u.role,
            coalesce((SELECT array_agg(m.team ORDER BY m.team) FROM team_memberships m WHERE m.user_id = u.id),
                     '{}') AS teams,
            live.created_at AS "createdAt", live.expires_at AS "expiresAt"
       FROM live JOIN users u ON u.id = live.user_id
      WHERE u.disabled_at IS NULL`,
    [hashSessionToken(token), options.idleTimeoutMs, options.touch],
  );
  return result.rows[0] ?? null;
}

/**
 * Ends one session (sign-out, or the old session at sign-in).
 * @param token - the cookie value
 */
export async function revokeSession(db: Queryable, token: string): Promise<void> {
  await db.query('UPDATE sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL', [
    hashSessionToken(token),
  ]);
}

/**
 * Deletes sessions that ended more than `keepMs` ago; the audit log keeps the sign-in history.
 * @param keepMs - how long ended sessions are kept
 */
export async function deleteEndedSessions(db: Queryable, keepMs: number): Promise<number> {
  const result = await db.query(
    `DELETE FROM sessions
      WHERE least(expires_at, coalesce(revoked_at, expires_at)) < now() - $1 * interval '1 millisecond'`,
    [keepMs],
  );
  return result.rowCount ?? 0;
}
