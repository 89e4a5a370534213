import type { Queryable } from './pool.js';
import { verifyDecoyPassword, verifyPassword } from './password-hash.js';
import { findUserById, normalizeUsername, type User } from './user-repository.js';

/** Consecutive wrong passwords that lock an account. */
export const MAX_FAILED_SIGN_INS = 5;
/** How long a locked account refuses sign-in. */
export const SIGN_IN_LOCKOUT_MS = 15 * 60_000;

/** The answer to a sign-in attempt. */
export type CredentialCheck =
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; lockedUntil: Date };

/**
 * Checks a username and password. Unknown users, disabled users and users without a password get
 * `invalid` after the same scrypt work as a wrong password; {@link MAX_FAILED_SIGN_INS} wrong
 * passwords in a row lock the account for {@link SIGN_IN_LOCKOUT_MS}.
 * @param db - pool
 * @param username - as typed
 * @param password - as typed
 */
export async function checkCredentials(
  db: Queryable,
  username: string,
  password: string,
): Promise<CredentialCheck> {
  const found = await db.query<{
    id: string;
    password_hash: string | null;
    disabled_at: Date | null;
    locked_until: Date | null;
  }>('SELECT id, password_hash, disabled_at, locked_until FROM users WHERE username = $1', [
    normalizeUsername(username),
  ]);
  const row = found.rows[0];
  if (!row?.password_hash || row.disabled_at) {
    await verifyDecoyPassword(password);
    return { ok: false, reason: 'invalid' };
  }
  if (row.locked_until && row.locked_until > new Date()) {
    return { ok: false, reason: 'locked', lockedUntil: row.locked_until };
  }
  if (!(await verifyPassword(password, row.password_hash))) {
    const failed = await db.query<{ locked_until: Date | null }>(
      `UPDATE users SET
          failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= $2 THEN 0 ELSE failed_sign_ins + 1 END,
          locked_until = CASE WHEN failed_sign_ins + 1 >= $2 THEN now() + $3 * interval '1 millisecond'
                              ELSE locked_until END
        WHERE id = $1 RETURNING locked_until`,
      [row.id, MAX_FAILED_SIGN_INS, SIGN_IN_LOCKOUT_MS],
    );
    const lockedUntil = failed.rows[0]?.locked_until;
    return lockedUntil && lockedUntil > new Date()
      ? { ok: false, reason: 'locked', lockedUntil }
      : { ok: false, reason: 'invalid' };
  }
  await db.query(
    'UPDATE users SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = now() WHERE id = $1',
    [row.id],
  );
  const user = await findUserById(db, row.id);
  return user ? { ok: true, user } : { ok: false, reason: 'invalid' };
}
