import type { FastifyInstance, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { resolvePrincipal, type Principal } from './auth.js';
import { isApiRoute } from './route-match.js';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The caller, resolved from the bearer token or session cookie on first use and kept for the
     * rest of the request (a session is touched once); also sets `principal`.
     */
    authenticate(): Promise<Principal | null>;
  }
}

const resolved = new WeakMap<FastifyRequest, Promise<Principal | null>>();

/**
 * The one place the caller is resolved: every `/api` request before its CSRF check, rate limit and
 * handler (which read `request.principal`), and pages, the queue dashboard and metrics on demand
 * through `request.authenticate()`. Register after the cookie plugin: sessions come from a cookie.
 */
export function registerAuthentication(
  app: FastifyInstance,
  options: { pool: pg.Pool; sessionIdleTimeoutMs: number },
): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('authenticate', function (this: FastifyRequest): Promise<Principal | null> {
    let pending = resolved.get(this);
    if (!pending) {
      pending = resolvePrincipal(options.pool, this, options.sessionIdleTimeoutMs).then((principal) => {
        this.principal = principal;
        return principal;
      });
      resolved.set(this, pending);
    }
    return pending;
  });
  app.addHook('onRequest', async (request) => {
    if (isApiRoute(request)) await request.authenticate();
  });
}
