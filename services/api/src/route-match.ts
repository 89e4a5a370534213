import type { FastifyRequest } from 'fastify';

/**
 * The pattern of the route a request matched (`/api/follow-ups/:id`), or undefined when none did.
 * Checks decide on this, never on `request.url`: routing decodes percent-escapes, so
 * `/%61pi/session` reaches the `/api/session` route while its raw URL does not start with `/api/`.
 * @param request - a request past routing (every hook from onRequest on)
 */
export function matchedRoute(request: FastifyRequest): string | undefined {
  return request.routeOptions.url;
}

/**
 * Whether the request reached a route of the APIs: the JSON API (`/api/…`) or the FHIR API
 * (`/fhir/…`). Both resolve the caller up front, are rate-limited, never cached, and need the
 * CSRF token on cookie-authenticated writes.
 * @param request - the request
 */
export function isApiRoute(request: FastifyRequest): boolean {
  const route = matchedRoute(request);
  return route?.startsWith('/api/') === true || route?.startsWith('/fhir/') === true;
}

/**
 * Whether the request is a sign-in (`POST /api/session`).
 * @param request - the request
 */
export function isSignIn(request: FastifyRequest): boolean {
  return request.method === 'POST' && matchedRoute(request) === '/api/session';
}

/** The routes of a sign-in through the identity provider (the browser's trips there and back). */
export const OIDC_START_ROUTE = '/auth/oidc/start';
export const OIDC_CALLBACK_ROUTE = '/auth/oidc/callback';

/**
 * Whether the request starts or completes a sign-in through the identity provider.
 * @param request - the request
 */
export function isOidcSignIn(request: FastifyRequest): boolean {
  const route = matchedRoute(request);
  return route === OIDC_START_ROUTE || route === OIDC_CALLBACK_ROUTE;
}
