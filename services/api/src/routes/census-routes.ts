import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { displayPersonName } from '@adt/adt';
import { findFacilityNames, recordAudit } from '@adt/db';
import { HttpError, principalOf, requireRole, visibleTeam } from '../auth.js';
import type { ApiContext } from '../api-context.js';
import {
  buildCensus,
  CENSUS_WINDOW_DAYS,
  censusSections,
  type CensusEntry,
  type CensusSection,
} from '../census-view.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { cursorParam, filterText, limitParam } from '../input-schemas.js';
import { errorSchema, pageSchema } from '../schemas.js';
import { assertKnownTeam } from '../team-filter.js';

const isoDateTime = z.string().describe('ISO-8601 instant');
const noFollowUpReasons = [
  'in_hospital',
  'expired',
  'cancelled',
  'not_eligible_class',
  'not_attributed',
  'post_acute',
  'hospice',
  'law_enforcement',
  'admitted',
  'discharge_cancelled',
  'merged',
  'unexplained',
] as const;

const censusEntrySchema = z
  .object({
    encounterId: z.string(),
    patient: z.object({
      id: z.string(),
      mrn: z.string(),
      name: z.string().describe('"Family, Given" in normal case'),
      birthDate: z.string().nullable(),
      sex: z.string(),
    }),
    facility: z.string().describe('Sending facility (MSH-4) code'),
    facilityName: z.string().describe("The facility's display name (`adt facility name`), else its code"),
    visitNumber: z.string(),
    location: z.string().describe('PV1-3 as sent'),
    patientClass: z.string().describe('PV1-2 as sent'),
    censusClass: z.enum(['inpatient', 'observation', 'emergency']).nullable(),
    since: isoDateTime.nullable().describe('Admission (PV1-44), else the first event'),
    reasonForVisit: z
      .string()
      .nullable()
      .describe('The PV2-3 admit reason, else the first diagnosis sent (text, else code)'),
    dischargedAt: isoDateTime.nullable().describe('PV1-45, else the time of the A03'),
    disposition: z.string(),
    destination: z.string().nullable().describe('Post-acute setting the patient went to, in words'),
    noFollowUpReason: z
      .enum(noFollowUpReasons)
      .nullable()
      .describe('Why the encounter has no follow-up; null when it has one'),
    team: z.string().nullable().describe('The team that follows the patient; null when off the roster'),
    lastEvent: z.object({ type: z.string(), at: isoDateTime }).nullable(),
  })
  .meta({ id: 'CensusEntry' });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toCensusJson(
  entry: CensusEntry,
  facilityNames: ReadonlyMap<string, string>,
): z.infer<typeof censusEntrySchema> {
  const { row } = entry;
  return {
    encounterId: row.encounterId,
    patient: {
      id: row.patient.id,
      mrn: row.patient.mrn,
      name: displayPersonName({ family: row.patient.familyName, given: row.patient.givenName, middle: '' }),
      birthDate: row.patient.birthDate,
      sex: row.patient.sex,
    },
    facility: row.facility,
    facilityName: facilityNames.get(row.facility) ?? row.facility,
    visitNumber: row.visitNumber,
    location: row.assignedLocation,
    patientClass: row.patientClass,
    censusClass: entry.censusClass,
    since: iso(row.since),
    reasonForVisit: entry.reasonForVisit,
    dischargedAt: iso(entry.endedAt),
    disposition: row.disposition,
    destination: entry.destination,
    noFollowUpReason: entry.noFollowUpReason,
    team: entry.team,
    lastEvent:
      row.lastEventType && row.lastEventAt
        ? { type: row.lastEventType, at: row.lastEventAt.toISOString() }
        : null,
  };
}

const sectionKeys = {
  in_hospital: 'inHospital',
  post_acute: 'postAcute',
  no_follow_up: 'noFollowUp',
} as const satisfies Record<CensusSection, string>;
const page = pageSchema(censusEntrySchema, 'CensusPage');
const censusSchema = z.object({
  windowDays: z.number().int(),
  inHospital: page.optional(),
  postAcute: page.optional(),
  noFollowUp: page.optional(),
});

/**
 * The census: who is in hospital now, who went to post-acute care in the last days, and every
 * recent encounter that produced no follow-up with the reason. Navigators see their team's
 * patients, admins every team's; each read is audit-logged.
 * @param app - the Fastify instance
 * @param options - shared API context
 */
export const censusRoutes: FastifyPluginAsyncZod<{ context: ApiContext }> = (app, { context }) => {
  const { pool, config } = context;

  app.get(
    '/api/census',
    {
      preHandler: requireRole('navigator', 'admin'),
      schema: {
        summary: 'Who is in hospital now, post-acute discharges, and encounters without a follow-up',
        description: `Three lists: \`inHospital\` (inpatient, observation and ED stays not yet ended; an ED visit without a discharge for 48 h), \`postAcute\` (discharges to post-acute care or hospice in the last ${CENSUS_WINDOW_DAYS} days), \`noFollowUp\` (encounters with an event in the last ${CENSUS_WINDOW_DAYS} days that have no open, in-progress or done follow-up, with the reason). An encounter belongs to the team of its latest follow-up, else the team routing would choose (roster, team rules, default team); patients off a loaded roster belong to no team and only admins see them. Without \`section\` each list gives its first page; \`section\` with that list's \`nextCursor\` pages on.`,
        querystring: z.object({
          team: filterText().optional(),
          section: z.enum(censusSections).optional(),
          limit: limitParam,
          cursor: cursorParam,
        }),
        response: {
          200: censusSchema,
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
          404: errorSchema,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query;
      const team = visibleTeam(principal, q.team);
      await assertKnownTeam(pool, team);
      const cursor = decodeCursor(q.cursor);
      if (cursor !== null && q.section === undefined)
        throw new HttpError(400, 'bad_request', 'cursor pages one list: send section with it');
      const offset = cursor && 'offset' in cursor ? cursor.offset : 0;
      const census = await buildCensus(pool, {
        team,
        observationCodes: config.practice.observationCodes,
        defaultTeam: config.practice.defaultTeam,
        now: new Date(),
      });
      const shown = q.section ? [q.section] : censusSections;
      const body: z.infer<typeof censusSchema> = { windowDays: CENSUS_WINDOW_DAYS };
      const encounterIds = new Set<string>();
      const facilityNames = await findFacilityNames(
        pool,
        shown.flatMap((section) => census[section].map((entry) => entry.row.facility)),
      );
      for (const section of shown) {
        const entries = census[section];
        const slice = entries.slice(offset, offset + q.limit);
        for (const entry of slice) encounterIds.add(entry.row.encounterId);
        body[sectionKeys[section]] = {
          items: slice.map((entry) => toCensusJson(entry, facilityNames)),
          nextCursor: entries.length > offset + q.limit ? encodeCursor({ offset: offset + q.limit }) : null,
        };
      }
      await recordAudit(pool, {
        actor: principal.actor,
        action: 'list',
        resource: 'census',
        remoteAddress: request.ip,
        detail: {
          team: team ?? null,
          section: q.section ?? null,
          count: encounterIds.size,
          encounterIds: [...encounterIds],
        },
      });
      return body;
    },
  );
  return Promise.resolve();
};
