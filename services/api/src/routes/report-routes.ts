import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isMeasureId, localDate, MEASURE_IDS, previousPeriod } from '@adt/adt';
import { recordAudit } from '@adt/db';
import { HttpError, principalOf, requireRole } from '../auth.js';
import { reportPoolOf, type ApiContext } from '../api-context.js';
import { countedMeasureReport, measureMembers, measureReportToCsv } from '../measure-report.js';
import { checkPeriod, periodFields, reportScope } from '../report-query.js';
import { getReport, REPORT_ROLES, reportErrors } from './report-route.js';

const rateSchema = z
  .object({
    numerator: z.number().int(),
    denominator: z.number().int(),
    rate: z.number().nullable().describe('numerator / denominator; null when the denominator is 0'),
  })
  .meta({ id: 'Rate' });
/** One measure's figure, as the measures report and each bucket of its trend give it. */
export const figureSchema = z
  .union([
    z.object({
      id: z.literal('readmit_30d'),
      ...rateSchema.shape,
      provisional: z
        .boolean()
        .describe('the period ended less than 30 days ago: readmissions may still come'),
      groups: z.object({ contacted_2bd: rateSchema, not_contacted_2bd: rateSchema }),
    }),
    z.object({
      id: z.literal('first_contact_hours'),
      count: z.number().int(),
      median: z.number().nullable().describe('nearest rank, hours'),
      p90: z.number().nullable().describe('nearest rank, hours'),
    }),
    z.object({ id: z.enum(MEASURE_IDS), ...rateSchema.shape }),
  ])
  .meta({ id: 'MeasureFigure' });
// A pattern rather than an enum, so the path parameter is bounded like every other id.
const measureIdParam = z
  .string()
  .regex(new RegExp(`^(?:${MEASURE_IDS.join('|')})$`), `must be one of ${MEASURE_IDS.join(', ')}`);

const memberSchema = z
  .object({
    followUpId: z.string().nullable(),
    encounterId: z.string().nullable(),
    patient: z.object({
      id: z.string(),
      mrn: z.string(),
      assigningAuthority: z.string(),
      familyName: z.string(),
      givenName: z.string(),
    }),
    eventDate: z.string(),
    team: z.string().nullable(),
    facility: z.string(),
    kind: z.enum(['discharge', 'ed_visit']).optional(),
    risk: z
      .enum(['high', 'normal'])
      .nullable()
      .optional()
      .describe('null: an index stay without a discharge follow-up'),
    inNumerator: z.boolean(),
    readmissionEncounterId: z.string().nullable().optional(),
    contacted2bd: z.boolean().optional(),
    hours: z.number().optional(),
  })
  .meta({ id: 'MeasureMember' });

/**
 * Report routes: the impact measures of a period (docs/measures.md) and, for each measure, the
 * members behind its figures. Navigators see their own teams, admins every team.
 * @param app - the Fastify instance
 * @param options - shared API context
 */
export const reportRoutes: FastifyPluginAsyncZod<{ context: ApiContext }> = (app, { context }) => {
  const { pool } = context;
  const reportPool = reportPoolOf(context);
  const zone = context.config.practice.timeZone;

  getReport(
    app,
    context,
    '/api/reports/measures',
    {
      summary: 'Impact measures of a period: TCM contact and visits, med rec, ED follow-up, readmissions',
      description:
        'Definitions in docs/measures.md. `format=csv` gives one row per measure (of the period asked for only). Periods span at most 400 days.',
      querystring: z.object({
        ...periodFields,
        format: z.enum(['json', 'csv']).default('json'),
        compare: z
          .enum(['previous'])
          .optional()
          .describe(
            '`previous` adds the previous period: as many calendar months before when the period is whole months, else as many days just before',
          ),
      }),
      response: z
        .object({
          from: z.string(),
          to: z.string(),
          measures: z.array(figureSchema),
          previous: z
            .object({ from: z.string(), to: z.string(), measures: z.array(figureSchema) })
            .optional()
            .describe('with `compare=previous`: the same figures for the previous period'),
        })
        .or(z.string().describe('CSV, when asked for')),
    },
    async (q, scope, reply) => {
      const today = localDate(new Date(), zone);
      const before = q.compare === 'previous' && q.format === 'json' ? previousPeriod(q) : null;
      const [report, previous] = await Promise.all([
        countedMeasureReport(reportPool, scope, today),
        before === null ? null : countedMeasureReport(reportPool, { ...scope, ...before }, today),
      ]);
      if (q.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="measures-${q.from}-${q.to}.csv"`)
          .serializer((payload: string) => payload)
          .send(measureReportToCsv(report));
      }
      if (previous === null) return report;
      return { ...report, previous };
    },
  );

  app.get(
    '/api/reports/measures/:id/members',
    {
      preHandler: requireRole(...REPORT_ROLES),
      schema: {
        summary: "A measure's denominator members, each with whether it is in the numerator",
        description:
          'The patients behind a figure of GET /api/reports/measures, in event-date order. Audit-logged.',
        params: z.object({ id: measureIdParam }),
        querystring: z.object(periodFields).superRefine(checkPeriod),
        response: {
          200: z.object({
            id: z.enum(MEASURE_IDS),
            from: z.string(),
            to: z.string(),
            items: z.array(memberSchema),
          }),
          ...reportErrors,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query;
      const scope = await reportScope(pool, principal, q, zone);
      const id = request.params.id;
      // The pattern has let only measure ids through; this narrows the type.
      if (!isMeasureId(id)) throw new HttpError(400, 'bad_request', `No measure ${id}`);
      const items = (await measureMembers(reportPool, scope))[id];
      await recordAudit(pool, {
        actor: principal.actor,
        action: 'list',
        resource: 'measure_members',
        resourceId: id,
        remoteAddress: request.ip,
        detail: {
          from: q.from,
          to: q.to,
          teams: scope.teams,
          facility: scope.facility,
          count: items.length,
          followUpIds: items.flatMap((m) => (m.followUpId === null ? [] : [m.followUpId])),
          encounterIds: items.flatMap((m) => (m.encounterId === null ? [] : [m.encounterId])),
        },
      });
      return { id, from: q.from, to: q.to, items };
    },
  );
  return Promise.resolve();
};
