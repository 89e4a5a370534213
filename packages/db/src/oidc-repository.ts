import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from './pool.js';
import { findUserById, type User } from './user-repository.js';

/** What the callback of a sign-in at the identity provider checks the answer against. */
export interface OidcSignInAttempt {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The page the person asked for before signing in, as they sent it (checked by the sign-in page). */
  nextPage: string | null;
}

function hashAttemptToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * Keeps a sign-in sent to the identity provider until the browser comes back, and forgets those
 * that expired.
 * @param attempt - the checks, and how long the person has to sign in at the provider
 * @returns the value for the browser's cookie (the only copy; 32 random bytes)
 */
export async function saveOidcSignInAttempt(
  db: Queryable,
  attempt: OidcSignInAttempt & { ttlMs: number },
): Promise<string> {
  await db.query('DELETE FROM oidc_sign_in_attempts WHERE expires_at <= now()');
  const token = randomBytes(32).toString('base64url');
  await db.query(
    `INSERT INTO oidc_sign_in_attempts (token_hash, state, nonce, code_verifier, next_page, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + $6 * interval '1 millisecond')`,
    [
      hashAttemptToken(token),
      attempt.state,
      attempt.nonce,
      attempt.codeVerifier,
      attempt.nextPage,
      attempt.ttlMs,
    ],
  );
  return token;
}

/**
 * Takes the sign-in attempt of a browser's cookie: it can be used once, and not after it expired.
 * @param token - the cookie's value
 */
export async function takeOidcSignInAttempt(db: Queryable, token: string): Promise<OidcSignInAttempt | null> {
  const taken = await db.query<{
    state: string;
    nonce: string;
    code_verifier: string;
    next_page: string | null;
    live: boolean;
  }>(
    `DELETE FROM oidc_sign_in_attempts WHERE token_hash = $1
     RETURNING state, nonce, code_verifier, next_page, expires_at > now() AS live`,
    [hashAttemptToken(token)],
  );
  const row = taken.rows[0];
  if (!row?.live) return null;
  return { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, nextPage: row.next_page };
}

/**
 * The account linked to a person at the identity provider, or null.
 * @param identity - the provider's issuer and the person's subject there
 */
export async function findUserByIdentity(
  db: Queryable,
  identity: { issuer: string; subject: string },
): Promise<User | null> {
  const found = await db.query<{ user_id: string }>(
    'SELECT user_id FROM user_identities WHERE issuer = $1 AND subject = $2',
    [identity.issuer, identity.subject],
  );
  const userId = found.rows[0]?.user_id;
  return userId ? findUserById(db, userId) : null;
}

/**
 * Whether an account is linked to some person at this identity provider.
 * @param userId - the account
 * @param issuer - the provider
 */
export async function hasIdentityAt(db: Queryable, userId: string, issuer: string): Promise<boolean> {
  const found = await db.query('SELECT 1 FROM user_identities WHERE user_id = $1 AND issuer = $2', [
    userId,
    issuer,
  ]);
  return found.rowCount !== 0;
}

/**
 * Links an account to a person at the identity provider (kept when already linked), and records
 * the sign-in on both.
 * @param identity - the provider's issuer, the person's subject there, and the account
 */
export async function recordIdentitySignIn(
  db: Queryable,
  identity: { issuer: string; subject: string; userId: string },
): Promise<void> {
  await db.query(
    `INSERT INTO user_identities (issuer, subject, user_id) VALUES ($1, $2, $3)
     ON CONFLICT (issuer, subject) DO UPDATE SET last_sign_in_at = now()`,
    [identity.issuer, identity.subject, identity.userId],
  );
  await db.query('UPDATE users SET last_sign_in_at = now() WHERE id = $1', [identity.userId]);
}
