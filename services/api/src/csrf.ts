import type { FastifyRequest } from 'fastify';
import { isApiRoute, isSignIn } from './route-match.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request must carry a valid CSRF token: an API write (POST, PATCH, PUT, DELETE) that a
 * browser would authenticate with its cookie — by a signed-in session, or the sign-in itself (so
 * another site cannot sign a browser in to an account of its choosing). Bearer-token requests are
 * exempt: a browser never adds an Authorization header on another site's behalf. Writes without
 * any credential go on to answer 401.
 * @param request - the request, with `principal` already resolved
 */
export function needsCsrfCheck(request: FastifyRequest): boolean {
  if (SAFE_METHODS.has(request.method) || !isApiRoute(request)) return false;
  if (request.principal) return request.principal.kind === 'session';
  return isSignIn(request);
}
