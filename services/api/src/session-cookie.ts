import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The session cookie: an opaque random value; the session itself lives in Postgres. */
export const SESSION_COOKIE = 'adt_session';
/** The CSRF secret cookie of the double-submit check (the token goes in {@link CSRF_HEADER}). */
export const CSRF_COOKIE = 'adt_csrf';
/** Header carrying the CSRF token on cookie-authenticated writes. */
export const CSRF_HEADER = 'x-csrf-token';
/** Header the inbox sets on its background refresh, which must not keep a session alive. */
export const BACKGROUND_HEADER = 'x-adt-background';

/**
 * Cookie attributes: not readable by scripts, sent only to this site (Strict: the inbox's own pages
 * and fetches, never a link or form from elsewhere), and Secure whenever the request came over
 * HTTPS (directly, or through a proxy when TRUST_PROXY is set). No Max-Age: the browser forgets the
 * cookie when it closes, and the server ends the session after idle or absolute expiry anyway.
 * @param request - the request being answered
 */
export function cookieOptions(request: FastifyRequest): CookieSerializeOptions {
  return { path: '/', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' };
}

/**
 * The session cookie's value, if sent.
 * @param request - the request
 */
export function readSessionCookie(request: FastifyRequest): string | undefined {
  const value = request.cookies[SESSION_COOKIE];
  return value && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
}

/**
 * Sets the session cookie.
 * @param request - the request being answered
 * @param reply - its reply
 * @param token - the new session's token
 */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(request));
}

/**
 * Removes the session cookie from the browser.
 * @param request - the request being answered
 * @param reply - its reply
 */
export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
}

/**
 * Key of the HMAC inside CSRF tokens. Not a secret: a token is worthless without the browser's own
 * CSRF secret cookie (httpOnly), and it is bound to the session by the session token, which only
 * that browser holds. A constant keeps tokens valid across API instances.
 */
export const CSRF_HMAC_KEY = 'adt-followup/csrf-session-binding';

/** What a CSRF token of a browser without a session is bound to (the sign-in page). */
const SIGNED_OUT = 'signed-out';

/**
 * What the CSRF token of this request must be bound to: the session cookie of a signed-in browser,
 * so a token issued to another session (a planted CSRF cookie with its token) is refused.
 * @param request - a request whose principal is resolved
 */
export function csrfBinding(request: FastifyRequest): string {
  if (request.principal?.kind !== 'session') return SIGNED_OUT;
  return readSessionCookie(request) ?? SIGNED_OUT;
}

/**
 * A CSRF token for the page, bound to the session. With `fresh`, the secret is replaced too (at
 * sign-in and sign-out, so a token seen before cannot be used in the new session).
 * @param request - the request being answered
 * @param reply - its reply
 * @param options - start from a new secret; the session token the answer starts (sign-in), or
 *   null when it ends one (sign-out); by default the request's own session
 */
export function csrfTokenFor(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { fresh?: boolean; sessionToken?: string | null } = {},
): string {
  // generateCsrf reuses the secret in the request's cookie; forgetting it makes a new one.
  if (options.fresh) request.cookies[CSRF_COOKIE] = undefined;
  const userInfo =
    options.sessionToken === undefined ? csrfBinding(request) : (options.sessionToken ?? SIGNED_OUT);
  return reply.generateCsrf({ ...cookieOptions(request), userInfo });
}
