import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localDate, MEASURE_IDS, MEASURE_TARGETS, REPORT_INTERVALS } from '@adt/adt';
import { reportPoolOf, type ApiContext } from '../api-context.js';
import { measureFacts } from '../measure-report.js';
import { measureTrend } from '../measure-trend.js';
import { periodFields } from '../report-query.js';
import { getReport } from './report-route.js';
import { figureSchema } from './report-routes.js';

const targetSchema = z.object({
  value: z.number().describe('a rate between 0 and 1, or hours for first_contact_hours'),
  better: z.enum(['higher', 'lower']),
  reason: z.string(),
});

/**
 * The trend of the impact measures: a period's figures per ISO week or calendar month, for the
 * charts of the reports page, with the practice's targets to draw beside them.
 * @param app - the Fastify instance
 * @param options - shared API context
 */
export const reportTrendRoutes: FastifyPluginAsyncZod<{ context: ApiContext }> = (app, { context }) => {
  getReport(
    app,
    context,
    '/api/reports/measures/trend',
    {
      summary: 'Impact measures per week or month of a period, with the practice targets',
      description:
        'Each bucket holds the figures of GET /api/reports/measures for its dates: ISO weeks (Monday to Sunday) or calendar months, the first and last clipped to the period. Periods span at most 400 days.',
      querystring: z.object({
        ...periodFields,
        interval: z
          .enum(REPORT_INTERVALS)
          .default('week')
          .describe('week: ISO weeks, Monday start; month: calendar months'),
      }),
      response: z.object({
        from: z.string(),
        to: z.string(),
        interval: z.enum(REPORT_INTERVALS),
        targets: z
          .record(z.enum(MEASURE_IDS), targetSchema)
          .describe("the practice's goals per measure (docs/measures.md), not CMS thresholds"),
        buckets: z.array(z.object({ from: z.string(), to: z.string(), measures: z.array(figureSchema) })),
      }),
    },
    async (q, scope) => {
      const members = await measureFacts(reportPoolOf(context), scope);
      const trend = measureTrend(members, q, q.interval, localDate(new Date(), scope.timeZone));
      return { ...trend, targets: MEASURE_TARGETS };
    },
  );
  return Promise.resolve();
};
