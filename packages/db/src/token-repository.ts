import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from './pool.js';

/** Who may do what: the three roles of the product. */
export type Role = 'navigator' | 'ops' | 'admin';

/** The identity behind a bearer token. */
export interface TokenPrincipal {
  tokenId: string;
  name: string;
  role: Role;
  team: string | null;
}

const TOKEN_PREFIX = 'adt_';

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * Creates a bearer token; only its hash is stored, so the returned text is the only copy.
 * @param db - pool
 * @param options - role, team and a label for the token
 * @returns the token text
 */
export async function createApiToken(
  db: Queryable,
  options: { role: Role; team: string | null; name: string },
): Promise<string> {
  // 32 random bytes: unguessable, and a SHA-256 of it is a safe lookup key (no salt needed).
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  await db.query('INSERT INTO api_tokens (token_hash, name, role, team) VALUES ($1, $2, $3, $4)', [
    hashToken(token),
    options.name,
    options.role,
    options.team,
  ]);
  return token;
}

/**
 * Resolves a bearer token to its principal, or null when unknown or revoked.
 * @param db - pool
 * @param token - the token text from the Authorization header
 */
export async function findTokenPrincipal(db: Queryable, token: string): Promise<TokenPrincipal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const result = await db.query<{ id: string; name: string; role: Role; team: string | null }>(
    // last_used_at is refreshed at most once a minute: a write (and a synchronous commit) on every
    // request would cost more than the request itself.
    `WITH found AS (
       SELECT id, name, role, team, last_used_at FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL
     ), touched AS (
       UPDATE api_tokens SET last_used_at = now()
        WHERE id = (SELECT id FROM found)
          AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
     )
     SELECT id, name, role, team FROM found`,
    [hashToken(token)],
  );
  const row = result.rows[0];
  return row ? { tokenId: row.id, name: row.name, role: row.role, team: row.team } : null;
}
