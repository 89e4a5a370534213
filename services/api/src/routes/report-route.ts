import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { MeasureScope } from '@adt/db';
import { principalOf, requireRole } from '../auth.js';
import type { ApiContext } from '../api-context.js';
import { checkPeriod, reportScope, type PeriodQuery } from '../report-query.js';
import { errorSchema } from '../schemas.js';

type RouteApp = Parameters<FastifyPluginAsyncZod<{ context: ApiContext }>>[0];

/** Who reads the reports: ops see the feeds, not follow-ups (docs/access-control.md). */
export const REPORT_ROLES = ['navigator', 'admin'] as const;

/** What a report answers besides its figures: a bad period, no session, not the caller's team. */
export const reportErrors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

/** The part of a report route that is its own: its documentation, query fields and answer. */
export interface ReportSchema<Q extends z.ZodType<PeriodQuery>, R extends z.ZodType> {
  summary: string;
  description: string;
  /** The report's query fields (a period, maybe slices); the period is checked as every report's. */
  querystring: Q;
  /** The figures it answers with (200). */
  response: R;
}

/**
 * Declares a GET report: read by navigators (their own teams) and admins (every team), its query
 * validated as a report period, and answered from the caller's measure scope.
 * @param app - the Fastify instance the route is added to
 * @param context - shared API context
 * @param url - the route's path
 * @param schema - the report's own documentation, query fields and response
 * @param answer - computes the report for the validated query within the caller's scope
 */
export function getReport<Q extends z.ZodType<PeriodQuery>, R extends z.ZodType>(
  app: RouteApp,
  context: ApiContext,
  url: string,
  schema: ReportSchema<Q, R>,
  answer: (
    query: z.output<Q>,
    scope: MeasureScope,
    reply: FastifyReply,
  ) => Promise<z.input<R> | FastifyReply>,
): void {
  const { pool } = context;
  const zone = context.config.practice.timeZone;
  // Widened to what every report shares: the callers' answers are already checked against
  // z.input<R>, and Fastify cannot resolve its reply type from a schema still generic here.
  const querystring: z.ZodType<PeriodQuery> = schema.querystring.superRefine(checkPeriod);
  const response: z.ZodType = schema.response;
  app.get(
    url,
    {
      preHandler: requireRole(...REPORT_ROLES),
      schema: {
        summary: schema.summary,
        description: schema.description,
        querystring,
        response: { 200: response, ...reportErrors },
      },
    },
    async (request, reply) => {
      const query = request.query as z.output<Q>;
      const scope = await reportScope(pool, principalOf(request), query, zone);
      return answer(query, scope, reply);
    },
  );
}
