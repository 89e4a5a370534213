import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// OWASP's scrypt settings for 32 MiB of memory per hash (N=2^15, r=8, p=3): as costly to guess as
// N=2^17/p=1 for an attacker, with a quarter of the memory per sign-in on the server.
/** The scrypt cost (log2 of N) of new hashes unless {@link setPasswordHashCost} changes it. */
export const DEFAULT_PASSWORD_HASH_COST_LOG2 = 15;
const MIN_COST_LOG2 = 4;
const MAX_COST_LOG2 = 20;
let costLog2 = DEFAULT_PASSWORD_HASH_COST_LOG2;
const BLOCK_SIZE = 8;
const PARALLELISM = 3;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
// Node refuses scrypt above 32 MiB unless told; leave room for the largest cost a stored hash names.
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;
const PREFIX = '$scrypt$';

/** The shortest password a person may set. */
export const MIN_PASSWORD_LENGTH = 12;

function derive(password: string, salt: Buffer, options: ScryptOptions, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFKC'),
      salt,
      length,
      { ...options, maxmem: MAX_MEMORY_BYTES },
      (error, key) => {
        if (error) reject(error);
        else resolve(key);
      },
    );
  });
}

/**
 * Sets the scrypt cost of hashes made from now on in this process. Production keeps the default;
 * test runs, which create and sign in users by the hundred, lower it. A stored hash names its own
 * cost, so hashes made at any cost keep verifying.
 * @param log2 - log2 of scrypt's N, 4 to 20
 */
export function setPasswordHashCost(log2: number): void {
  if (!Number.isInteger(log2) || log2 < MIN_COST_LOG2 || log2 > MAX_COST_LOG2) {
    throw new RangeError(
      `The password hash cost must be an integer from ${MIN_COST_LOG2} to ${MAX_COST_LOG2}`,
    );
  }
  costLog2 = log2;
  // The decoy must cost what a real check costs, or timing would tell unknown usernames apart.
  decoyHash = undefined;
}

/**
 * Hashes a password with scrypt and a random salt, in the self-describing form
 * `$scrypt$ln=15,r=8,p=3$<salt>$<key>` (base64), so the cost can be raised later.
 * @param password - the password as typed
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, { N: 2 ** costLog2, r: BLOCK_SIZE, p: PARALLELISM }, KEY_BYTES);
  return `${PREFIX}ln=${costLog2},r=${BLOCK_SIZE},p=${PARALLELISM}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/**
 * Checks a password against a stored hash in constant time; false for a malformed hash.
 * @param password - the password as typed
 * @param stored - the output of {@link hashPassword}
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(
    stored,
  );
  if (!match) return false;
  const [, ln, r, p, salt, key] = match;
  const expected = Buffer.from(key ?? '', 'base64');
  if (expected.length < 16) return false;
  const actual = await derive(
    password,
    Buffer.from(salt ?? '', 'base64'),
    { N: 2 ** Number(ln), r: Number(r), p: Number(p) },
    expected.length,
  );
  return timingSafeEqual(actual, expected);
}

// Verified when the username is unknown, so a wrong username costs as long as a wrong password
// and response times do not tell which usernames exist.
let decoyHash: Promise<string> | undefined;

/**
 * Spends the time of one password check without a stored hash (unknown or disabled user).
 * @param password - the password as typed
 */
export async function verifyDecoyPassword(password: string): Promise<false> {
  decoyHash ??= hashPassword(randomBytes(18).toString('base64'));
  await verifyPassword(password, await decoyHash);
  return false;
}

/**
 * Why a new password is refused, or null when it is acceptable.
 * @param password - the proposed password
 */
export function passwordProblem(password: string): string | null {
  // Spaces alone pass a length rule but are the first thing a guesser tries.
  if (password.trim() === '') return 'The password may not be only spaces';
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `The password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  }
  if (password.length > 1024) return 'The password is longer than 1024 characters';
  return null;
}
