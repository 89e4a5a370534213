import type { Queryable } from './pool.js';

/** Wrong passwords in a row, from one address for one username, before sign-in is locked. */
export const MAX_FAILED_SIGN_INS = 5;
/** The first lock; each further failure after a lock doubles it… */
export const FIRST_SIGN_IN_LOCKOUT_MS = 60_000;
/** …up to this. */
export const MAX_SIGN_IN_LOCKOUT_MS = 15 * 60_000;
/** Failures older than this are forgotten: counting starts over. */
export const SIGN_IN_FAILURE_MEMORY_MS = 24 * 60 * 60_000;

/**
 * How long sign-in is locked after the given number of failures in a row (0: not locked).
 * @param failures - consecutive failures, this one included
 */
export function signInLockoutMs(failures: number): number {
  if (failures < MAX_FAILED_SIGN_INS) return 0;
  const doublings = Math.min(failures - MAX_FAILED_SIGN_INS, 16);
  return Math.min(FIRST_SIGN_IN_LOCKOUT_MS * 2 ** doublings, MAX_SIGN_IN_LOCKOUT_MS);
}

/**
 * Until when sign-in for a username from an address is locked, or null when it is not.
 * @param username - normalised username (known or not)
 * @param remoteAddress - the client address
 */
export async function findSignInLock(
  db: Queryable,
  username: string,
  remoteAddress: string,
): Promise<Date | null> {
  const found = await db.query<{ locked_until: Date }>(
    `SELECT locked_until FROM sign_in_failures
      WHERE username = $1 AND remote_address = $2 AND locked_until > now()`,
    [username, remoteAddress],
  );
  return found.rows[0]?.locked_until ?? null;
}

/**
 * Counts a failed sign-in and locks the pair when the count calls for it.
 * @param username - normalised username (known or not)
 * @param remoteAddress - the client address
 * @returns until when the pair is now locked, or null
 */
export async function recordSignInFailure(
  db: Queryable,
  username: string,
  remoteAddress: string,
): Promise<Date | null> {
  const counted = await db.query<{ failures: number }>(
    `INSERT INTO sign_in_failures AS f (username, remote_address, failures)
     VALUES ($1, $2, 1)
     ON CONFLICT (username, remote_address) DO UPDATE SET
       failures = CASE WHEN f.last_failed_at < now() - $3 * interval '1 millisecond' THEN 1
                       ELSE f.failures + 1 END,
       last_failed_at = now()
     RETURNING failures`,
    [username, remoteAddress, SIGN_IN_FAILURE_MEMORY_MS],
  );
  const lockMs = signInLockoutMs(counted.rows[0]?.failures ?? 1);
  if (lockMs === 0) return null;
  const locked = await db.query<{ locked_until: Date }>(
    `UPDATE sign_in_failures SET locked_until = now() + $3 * interval '1 millisecond'
      WHERE username = $1 AND remote_address = $2 RETURNING locked_until`,
    [username, remoteAddress, lockMs],
  );
  return locked.rows[0]?.locked_until ?? null;
}

/**
 * Forgets the failures of a username: from one address (a successful sign-in there), or from
 * every address (an admin enabling the account or setting a new password).
 * @param username - normalised username
 * @param remoteAddress - the address, or undefined for all
 */
export async function clearSignInFailures(
  db: Queryable,
  username: string,
  remoteAddress?: string,
): Promise<void> {
  await db.query(
    'DELETE FROM sign_in_failures WHERE username = $1 AND ($2::text IS NULL OR remote_address = $2)',
    [username, remoteAddress ?? null],
  );
}

/**
 * Deletes failures nobody needs any more (older than {@link SIGN_IN_FAILURE_MEMORY_MS}).
 */
export async function deleteStaleSignInFailures(db: Queryable): Promise<void> {
  await db.query(
    "DELETE FROM sign_in_failures WHERE last_failed_at < now() - $1 * interval '1 millisecond'",
    [SIGN_IN_FAILURE_MEMORY_MS],
  );
}
