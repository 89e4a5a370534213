import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listSandboxMessages, recordAudit } from '@adt/db';
import { requireRole } from '../auth.js';
import type { ApiContext } from '../api-context.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { cursorParam, filterText, limitParam } from '../input-schemas.js';
import { errorSchema, pageSchema } from '../schemas.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema };
const isoDateTime = z.string().describe('ISO-8601 instant');

const sandboxMessageSchema = z.object({
  id: z.string(),
  receivedAt: isoDateTime,
  sendingFacility: z.string(),
  controlId: z.string(),
  messageType: z.string(),
  status: z.enum(['received', 'processed', 'duplicate', 'rejected', 'failed']),
  statusReason: z.string().nullable(),
  ackCode: z.string().nullable(),
  visitNumber: z.string().describe('PV1-19 as sent; empty when none or not applied'),
  followUps: z
    .array(
      z.object({
        id: z.string(),
        kind: z.enum(['discharge', 'ed_visit']),
        status: z.enum(['open', 'in_progress', 'done', 'cancelled']),
        statusReason: z.string().nullable(),
        team: z.string(),
        dueAt: isoDateTime,
        priority: z.enum(['high', 'normal']),
      }),
    )
    .describe(
      "The follow-ups of the message's visit, as they stand now: what the feed would have created live",
    ),
});

/**
 * The sandbox (ops and admin): a test feed's messages and the follow-ups they would have created,
 * so a hospital's interface can be checked end to end before go-live. Test feeds often carry copies
 * of real patients, so the read is audit-logged as a message read.
 * @param app - the Fastify instance
 * @param options - shared API context
 */
export const opsSandboxRoutes: FastifyPluginAsyncZod<{ context: ApiContext }> = (app, { context }) => {
  const { pool } = context;

  app.get(
    '/api/ops/sandbox',
    {
      preHandler: requireRole('ops', 'admin'),
      schema: {
        summary: 'Test-feed messages, newest first, with the follow-ups they would have created',
        description:
          'A message is a test-feed (sandbox) message when its facility was in test mode or its MSH-11 was T when it was received. Nothing here reaches worklists, reports, the census, escalations or webhooks.',
        querystring: z.object({
          facility: filterText(199).optional(),
          limit: limitParam,
          cursor: cursorParam,
        }),
        response: { 200: pageSchema(sandboxMessageSchema, 'SandboxMessagePage'), ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const cursor = decodeCursor(q.cursor);
      const items = await listSandboxMessages(pool, {
        facility: q.facility,
        ...(cursor && 'beforeId' in cursor ? { beforeId: cursor.beforeId } : {}),
        limit: q.limit + 1,
      });
      const page = items.slice(0, q.limit);
      await recordAudit(pool, {
        actor: request.principal?.actor ?? '',
        action: 'list',
        resource: 'sandbox',
        remoteAddress: request.ip,
        detail: { count: page.length },
      });
      const last = page.at(-1);
      return {
        items: page.map((m) => ({
          ...m,
          receivedAt: m.receivedAt.toISOString(),
          followUps: m.followUps.map((f) => ({ ...f, dueAt: f.dueAt.toISOString() })),
        })),
        nextCursor: items.length > q.limit && last ? encodeCursor({ beforeId: last.id }) : null,
      };
    },
  );
  return Promise.resolve();
};
