import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import { matchedRoute } from './route-match.js';

/**
 * The policy of every response that does not set its own: nothing may load, nothing may frame it.
 * JSON, CSV and error pages need none of it; the inbox pages and the queue dashboard replace it
 * with their own (see `routes/web-routes.ts`, `routes/ops-queue-dashboard.ts`).
 */
export const DEFAULT_CONTENT_SECURITY_POLICY =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** One year, as HSTS preload lists expect. */
const HSTS_MAX_AGE_SECONDS = 31_536_000;

// The OpenAPI viewer runs its own inline bootstrap script; it carries no patient data and keeps
// helmet's other headers (no framing, no sniffing).
const OWN_POLICY_PREFIXES = ['/docs'];

/**
 * Registers the security headers on every response: helmet's set (nosniff, X-Frame-Options DENY,
 * Referrer-Policy no-referrer, no X-Powered-By, cross-origin isolation), a deny-all
 * Content-Security-Policy that pages override, and HSTS when the request came over HTTPS (directly,
 * or through a proxy that says so with X-Forwarded-Proto when TRUST_PROXY is set). HSTS on plain
 * HTTP would be ignored by browsers and would wrongly pin a development host to HTTPS.
 * @param app - the root Fastify instance, before any route
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    // Set per response below so that routes with their own policy replace it, not merge with it.
    contentSecurityPolicy: false,
    hsts: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onRequest', async (request, reply) => {
    const route = matchedRoute(request) ?? '';
    if (!OWN_POLICY_PREFIXES.some((prefix) => route === prefix || route.startsWith(`${prefix}/`))) {
      void reply.header('content-security-policy', DEFAULT_CONTENT_SECURITY_POLICY);
    }
    if (request.protocol === 'https') {
      void reply.header('strict-transport-security', `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`);
    }
  });
}
