/**
 * Subscribers supply their own signing secret in the Standard Webhooks form: `whsec_` and the
 * base64 of 24 to 64 random bytes (the specification's range).
 */
const SECRET_PREFIX = 'whsec_';
const MIN_SECRET_BYTES = 24;
const MAX_SECRET_BYTES = 64;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Why a secret is not a usable Standard Webhooks secret, or null when it is.
 * @param secret - the value a subscriber sent
 */
export function webhookSecretProblem(secret: string): string | null {
  if (!secret.startsWith(SECRET_PREFIX)) return 'must start with whsec_ (Standard Webhooks format)';
  const encoded = secret.slice(SECRET_PREFIX.length);
  if (!BASE64.test(encoded) || encoded.length % 4 !== 0) return 'must be whsec_ followed by base64';
  const bytes = Buffer.from(encoded, 'base64').length;
  if (bytes < MIN_SECRET_BYTES || bytes > MAX_SECRET_BYTES) {
    return `must encode ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} bytes (it encodes ${bytes})`;
  }
  return null;
}
