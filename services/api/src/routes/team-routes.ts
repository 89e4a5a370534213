import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAY_LIMITS, addCalendarDays, endOfLocalDay, localDate } from '@adt/adt';
import {
  acknowledgeEscalation,
  countTeamWork,
  findActorNames,
  findEscalation,
  isTeamLead,
  listOpenEscalations,
  recordAudit,
} from '@adt/db';
import { HttpError, principalOf, requireRole, type Principal } from '../auth.js';
import type { ApiContext } from '../api-context.js';
import { filterText } from '../input-schemas.js';
import { errorSchema } from '../schemas.js';
import { assertKnownTeam } from '../team-filter.js';

const isoDateTime = z.string().describe('ISO-8601 instant');
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
/** The team view lists at most this many open escalations (oldest first). */
const ESCALATIONS_SHOWN = 200;

const workloadSchema = z
  .object({
    actor: z.string().describe('`user:<username>`, or another actor holding work'),
    username: z.string().nullable(),
    displayName: z.string(),
    member: z.boolean().describe("false for a holder of the team's work who is no longer on the team"),
    lead: z.boolean(),
    openClaimed: z.number().int().describe('Open and in-progress follow-ups this person holds'),
    overdue: z.number().int().describe('Of those, past due (a patient in hospital now does not count)'),
    closedToday: z.number().int().describe('Follow-ups of the team this person closed today (practice day)'),
  })
  .meta({ id: 'NavigatorWorkload' });

const escalationItemSchema = z
  .object({
    id: z.string(),
    followUpId: z.string(),
    escalatedAt: isoDateTime,
    ageMinutes: z.number().int().describe('Minutes since it was escalated'),
    dueAt: isoDateTime,
    kind: z.enum(['discharge', 'ed_visit']),
    holder: z.object({ actor: z.string(), name: z.string() }).nullable().describe('null: unclaimed'),
    patientName: z.string().describe('FAMILY, Given'),
  })
  .meta({ id: 'Escalation' });

const overviewSchema = z.object({
  team: z.string(),
  escalateOverdueAfterMinutes: z.number().int(),
  navigators: z.array(workloadSchema),
  unclaimed: z.object({
    open: z.number().int().describe('Open follow-ups nobody claimed'),
    overdue: z.number().int().describe('Of those, past due (patients in hospital not counted)'),
  }),
  escalations: z.object({
    items: z.array(escalationItemSchema),
    total: z.number().int().describe('Open escalations shown (at most 200, oldest first)'),
  }),
});

