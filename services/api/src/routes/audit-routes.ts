import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAuditEntries, recordAudit } from '@adt/db';
import { principalOf, requireRole } from '../auth.js';
import { auditEntrySchema, toAuditEntryJson } from '../account-schemas.js';
import type { ApiContext } from '../api-context.js';
import { toCsv } from '../csv.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { cursorParam, filterText, idParam, instantOrDateText, limitParam } from '../input-schemas.js';
import { errorSchema, pageSchema } from '../schemas.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema };
const instant = instantOrDateText;

/**
 * The audit log for admins: who read or changed what, when and from where, newest first; as JSON
 * pages or CSV.
 * @param app - the Fastify instance
 * @param options - shared API context
 */
export const auditRoutes: FastifyPluginAsyncZod<{ context: ApiContext }> = (app, { context }) => {
  const { pool } = context;

  app.get(
    '/api/audit',
    {
      preHandler: requireRole('admin'),
      schema: {
        summary: 'The audit log, newest first (admins)',
        description:
          '`followUpId` finds every entry that touched a follow-up: its detail reads, and the lists, searches and exports that showed it. `format=csv` gives CSV (up to `limit` rows).',
        querystring: z.object({
          actor: filterText().optional(),
          action: filterText().optional(),
          resource: filterText().optional(),
          resourceId: filterText().optional(),
          followUpId: idParam('follow-up').optional(),
          from: instant.optional(),
          to: instant.optional(),
          format: z.enum(['json', 'csv']).optional(),
          limit: limitParam,
          cursor: cursorParam,
        }),
        response: {
          200: pageSchema(auditEntrySchema, 'AuditPage').or(z.string().describe('CSV, when asked for')),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const cursor = decodeCursor(q.cursor);
      const items = await listAuditEntries(pool, {
        actor: q.actor,
        action: q.action,
        resource: q.resource,
        resourceId: q.resourceId,
        followUpId: q.followUpId,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        beforeId: cursor && 'beforeId' in cursor ? cursor.beforeId : undefined,
        limit: q.limit + 1,
      });
      const page = items.slice(0, q.limit);
      // The log names who read which patient: reading it is itself on the record.
      await recordAudit(pool, {
        actor: principalOf(request).actor,
        action: q.format === 'csv' ? 'export' : 'list',
        resource: 'audit_log',
        remoteAddress: request.ip,
        detail: {
          count: page.length,
          filters: Object.fromEntries(
            Object.entries({
              actor: q.actor,
              action: q.action,
              resource: q.resource,
              resourceId: q.resourceId,
              followUpId: q.followUpId,
              from: q.from,
              to: q.to,
            }).filter(([, value]) => value !== undefined),
          ),
        },
      });
      if (q.format === 'csv') {
        const csv = toCsv(
          ['id', 'at', 'actor', 'action', 'resource', 'resource_id', 'remote_address', 'detail'],
          page.map((e) => [
            e.id,
            e.at.toISOString(),
            e.actor,
            e.action,
            e.resource,
            e.resourceId ?? '',
            e.remoteAddress ?? '',
            e.detail ? JSON.stringify(e.detail) : '',
          ]),
        );
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="audit-log.csv"')
          .serializer((payload: string) => payload)
          .send(csv);
      }
      const last = page.at(-1);
      return {
        items: page.map(toAuditEntryJson),
        nextCursor: items.length > q.limit && last ? encodeCursor({ beforeId: last.id }) : null,
      };
    },
  );
  return Promise.resolve();
};
