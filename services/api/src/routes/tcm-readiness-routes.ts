import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TCM_CODES, TCM_MISSING, TCM_STATUSES } from '@adt/adt';
import { findTcmFollowUp, listTcmFollowUps, recordAudit } from '@adt/db';
import { assertTeamAccess, HttpError, principalOf, requireRole } from '../auth.js';
import { reportPoolOf, type ApiContext } from '../api-context.js';
import { idParam } from '../input-schemas.js';
import { checkPeriod, periodFields, reportScope } from '../report-query.js';
import { errorSchema } from '../schemas.js';
import { summarizeTcmReadiness, tcmReadinessItem, tcmReadinessToCsv } from '../tcm-readiness-report.js';

const readinessRoles = ['navigator', 'admin'] as const;
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

// The parts of a readiness, named as in `@adt/adt` (TcmContact, TcmVisit, TcmMedRec), each one
// component of the OpenAPI document.
const contactSchema = z
  .object({
    dueAt: z.string().describe('end of the 2nd business day after the discharge date'),
    madeAt: z.string().nullable().describe('the first contact_made by dueAt'),
    timelyAttempts: z.number().int().describe('contact_attempt actions by dueAt'),
    met: z.boolean().describe('contact by dueAt, or two timely documented attempts'),
  })
  .meta({ id: 'TcmContact' });

const visitSchema = z
  .object({
    date: z.string().nullable().describe('visit date of the latest logged appointment_scheduled'),
    daysAfterDischarge: z.number().int().nullable(),
    within7Days: z.boolean(),
    within14Days: z.boolean(),
    upcoming: z.boolean().describe('the visit is today or later: not held yet'),
  })
  .meta({ id: 'TcmVisit' });

const medRecSchema = z
  .object({
    date: z.string().nullable().describe('practice date of the first med_reconciliation'),
    byVisit: z.boolean().describe('on or before the visit date'),
  })
  .meta({ id: 'TcmMedRec' });

const readinessSchema = z
  .object({
    followUpId: z.string(),
    patient: z.object({
      id: z.string(),
      mrn: z.string(),
      assigningAuthority: z.string(),
      familyName: z.string(),
      givenName: z.string(),
    }),
    team: z.string(),
    facility: z.string(),
    risk: z.enum(['high', 'normal']),
    dischargeDate: z.string().describe('practice date of the discharge'),
    contact: contactSchema,
    visit: visitSchema,
    medRec: medRecSchema,
    status: z
      .enum(TCM_STATUSES)
      .describe(
        'supports_99496: a 7-day visit, which supports 99496 if the decision making is of high complexity (else 99495)',
      ),
    codes: z.array(z.enum(TCM_CODES)).describe('the CPT codes the documentation supports'),
    missing: z
      .array(z.enum(TCM_MISSING))
      .describe('the requirements the log does not meet (yet, when pending)'),
    pending: z.boolean().describe('a window is still open or the visit is still to come'),
  })
  .meta({ id: 'TcmReadiness' });

/**
 * TCM claim readiness (docs/measures.md): per discharge follow-up, and as a report over a period.
 * Navigators see their own teams, admins every team; every read is audit-logged.
 * @param app - the Fastify instance
 * @param options - shared API context
 */
export const tcmReadinessRoutes: FastifyPluginAsyncZod<{ context: ApiContext }> = (app, { context }) => {
  const { pool } = context;
  const practice = context.config.practice;
  const calendar = { zone: practice.timeZone, holidays: practice.holidays };

  app.get(
    '/api/follow-ups/:id/tcm-readiness',
    {
      preHandler: requireRole(...readinessRoles),
      schema: {
        summary:
          "A discharge follow-up's TCM claim readiness: contact, visit, med rec, CPT code, what is missing",
        description:
          'CMS TCM rules (CPT 99495/99496), as docs/measures.md explains. 409 `not_discharge` for an ED-visit follow-up, `no_discharge` when the encounter has no discharge (a cancelled one). Audit-logged.',
        params: z.object({ id: idParam('follow-up') }),
        response: { 200: readinessSchema, ...errors, 409: errorSchema },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const followUp = await findTcmFollowUp(pool, request.params.id, practice.timeZone);
      if (!followUp) throw new HttpError(404, 'not_found', `No follow-up ${request.params.id}`);
      assertTeamAccess(principal, followUp.team);
      if (followUp.kind !== 'discharge') {
        throw new HttpError(409, 'not_discharge', 'TCM applies to discharge follow-ups only');
      }
      if (followUp.dischargeDate === null) {
        throw new HttpError(409, 'no_discharge', 'The encounter has no discharge (it was cancelled)');
      }
      const item = tcmReadinessItem(followUp, followUp.dischargeDate, calendar, new Date());
      await recordAudit(pool, {
        actor: principal.actor,
        action: 'read',
        resource: 'tcm_readiness',
        resourceId: followUp.followUpId,
        remoteAddress: request.ip,
      });
      return item;
    },
  );

  app.get(
    '/api/reports/tcm-readiness',
    {
      preHandler: requireRole(...readinessRoles),
      schema: {
        summary: 'TCM claim readiness of the discharge follow-ups of a period, with a summary',
        description:
          'The counted discharge follow-ups discharged in the period (as for the measures), in discharge order. Period fields and slices as GET /api/reports/measures (`kind=ed_visit` gives none). `format=csv` gives one row per follow-up. Audit-logged.',
        querystring: z
          .object({ ...periodFields, format: z.enum(['json', 'csv']).default('json') })
          .superRefine(checkPeriod),
        response: {
          200: z
            .object({
              from: z.string(),
              to: z.string(),
              summary: z.object({
                total: z.number().int(),
                supports99496: z
                  .number()
                  .int()
                  .describe('7-day visits: 99496 with high-complexity decision making'),
                supports99495: z.number().int(),
                notSupported: z.number().int(),
                pending: z.number().int(),
              }),
              items: z.array(readinessSchema),
            })
            .or(z.string().describe('CSV, when asked for')),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const q = request.query;
      const scope = await reportScope(pool, principal, q, practice.timeZone);
      const now = new Date();
      const items = (await listTcmFollowUps(reportPoolOf(context), scope)).flatMap((f) =>
        f.dischargeDate === null ? [] : [tcmReadinessItem(f, f.dischargeDate, calendar, now)],
      );
      await recordAudit(pool, {
        actor: principal.actor,
        action: 'list',
        resource: 'tcm_readiness',
        remoteAddress: request.ip,
        detail: {
          from: q.from,
          to: q.to,
          teams: scope.teams,
          facility: scope.facility,
          risk: scope.risk,
          format: q.format,
          count: items.length,
          followUpIds: items.map((i) => i.followUpId),
        },
      });
      if (q.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="tcm-readiness-${q.from}-${q.to}.csv"`)
          .serializer((payload: string) => payload)
          .send(tcmReadinessToCsv(items));
      }
      return { from: q.from, to: q.to, summary: summarizeTcmReadiness(items), items };
    },
  );
  return Promise.resolve();
};