const escalationSchema = z.object({
  id: z.string(),
  followUpId: z.string(),
  team: z.string(),
  escalatedAt: isoDateTime,
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: isoDateTime.nullable(),
  resolvedAt: isoDateTime.nullable(),
  resolution: z.enum(['acknowledged', 'reassigned', 'closed']).nullable(),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Refuses anyone but an admin or a lead of the team (a navigator on the team who is not its lead
 * included: the view compares colleagues' workloads).
 */
async function assertLeadOrAdmin(context: ApiContext, principal: Principal, team: string): Promise<void> {
  if (principal.role === 'admin') return;
  if (principal.userId !== null && (await isTeamLead(context.pool, principal.userId, team))) return;
  throw new HttpError(403, 'not_team_lead', `Only a lead of team ${team} or an admin may do this`);
}

/**
 * The team view of a lead and the acknowledgement of escalations.
 * @param app - the Fastify instance
 * @param options - shared API context
 */
export const teamRoutes: FastifyPluginAsyncZod<{ context: ApiContext }> = (app, { context }) => {
  const { pool, config } = context;

  app.get(
    '/api/teams/:team/overview',
    {
      preHandler: requireRole('navigator', 'admin'),
      schema: {
        summary: "A team's work per navigator, its unclaimed work and its open escalations",
        description: `For a lead of the team (\`adt team lead\`) or an admin; other navigators get 403. Per holder of the team's work: open claimed, overdue and closed today (practice day); the unclaimed open and overdue follow-ups; the open escalations (a follow-up overdue by more than ESCALATE_OVERDUE_AFTER_MINUTES, its clock stopped while the patient is in hospital), oldest first, with the patient's name. Audit-logged as a read of patient data.`,
        params: z.object({ team: filterText(100) }),
        response: { 200: overviewSchema, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { team } = request.params;
      await assertKnownTeam(pool, team);
      await assertLeadOrAdmin(context, principal, team);
      const now = new Date();
      const zone = config.practice.timeZone;
      const startOfDay = new Date(
        endOfLocalDay(addCalendarDays(localDate(now, zone), -1), zone).getTime() + 1,
      );
      const work = await countTeamWork(pool, team, {
        now,
        startOfDay,
        observationCodes: config.practice.observationCodes,
        limits: STAY_LIMITS,
      });
      const escalations = await listOpenEscalations(pool, team, ESCALATIONS_SHOWN);
      const holders = escalations.flatMap((e) => (e.holder ? [e.holder] : []));
      const names = await findActorNames(pool, holders);
      await recordAudit(pool, {
        actor: principal.actor,
        action: 'list',
        resource: 'team_overview',
        remoteAddress: request.ip,
        detail: { team, followUpIds: escalations.map((e) => e.followUpId) },
      });
      return {
        team,
        escalateOverdueAfterMinutes: config.practice.escalateOverdueAfterMinutes,
        navigators: work.workloads,
        unclaimed: { open: work.unclaimedOpen, overdue: work.unclaimedOverdue },
        escalations: {
          items: escalations.map((e) => ({
            id: e.id,
            followUpId: e.followUpId,
            escalatedAt: e.escalatedAt.toISOString(),
            ageMinutes: Math.max(0, Math.floor((now.getTime() - e.escalatedAt.getTime()) / 60_000)),
            dueAt: e.dueAt.toISOString(),
            kind: e.kind === 'ed_visit' ? ('ed_visit' as const) : ('discharge' as const),
            holder: e.holder ? { actor: e.holder, name: names.get(e.holder) ?? e.holder } : null,
            patientName: e.patientName,
          })),
          total: escalations.length,
        },
      };
    },
  );

  app.post(
    '/api/escalations/:id/acknowledge',
    {
      preHandler: requireRole('navigator', 'admin'),
      schema: {
        summary: 'Acknowledge an escalated follow-up (its team lead or an admin)',
        description:
          'Ends the escalation as `acknowledged`: the lead has seen the overdue work and owns what happens next; it is not escalated again. Handing the follow-up to a colleague ends an escalation as `reassigned`, closing it as `closed`. 409 when the escalation has already ended.',
        params: z.object({ id: z.string().regex(/^\d{1,18}$/, 'must be an escalation id') }),
        response: { 200: escalationSchema, ...errors, 409: errorSchema },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const found = await findEscalation(pool, request.params.id);
      if (!found) throw new HttpError(404, 'not_found', `No escalation ${request.params.id}`);
      await assertLeadOrAdmin(context, principal, found.team);
      const acknowledged = await acknowledgeEscalation(pool, found.id, principal.actor, new Date());
      if (!acknowledged) {
        throw new HttpError(
          409,
          'escalation_resolved',
          `Escalation ${found.id} has already ended (${found.resolution ?? 'resolved'})`,
        );
      }
      await recordAudit(pool, {
        actor: principal.actor,
        action: 'acknowledge',
        resource: 'escalation',
        resourceId: acknowledged.id,
        remoteAddress: request.ip,
        detail: { team: acknowledged.team, followUpId: acknowledged.followUpId },
      });
      return {
        ...acknowledged,
        escalatedAt: acknowledged.escalatedAt.toISOString(),
        acknowledgedAt: iso(acknowledged.acknowledgedAt),
        resolvedAt: iso(acknowledged.resolvedAt),
      };
    },
  );
  return Promise.resolve();
};
