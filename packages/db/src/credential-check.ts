import type { Queryable } from './pool.js';
import { verifyDecoyPassword, verifyPassword } from './password-hash.js';
import { clearSignInFailures, findSignInLock, recordSignInFailure } from './sign-in-failures.js';
import { findUserById, normalizeUsername, type User } from './user-repository.js';

/** The answer to a sign-in attempt. */
export type CredentialCheck =
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; lockedUntil: Date };

/** The client address of checks that do not come over the network (the operator CLI). */
const LOCAL_ADDRESS = 'local';

/**
 * Checks a username and password from a client address. Every attempt costs one scrypt check
 * (against a decoy hash for unknown, disabled and password-less users, and also while locked), and
 * unknown usernames are counted and locked like known ones, so neither the answer nor its timing
 * tells whether a username exists. Wrong passwords in a row from one address lock that address out
 * of that username, with a backoff (see `sign-in-failures.ts`); other addresses are not affected.
 * @param username - as typed
 * @param password - as typed
 * @param remoteAddress - where the attempt comes from
 */
export async function checkCredentials(
  db: Queryable,
  username: string,
  password: string,
  remoteAddress: string = LOCAL_ADDRESS,
): Promise<CredentialCheck> {
  const name = normalizeUsername(username);
  const found = await db.query<{ id: string; password_hash: string | null; disabled_at: Date | null }>(
    'SELECT id, password_hash, disabled_at FROM users WHERE username = $1',
    [name],
  );
  const row = found.rows[0];
  const usable = row?.password_hash && !row.disabled_at ? { id: row.id, hash: row.password_hash } : null;
  const lockedUntil = await findSignInLock(db, name, remoteAddress);
  const matches = usable ? await verifyPassword(password, usable.hash) : await verifyDecoyPassword(password);
  if (lockedUntil) return { ok: false, reason: 'locked', lockedUntil };
  if (!usable || !matches) {
    const lockedNow = await recordSignInFailure(db, name, remoteAddress);
    return lockedNow
      ? { ok: false, reason: 'locked', lockedUntil: lockedNow }
      : { ok: false, reason: 'invalid' };
  }
  await clearSignInFailures(db, name, remoteAddress);
  await db.query('UPDATE users SET last_sign_in_at = now() WHERE id = $1', [usable.id]);
  const user = await findUserById(db, usable.id);
  return user ? { ok: true, user } : { ok: false, reason: 'invalid' };
}
