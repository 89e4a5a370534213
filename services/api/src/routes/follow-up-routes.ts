import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAY_LIMITS, endOfLocalDay, localDate } from '@adt/adt';
import {
  findActorNames,
  findFollowUpDetail,
  findFollowUpTeam,
  listActiveTeamMembers,
  listWorklist,
  PATIENT_SEARCH_MAX_LENGTH,
  PATIENT_SEARCH_MIN_LENGTH,
  patientSearchTerms,
  recordAudit,
  searchFollowUps,
  type CareAction,
  worklistFingerprint,
} from '@adt/db';
import { assertTeamAccess, HttpError, principalOf, requireRole, visibleTeams } from '../auth.js';
import { assertKnownTeam } from '../team-filter.js';
import { usernameSchema } from '../account-schemas.js';
import { logCareAction } from '../log-care-action.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { ApiContext } from '../api-context.js';
import { annotateFollowUps } from '../follow-up-annotations.js';
import {
  cursorParam,
  dateText,
  filterText,
  freeText,
  idParam,
  instantOrDateText,
  instantText,
  limitParam,
  lineText,
} from '../input-schemas.js';
import {
  careActionSchema,
  careActionTypes,
  conflictSchema,
  errorSchema,
  followUpDetailSchema,
  followUpPageSchema,
  toCareActionJson,
  toFollowUpDetailJson,
  toFollowUpJson,
} from '../schemas.js';
import { worklistToCsv } from '../worklist-csv.js';

const limit = limitParam;
const followUpRoles = ['navigator', 'admin'] as const;
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

const teamFilter = filterText()
  .optional()
  .describe(
    "Narrow the list to one team. Without it a navigator's list is one queue across all of their teams, and an admin's every team.",
  );

const CARE_ACTION_DESCRIPTION = [
  "`at` (default now) lies between the follow-up's event and now plus 5 minutes.",
  '`claim` takes the follow-up. A follow-up held by a colleague answers 409 `claimed` with `holder` (actor, name, username) unless the body has `"takeOver": true`; the take-over is logged with `previousHolder`.',
  "`hand_off` with `to: <username>` passes the follow-up to a colleague who is a member of its team (404 `unknown_user`, 400 `receiver_not_on_team` otherwise); passing on a colleague's follow-up needs `takeOver` too.",
  '`close` ends the follow-up. Outcomes: reached | unreachable | declined | seen_elsewhere | readmitted | other; `unreachable` needs two logged contact attempts (TCM; 409 `too_few_attempts`), `other` needs a note (400 `note_required`).',
  "`reopen` returns a closed (done) follow-up to in progress; the close stays in the log (409 `not_closed` on an open one, `cancelled` on one the hospital's messages cancelled).",
  'Suggested outcomes: `contact_attempt` no_answer | voicemail | wrong_number; `appointment_scheduled` the visit date (YYYY-MM-DD).',
].join(' ');

/** Everyone a care-action log names: who logged each action, and who held or received it. */
function actorsOf(actions: readonly CareAction[]): string[] {
  return actions.flatMap((a) =>
    [a.actor, a.previousHolder, a.handedTo].filter((x): x is string => x !== null),
  );
}

/**
 * Follow-up routes: the daily worklist (JSON or CSV), search, detail and care actions. Navigators
 * see their own team's follow-ups; admins see all. Every read of patient data is audit-logged.
 * @param app - the Fastify instance
 * @param options - shared API context
 */
