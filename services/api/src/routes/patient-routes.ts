import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { countUnattributedPatients, listUnattributedPatients, recordAudit } from '@adt/db';
import { requireRole } from '../auth.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { ApiContext } from '../api-context.js';
import { cursorParam, limitParam } from '../input-schemas.js';
import { errorSchema } from '../schemas.js';

const opsRoles = ['ops', 'admin'] as const;
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema };

const unattributedPatientSchema = z.object({
  mrn: z.string(),
  assigningAuthority: z.string(),
  familyName: z.string(),
  givenName: z.string(),
  birthDate: z.string().nullable(),
  sex: z.string(),
  encounterCount: z.number().int(),
  lastEventAt: z.string().nullable().describe('ISO-8601 instant of the latest applied event'),
});

/**
 * Patient routes for operations: the patients whose ADT events arrive while a roster is loaded but
 * who are not on it, so they get no follow-ups ("unattributed"). Reading them is audit-logged.
 * @param app - the Fastify instance
 * @param options - shared API context
 */
export const patientRoutes: FastifyPluginAsyncZod<{ context: ApiContext }> = (app, { context }) => {
  const { pool } = context;

  app.get(
    '/api/patients/unattributed',
    {
      preHandler: requireRole(...opsRoles),
      schema: {
        summary: 'Patients with ADT events who are not on the loaded roster (no follow-ups are created)',
        description: 'Newest patient first. Empty when no roster is loaded: then every patient is routed.',
        querystring: z.object({
          limit: limitParam,
          cursor: cursorParam,
        }),
        response: {
          200: z.object({
            items: z.array(unattributedPatientSchema),
            nextCursor: z.string().nullable(),
            total: z.number().int(),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const cursor = decodeCursor(request.query.cursor);
      const limit = request.query.limit;
      const found = await listUnattributedPatients(pool, {
        limit: limit + 1,
        ...(cursor && 'beforeId' in cursor ? { beforeId: cursor.beforeId } : {}),
      });
      const page = found.slice(0, limit);
      const last = page.at(-1);
      await recordAudit(pool, {
        actor: request.principal?.actor ?? '',
        action: 'list',
        resource: 'unattributed_patients',
        remoteAddress: request.ip,
        detail: { count: page.length },
      });
      return {
        items: page.map(({ patientId: _id, lastEventAt, ...patient }) => ({
          ...patient,
          lastEventAt: lastEventAt ? lastEventAt.toISOString() : null,
        })),
        nextCursor: found.length > limit && last ? encodeCursor({ beforeId: last.patientId }) : null,
        total: await countUnattributedPatients(pool),
      };
    },
  );
  return Promise.resolve();
};
