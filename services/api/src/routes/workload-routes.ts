import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findWorkload } from '@adt/db';
import { reportPoolOf, type ApiContext } from '../api-context.js';
import { periodFields } from '../report-query.js';
import { getReport } from './report-route.js';
const count = z.number().int();

/**
 * The workload report: open follow-ups per navigator and team, overdue now, closed per day.
 * Navigators see their own teams, admins every team. Counts and colleagues' names only: no patient.
 * @param app - the Fastify instance
 * @param options - shared API context
 */
export const workloadRoutes: FastifyPluginAsyncZod<{ context: ApiContext }> = (app, { context }) => {
  getReport(
    app,
    context,
    '/api/reports/workload',
    {
      summary: 'Workload: open and overdue follow-ups per navigator and team, closed per day',
      description:
        'Open and overdue are as of now (open or in progress; overdue: due before now); closed counts follow-ups closed in the period by the time of the close that stands. A navigator holds a follow-up by its latest claim or hand-off.',
      querystring: z.object({ from: periodFields.from, to: periodFields.to, team: periodFields.team }),
      response: z.object({
        from: z.string(),
        to: z.string(),
        asOf: z.string().describe('the instant open and overdue were counted at'),
        navigators: z.array(
          z.object({
            actor: z.string().describe('as in the care-action log: user:<username>, or an API token'),
            username: z.string().nullable(),
            name: z.string(),
            teams: z.array(z.string()).describe('their teams among those reported'),
            open: count.describe('open and in-progress follow-ups they hold'),
            overdue: count.describe('of those, due before now'),
            closed: count.describe('follow-ups they closed in the period'),
          }),
        ),
        teams: z.array(
          z.object({
            team: z.string(),
            open: count,
            unclaimed: count.describe('open and held by nobody'),
            overdue: count.describe('open and due before now'),
            unclaimedOverdue: count,
          }),
        ),
        closedPerDay: z
          .array(z.object({ date: z.string(), count }))
          .describe('every practice date of the period, zero days included'),
      }),
    },
    async (q, scope) => {
      const now = new Date();
      const workload = await findWorkload(reportPoolOf(context), {
        from: q.from,
        to: q.to,
        timeZone: scope.timeZone,
        teams: scope.teams,
        now,
      });
      return { from: q.from, to: q.to, asOf: now.toISOString(), ...workload };
    },
  );
  return Promise.resolve();
};
