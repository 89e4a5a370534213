import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAlertStates } from '@adt/db';
import { ALERT_RUNBOOKS, isAlertName } from '@adt/alerting';
import { requireRole } from '../auth.js';
import type { ApiContext } from '../api-context.js';
import { errorSchema, listSchema } from '../schemas.js';

const isoDateTime = z.string().describe('ISO-8601 instant');

const alertStateSchema = z.object({
  key: z.string().describe('The alert and its labels, e.g. feed_silent:GENERAL_HOSP'),
  alert: z.string(),
  labels: z.record(z.string(), z.string()),
  firing: z.boolean(),
  summary: z.string(),
  since: isoDateTime.describe('When the condition last started (firing) or ended'),
  evaluatedAt: isoDateTime,
  notifiedFiring: z.boolean().nullable().describe('The state last announced to the webhook; null: never'),
  notifiedAt: isoDateTime.nullable(),
  notifyError: z.string().nullable().describe('Why the last announcement failed, until one succeeds'),
  runbook: z.string().nullable(),
});

function runbookOf(alert: string): string | null {
  return isAlertName(alert) ? ALERT_RUNBOOKS[alert] : null;
}

/**
 * The in-product alerts as the evaluators last saw them (ops and admin), firing ones first.
 * @param app - the Fastify instance
 * @param options - shared API context
 */
export const opsAlertRoutes: FastifyPluginAsyncZod<{ context: ApiContext }> = (app, { context }) => {
  app.get(
    '/api/ops/alerts',
    {
      preHandler: requireRole('ops', 'admin'),
      schema: {
        summary: 'In-product alert states: what fires, since when, and whether it was announced',
        response: {
          200: listSchema(alertStateSchema, 'AlertList'),
          401: errorSchema,
          403: errorSchema,
        },
      },
    },
    async () => {
      const states = await listAlertStates(context.pool);
      return {
        items: states.map((state) => ({
          ...state,
          since: state.since.toISOString(),
          evaluatedAt: state.evaluatedAt.toISOString(),
          notifiedAt: state.notifiedAt?.toISOString() ?? null,
          runbook: runbookOf(state.alert),
        })),
      };
    },
  );
  return Promise.resolve();
};
