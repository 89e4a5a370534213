import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { recordAudit } from '@adt/db';
import { matchedRoute } from './route-match.js';

/** The actor of a refused request that carried no valid credential. */
const ANONYMOUS_ACTOR = 'anonymous';

/**
 * Audit-logs every 403 (a wrong role, another team's follow-up, a missing CSRF token, the
 * read-only queue dashboard's writes…): who tried which route, from where. Refusals are what an
 * access review looks for; the route pattern is logged, never the URL, whose query may name a
 * patient. Written after the answer is sent, so a slow audit write does not delay it.
 * @param app - the root Fastify instance
 */
export function auditRefusals(app: FastifyInstance, pool: pg.Pool): void {
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode !== 403) return;
    await recordAudit(pool, {
      actor: request.principal?.actor ?? ANONYMOUS_ACTOR,
      action: 'denied',
      resource: 'route',
      resourceId: `${request.method} ${matchedRoute(request) ?? 'unmatched'}`,
      remoteAddress: request.ip,
    }).catch((error: unknown) => {
      request.log.error({ err: error }, 'could not audit-log a refused request');
    });
  });
}
