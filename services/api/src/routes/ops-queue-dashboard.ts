import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { ApiContext } from '../api-context.js';

/** Where the queue dashboard lives. */
export const QUEUE_DASHBOARD_PATH = '/ops/queues';
/** The operations page the dashboard leads back to. */
const OPS_PAGE_PATH = '/ops';

// bull-board's logo leads to its own front page and its extra links hide in a menu: the way back
// to the operations page is drawn on every dashboard page as well, outside bull-board's React root,
// above the sidebar's footer.
const BACK_LINK =
  `<nav aria-label="Product" style="position:fixed;left:0.75rem;bottom:2.75rem;z-index:1000">` +
  `<a href="${OPS_PAGE_PATH}" id="adt-back-to-ops" style="display:inline-block;padding:0.4rem 0.75rem;` +
  `border-radius:0.375rem;background:#1d4ed8;color:#fff;font:600 0.875rem system-ui,sans-serif;` +
  `text-decoration:none">← Back to Operations</a></nav>`;

/**
 * Adds {@link BACK_LINK} to an HTML page of the dashboard.
 * @param html - the page bull-board rendered
 */
export function withBackLink(html: string): string {
  return html.replace(/<body([^>]*)>/, (body) => `${body}${BACK_LINK}`);
}

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

// The dashboard only looks: pausing, emptying or adding jobs would change processing outside the
// audit log. Changes go through the API (`POST /api/messages/:id/replay`, `/api/ops/queue/resume`).
const READ_METHODS = new Set(['GET', 'HEAD']);

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
 * (bearer token or session cookie), read-only: bull-board's own read-only mode hides its buttons
 * and refuses its queue actions, and every request other than GET or HEAD is refused here before
 * bull-board sees it (405), so no route of a later bull-board version can slip through.
 * @param app - the Fastify instance
 * @param options - shared API context
 */
export const opsQueueDashboard: FastifyPluginAsync<{ context: ApiContext }> = async (app, { context }) => {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: [new BullMQAdapter(context.queue, { readOnlyMode: true })],
    serverAdapter,
    options: {
      uiConfig: {
        boardTitle: 'ADT follow-up queues',
        miscLinks: [{ text: 'Back to Operations', url: OPS_PAGE_PATH }],
      },
    },
  });

  await app.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        // Also kept on the request for the audit of refusals.
        const principal = await request.authenticate();
        void reply
          .header('content-security-policy', DASHBOARD_CONTENT_SECURITY_POLICY)
          .header('x-frame-options', 'DENY')
          .header('referrer-policy', 'no-referrer')
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'no-store');
        if (!principal) return refuse(request, reply, 401);
        if (principal.role !== 'ops' && principal.role !== 'admin') return refuse(request, reply, 403);
        if (!READ_METHODS.has(request.method)) {
          return reply.code(405).header('allow', 'GET, HEAD').send({
            error: 'read_only',
            message:
              'The queue dashboard is read-only: replay messages with POST /api/messages/:id/replay, resume a paused queue with POST /api/ops/queue/resume',
          });
        }
        return undefined;
      });
      scope.addHook('onSend', async (_request, reply, payload) => {
        const type = reply.getHeader('content-type');
        if (typeof payload !== 'string' || typeof type !== 'string' || !type.startsWith('text/html')) {
          return payload;
        }
        return withBackLink(payload);
      });
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
};
