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
 * A CSRF token for the page. With `fresh`, the secret is replaced too (at sign-in and sign-out, so a
 * token seen before cannot be used in the new session).
 * @param request - the request being answered
 * @param reply - its reply
 * @param fresh - start from a new secret
 */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply, fresh = false): string {
  // generateCsrf reuses the secret in the request's cookie; forgetting it makes a new one.
  if (fresh) request.cookies[CSRF_COOKIE] = undefined;
  return reply.generateCsrf(cookieOptions(request));
}
