import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import { recordAudit } from '@adt/db';
import { HttpError, principalOf, type requireRole } from '../auth.js';
import { idParam } from '../input-schemas.js';
import { errorSchema } from '../schemas.js';

// A malformed id, no credential, the wrong role, no such record.
const ERRORS = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A route that does one thing to one stored record named by its id (revoke, delete, redeliver). */
export interface RecordActionRoute<Row extends { id: string }, Response extends z.ZodType> {
  preHandler: ReturnType<typeof requireRole>;
  summary: string;
  description: string;
  /**
   * What an id looks like (a malformed one is a 400 before anything runs); default: a database
   * id in its one spelling.
   */
  id?: z.ZodType<string>;
  /** The record as answered. */
  response: Response;
  /** Does it; null when no record has the id. */
  act: (id: string) => Promise<Row | null>;
  /**
   * The audit entry's action and resource (the record's kind, also named in the 404 and the 400:
   * `webhook_delivery` is "No webhook delivery 7"), and what else it records.
   */
  audit: { action: string; resource: string; detail?: (row: Row) => Record<string, unknown> };
  toJson: (row: Row) => z.input<Response>;
}

/**
 * Registers a {@link RecordActionRoute}: an unknown id is a 404, and what was done is audit-logged
 * under the caller's name before the record is answered.
 * @param app - the Fastify instance (with the Zod type provider)
 * @param pool - where the audit entry is written
 * @param method - the route's method
 * @param url - its path, with `:id`
 * @param route - what the route does
 */
export function recordActionRoute<Row extends { id: string }, Response extends z.ZodType>(
  app: ZodApp,
  pool: pg.Pool,
  method: 'POST' | 'DELETE',
  url: string,
  route: RecordActionRoute<Row, Response>,
): void {
  // The caller's record and schema are checked where it names them; Fastify's types cannot follow a
  // generic schema, so it sees any schema here (and the serializer checks each answer against it).
  const { response, toJson }: Pick<RecordActionRoute<Row, z.ZodType>, 'response' | 'toJson'> = route;
  const noun = route.audit.resource.replaceAll('_', ' ');
  app.route({
    method,
    url,
    preHandler: route.preHandler,
    schema: {
      summary: route.summary,
      description: route.description,
      params: z.object({ id: route.id ?? idParam(noun) }),
      response: { 200: response, ...ERRORS },
    },
    handler: async (request) => {
      const { id } = request.params;
      const row = await route.act(id);
      if (!row) throw new HttpError(404, 'not_found', `No ${noun} ${id}`);
      await recordAudit(pool, {
        actor: principalOf(request).actor,
        action: route.audit.action,
        resource: route.audit.resource,
        resourceId: row.id,
        remoteAddress: request.ip,
        ...(route.audit.detail ? { detail: route.audit.detail(row) } : {}),
      });
      return toJson(row);
    },
  });
}
