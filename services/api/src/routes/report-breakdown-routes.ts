import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localDate } from '@adt/adt';
import { reportPoolOf, type ApiContext } from '../api-context.js';
import { BREAKDOWN_SLICES, measureBreakdown } from '../measure-breakdown.js';
import { measureFacts } from '../measure-report.js';
import { periodFields } from '../report-query.js';
import { getReport } from './report-route.js';
import { figureSchema } from './report-routes.js';

/**
 * The impact measures of a period split by team, facility, kind or risk. Navigators see their
 * own teams, admins every team; ops see no follow-ups. Figures only: no patient is listed.
 * @param app - the Fastify instance
 * @param options - shared API context
 */
export const reportBreakdownRoutes: FastifyPluginAsyncZod<{ context: ApiContext }> = (app, { context }) => {
  getReport(
    app,
    context,
    '/api/reports/measures/breakdown',
    {
      summary: 'The impact measures of a period, one set of figures per team, facility, kind or risk',
      description:
        "Each group's figures are counted from the members of that group, so a figure's groups add up to it. `readmit_30d` index stays without a discharge follow-up have no team or risk: they form the group with key null. Period fields and slices as GET /api/reports/measures.",
      querystring: z.object({ ...periodFields, by: z.enum(BREAKDOWN_SLICES).describe('what to group by') }),
      response: z.object({
        from: z.string(),
        to: z.string(),
        by: z.enum(BREAKDOWN_SLICES),
        groups: z.array(
          z.object({
            key: z.string().nullable().describe('the team, facility, kind or risk of the group'),
            measures: z.array(figureSchema),
          }),
        ),
      }),
    },
    async (q, scope) => {
      const members = await measureFacts(reportPoolOf(context), scope);
      const groups = measureBreakdown(members, q.by, q, localDate(new Date(), scope.timeZone));
      return { from: q.from, to: q.to, by: q.by, groups };
    },
  );
  return Promise.resolve();
};
