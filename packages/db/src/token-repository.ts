import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from './pool.js';

/** Who may do what: the three roles of the product. */
export type Role = 'navigator' | 'ops' | 'admin';

/** The identity behind a bearer token: the token's owner, as the user is now. */
export interface TokenPrincipal {
  tokenId: string;
  /** The token's label. */
  name: string;
  userId: string;
  username: string;
  role: Role;
  /** The owner's teams, alphabetical. */
  teams: string[];
}

/** A token as admins see it; the secret is never stored, so it is never shown again. */
export interface ApiToken {
  id: string;
  name: string;
  userId: string | null;
  /** Null only for tokens made before tokens had owners (all revoked). */
  username: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const TOKEN_PREFIX = 'adt_';

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

interface ApiTokenRow {
  id: string;
  name: string;
  user_id: string | null;
  username: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const TOKEN_SELECT = `
  SELECT t.id, t.name, t.user_id, u.username, t.created_at, t.last_used_at, t.revoked_at
    FROM api_tokens t LEFT JOIN users u ON u.id = t.user_id`;

function toApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    userId: row.user_id,
    username: row.username,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/**
 * Creates a bearer token that acts as a user; only its hash is stored, so the returned text is the
 * only copy.
 * @param options - the owner and a label for the token
 * @returns the token text and its id, or null when the user does not exist or is disabled
 */
export async function createApiToken(
  db: Queryable,
  options: { userId: string; name: string },
): Promise<{ id: string; token: string } | null> {
  // 32 random bytes: unguessable, and a SHA-256 of it is a safe lookup key (no salt needed).
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const inserted = await db.query<{ id: string }>(
    `INSERT INTO api_tokens (token_hash, name, user_id)
     SELECT $1, $2, id FROM users WHERE id = $3 AND disabled_at IS NULL
     RETURNING id`,
    [hashToken(token), options.name, options.userId],
  );
  const id = inserted.rows[0]?.id;
  return id ? { id, token } : null;
}

/**
 * Resolves a bearer token to its principal, or null when unknown, revoked, or its user is disabled.
 * Role and teams are read from the user on every call.
 * @param token - the token text from the Authorization header
 */
export async function findTokenPrincipal(db: Queryable, token: string): Promise<TokenPrincipal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const result = await db.query<{
    id: string;
    name: string;
    user_id: string;
    username: string;
    role: Role;
    teams: string[];
  }>(
    // last_used_at is refreshed at most once a minute: a write (and a synchronous commit) on every
    // request would cost more than the request itself.
    `WITH found AS (
       SELECT t.id, t.name, t.last_used_at, u.id AS user_id, u.username, u.role
         FROM api_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled_at IS NULL
     ), touched AS (
       UPDATE api_tokens SET last_used_at = now()
        WHERE id = (SELECT id FROM found)
          AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
     )
     SELECT f.id, f.name, f.user_id, f.username, f.role,
            coalesce((SELECT array_agg(m.team ORDER BY m.team) FROM team_memberships m
                       WHERE m.user_id = f.user_id), '{}') AS teams
       FROM found f`,
    [hashToken(token)],
  );
  const row = result.rows[0];
  return row
    ? {
        tokenId: row.id,
        name: row.name,
        userId: row.user_id,
        username: row.username,
        role: row.role,
        teams: row.teams,
      }
    : null;
}

/**
 * Tokens, newest first, revoked ones included.
 * @param filter - only one user's tokens; a page of `limit` before `beforeId`
 */
export async function listApiTokens(
  db: Queryable,
  filter: { userId?: string; beforeId?: string; limit?: number } = {},
): Promise<ApiToken[]> {
  const result = await db.query<ApiTokenRow>(
    `${TOKEN_SELECT}
      WHERE ($1::bigint IS NULL OR t.user_id = $1)
        AND ($2::bigint IS NULL OR t.id < $2)
      ORDER BY t.id DESC
      LIMIT $3`,
    [filter.userId ?? null, filter.beforeId ?? null, filter.limit ?? null],
  );
  return result.rows.map(toApiToken);
}

/**
 * Revokes a token; revoking it again keeps the first revocation time.
 * @param id - token id
 * @returns the token after the change, or null when there is no such token
 */
export async function revokeApiToken(db: Queryable, id: string): Promise<ApiToken | null> {
  const result = await db.query<ApiTokenRow>(
    `WITH revoked AS (
       UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING *
     )
     SELECT t.id, t.name, t.user_id, u.username, t.created_at, t.last_used_at, t.revoked_at
       FROM revoked t LEFT JOIN users u ON u.id = t.user_id`,
    [id],
  );
  const row = result.rows[0];
  return row ? toApiToken(row) : null;
}