export const followUpRoutes: FastifyPluginAsyncZod<{ context: ApiContext }> = (app, { context }) => {
  const { pool, config } = context;
  const zone = config.practice.timeZone;

  app.get(
    '/api/worklist',
    {
      preHandler: requireRole(...followUpRoles),
      schema: {
        summary: 'The daily follow-up list',
        description:
          "Open and in-progress follow-ups actionable on `date` (created by the end of that day in the practice time zone, `PRACTICE_TZ`), overdue first, then by due time, then risk. A follow-up whose patient (the same person, at any facility) is in hospital now is not overdue (`patientInHospital`). `Accept: text/csv` or `format=csv` gives CSV (up to 1,000 rows): a header row of words, times as local ISO 8601 with the practice's UTC offset (`2026-12-06T09:30:00-05:00`), and kind, status, priority, disposition and risk as words.",
        querystring: z.object({
          date: dateText
            .optional()
            .describe('The day of the list, `YYYY-MM-DD` in the practice time zone (default today)'),
          team: teamFilter,
          status: z.enum(['open', 'in_progress']).optional(),
          format: z.enum(['json', 'csv']).optional(),
          limit,
          cursor: cursorParam,
        }),
        response: {
          200: followUpPageSchema.or(z.string().describe('CSV, when asked for')),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const q = request.query;
      const teams = visibleTeams(principal, q.team);
      await assertKnownTeam(pool, q.team);
      const now = new Date();
      const date = q.date ?? localDate(now, zone);
      const endOfDay = endOfLocalDay(date, zone);
      const cursor = decodeCursor(q.cursor);
      const offset = cursor && 'offset' in cursor ? cursor.offset : 0;
      const wantsCsv =
        q.format === 'csv' ||
        (q.format === undefined && request.headers.accept?.includes('text/csv') === true);
      const pageSize = wantsCsv ? 1000 : q.limit;
      const overdueBefore = date === localDate(now, zone) ? now : endOfDay;
      const items = await listWorklist(pool, {
        createdBefore: endOfDay,
        overdueBefore,
        teams,
        status: q.status,
        offset,
        limit: pageSize + 1,
        observationCodes: config.practice.observationCodes,
        now,
        limits: STAY_LIMITS,
      });
      const page = items.slice(0, pageSize);
      const annotations = await annotateFollowUps(pool, page, [], {
        practice: config.practice,
        now,
        overdueBefore,
      });
      await recordAudit(pool, {
        actor: principal.actor,
        action: wantsCsv ? 'export' : 'list',
        resource: 'worklist',
        remoteAddress: request.ip,
        detail: {
          date,
          team: q.team ?? null,
          teams: teams ?? null,
          count: page.length,
          followUpIds: page.map((f) => f.id),
        },
      });
      if (wantsCsv) {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="worklist-${date}.csv"`)
          .serializer((payload: string) => payload)
          .send(
            worklistToCsv(page, {
              zone,
              summaries: annotations.summaries,
              names: annotations.names,
              whereabouts: annotations.whereabouts,
            }),
          );
      }
      return {
        items: page.map((f) => toFollowUpJson(f, annotations)),
        nextCursor: items.length > pageSize ? encodeCursor({ offset: offset + pageSize }) : null,
      };
    },
  );

  app.get(
    '/api/worklist/changes',
    {
      preHandler: requireRole(...followUpRoles),
      schema: {
        summary: 'A fingerprint of the worklist that changes when a follow-up is added, updated or acted on',
        description:
          'For live updates: poll this (it carries no patient data and is not audit-logged) and reload the worklist when the fingerprint changes.',
        querystring: z.object({ team: teamFilter }),
        response: { 200: z.object({ fingerprint: z.string() }), ...errors },
      },
    },
    async (request) => {
      const teams = visibleTeams(principalOf(request), request.query.team);
      await assertKnownTeam(pool, request.query.team);
      return { fingerprint: await worklistFingerprint(pool, teams) };
    },
  );

  app.get(
    '/api/follow-ups',
    {
      preHandler: requireRole(...followUpRoles),
      schema: {
        summary: 'Search follow-ups',
        description:
          "Newest first, across the caller's teams (a navigator's own teams, an admin's every team) unless `team` narrows it. `q` finds a patient however the navigator knows them; combine it with the other filters (e.g. `status`).",
        querystring: z.object({
          q: lineText(PATIENT_SEARCH_MAX_LENGTH)
            .pipe(
              z
                .string()
                .trim()
                .min(PATIENT_SEARCH_MIN_LENGTH, `must be at least ${PATIENT_SEARCH_MIN_LENGTH} characters`),
            )
            .optional()
            .describe(
              `A patient: a name's prefix in any case and order ("smi", "jane smith", "smith, ja"), an MRN (exact or its start) or a phone number (at least 7 digits, any punctuation; matches numbers ending with them). ${PATIENT_SEARCH_MIN_LENGTH}–${PATIENT_SEARCH_MAX_LENGTH} characters.`,
            ),
          mrn: filterText().optional(),
          kind: z.enum(['discharge', 'ed_visit']).optional(),
          status: z.enum(['open', 'in_progress', 'done', 'cancelled']).optional(),
          facility: filterText().optional(),
          team: teamFilter,
          from: instantOrDateText.optional(),
          to: instantOrDateText.optional(),
          limit,
          cursor: cursorParam,
        }),
        response: { 200: followUpPageSchema, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query;
      const cursor = decodeCursor(q.cursor);
      const teams = visibleTeams(principal, q.team);
      await assertKnownTeam(pool, q.team);
      const items = await searchFollowUps(pool, {
        patient: q.q === undefined ? undefined : patientSearchTerms(q.q),
        mrn: q.mrn,
        kind: q.kind,
        status: q.status,
        facility: q.facility,
        teams,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        beforeId: cursor && 'beforeId' in cursor ? cursor.beforeId : undefined,
        limit: q.limit + 1,
      });
      const page = items.slice(0, q.limit);
      const annotations = await annotateFollowUps(pool, page, [], { practice: config.practice });
      await recordAudit(pool, {
        actor: principal.actor,
        action: 'search',
        resource: 'follow_up',
        remoteAddress: request.ip,
        detail: { count: page.length, followUpIds: page.map((f) => f.id) },
      });
      const last = page.at(-1);
      return {
        items: page.map((f) => toFollowUpJson(f, annotations)),
        nextCursor: items.length > q.limit && last ? encodeCursor({ beforeId: last.id }) : null,
      };
    },
  );

  app.get(
    '/api/follow-ups/:id',
    {
      preHandler: requireRole(...followUpRoles),
      schema: {
        summary: 'One follow-up with patient, encounter, source messages and action history',
        params: z.object({ id: idParam('follow-up') }),
        response: { 200: followUpDetailSchema, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const detail = await findFollowUpDetail(pool, request.params.id);
      if (!detail) throw new HttpError(404, 'not_found', `No follow-up ${request.params.id}`);
      assertTeamAccess(principal, detail.team);
      const annotations = await annotateFollowUps(pool, [detail], actorsOf(detail.actions), {
        practice: config.practice,
      });
      await recordAudit(pool, {
        actor: principal.actor,
        action: 'read',
        resource: 'follow_up',
        resourceId: detail.id,
        remoteAddress: request.ip,
      });
      return toFollowUpDetailJson(detail, annotations);
    },
  );

  app.get(
    '/api/follow-ups/:id/colleagues',
    {
      preHandler: requireRole(...followUpRoles),
      schema: {
        summary: 'Who a follow-up can be handed to: the active members of its team',
        description: 'For `hand_off`; carries no patient data.',
        params: z.object({ id: idParam('follow-up') }),
        response: {
          200: z.object({ items: z.array(z.object({ username: z.string(), name: z.string() })) }),
          ...errors,
        },
      },
    },
    async (request) => {
      const team = await findFollowUpTeam(pool, request.params.id);
      if (team === null) throw new HttpError(404, 'not_found', `No follow-up ${request.params.id}`);
      assertTeamAccess(principalOf(request), team);
      const members = await listActiveTeamMembers(pool, team);
      return { items: members.map((m) => ({ username: m.username, name: m.displayName })) };
    },
  );

  app.post(
    '/api/follow-ups/:id/actions',
    {
      preHandler: requireRole(...followUpRoles),
      schema: {
        summary:
          'Log a continuity-of-care action (append-only); `close` ends the follow-up, `reopen` undoes a close',
        description: CARE_ACTION_DESCRIPTION,
        params: z.object({ id: idParam('follow-up') }),
        body: z.strictObject({
          type: z.enum(careActionTypes),
          outcome: lineText(200).pipe(z.string().trim().min(1)).optional(),
          note: freeText(4000).optional(),
          at: instantText.optional(),
          takeOver: z
            .boolean()
            .optional()
            .describe('`claim`, `hand_off`: take the follow-up although a colleague holds it'),
          to: usernameSchema.optional().describe('`hand_off`: the username of a colleague on the team'),
        }),
        response: { 201: careActionSchema, ...errors, 409: conflictSchema },
      },
    },
    async (request, reply) => {
      const action = await logCareAction(pool, principalOf(request), request.params.id, request.body);
      const names = await findActorNames(pool, actorsOf([action]));
      return reply.code(201).send(toCareActionJson(action, names));
    },
  );
  return Promise.resolve();
};
