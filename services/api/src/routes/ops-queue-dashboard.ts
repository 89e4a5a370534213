import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { resolvePrincipal } from '../auth.js';
import type { ApiContext } from '../api-context.js';

/** Where the queue dashboard lives. */
export const QUEUE_DASHBOARD_PATH = '/ops/queues';

// The dashboard's own UI styles itself with inline style attributes and a <style> block, and sets
// <base href>; its scripts are files from this origin. So only styles and <base> are relaxed here,
// never scripts, and only under this path. Its web fonts come from a third party and are left out.
const DASHBOARD_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function refuse(request: FastifyRequest, reply: FastifyReply, status: 401 | 403): FastifyReply {
  // A person opening the page gets the sign-in page; the dashboard's own fetches get JSON.
  if (status === 401 && request.method === 'GET' && request.headers.accept?.includes('text/html')) {
    return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
  }
  const body =
    status === 401
      ? { error: 'unauthenticated', message: 'Sign in or send Authorization: Bearer <token>' }
      : { error: 'forbidden', message: 'The queue dashboard needs one of the roles: ops, admin' };
  return reply.code(status).send(body);
}

/**
 * The BullMQ dashboard (bull-board) over the ADT events queue at `/ops/queues`, for ops and admin
 * (bearer token or session cookie). It can retry, promote and remove jobs, so its writes are also
 * refused when the browser says they come from another site (the session cookie is SameSite=Strict
 * already; this does not rest on that alone).
 * @param app - the Fastify instance
 * @param options - shared API context
 */
export const opsQueueDashboard: FastifyPluginAsync<{ context: ApiContext }> = async (app, { context }) => {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: [new BullMQAdapter(context.queue)],
    serverAdapter,
    options: { uiConfig: { boardTitle: 'ADT follow-up queues' } },
  });

  await app.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        const principal = await resolvePrincipal(
          context.pool,
          request,
          context.config.api.sessionIdleTimeoutMs,
        );
        void reply
          .header('content-security-policy', DASHBOARD_CONTENT_SECURITY_POLICY)
          .header('x-frame-options', 'DENY')
          .header('referrer-policy', 'no-referrer')
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'no-store');
        if (!principal) return refuse(request, reply, 401);
        if (principal.role !== 'ops' && principal.role !== 'admin') return refuse(request, reply, 403);
        const site = request.headers['sec-fetch-site'];
        if (!SAFE_METHODS.has(request.method) && site !== undefined && site !== 'same-origin') {
          return reply.code(403).send({ error: 'cross_site', message: 'Cross-site request refused' });
        }
        return undefined;
      });
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
};
