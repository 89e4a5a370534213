import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  buildInterfaceSpec,
  isFacilityTimeZone,
  normalizeFingerprint,
  PROCESSING_IDS,
  type InterfaceSpecFacility,
} from '@adt/adt';
import {
  findFacility,
  listFacilities,
  recordAudit,
  saveFacilitySettings,
  type FacilitySettings,
  type FacilitySettingsChanges,
} from '@adt/db';
import { requireRole } from '../auth.js';
import type { ApiContext } from '../api-context.js';
import { filterText, freeText, lineText } from '../input-schemas.js';
import { errorSchema } from '../schemas.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema };

const facilitySchema = z.object({
  code: z.string().describe('Sending facility (MSH-4) as sent'),
  displayName: z.string(),
  timeZone: z.string().nullable().describe('IANA zone of timestamps without an offset; null: PRACTICE_TZ'),
  processingIds: z.array(z.string()).nullable().describe('MSH-11 values accepted; null: MLLP_PROCESSING_IDS'),
  certificateSubject: z.string().nullable().describe('Subject CN of the TLS client certificate bound to it'),
  certificateFingerprint: z
    .string()
    .nullable()
    .describe('SHA-256 fingerprint (64 lowercase hex digits) of the bound certificate'),
  ackModeNotes: z.string(),
  mode: z.enum(['live', 'test']).describe('test: its messages go to the sandbox'),
  updatedAt: z.string().describe('ISO-8601 instant'),
});

const codeParams = z.object({ code: filterText(199).describe('Sending facility (MSH-4)') });

// Each key absent keeps the stored value; null clears it back to the installation default.
const settingsBody = z
  .object({
    displayName: lineText(120).pipe(z.string().trim().min(1)).optional(),
    timeZone: lineText(64)
      .refine(isFacilityTimeZone, 'must be an IANA time zone, e.g. America/Chicago')
      .nullable()
      .optional(),
    processingIds: z
      .array(z.enum(PROCESSING_IDS))
      .min(1)
      .transform((ids) => [...new Set(ids)])
      .nullable()
      .optional(),
    certificateSubject: lineText(64).pipe(z.string().trim().min(1)).nullable().optional(),
    certificateFingerprint: lineText(200)
      .transform((raw, ctx) => {
        const fingerprint = normalizeFingerprint(raw);
        if (fingerprint === null) {
          ctx.addIssue({
            code: 'custom',
            message: 'must be a SHA-256 fingerprint (64 hex digits, colons allowed)',
          });
          return z.NEVER;
        }
        return fingerprint;
      })
      .nullable()
      .optional(),
    ackModeNotes: freeText(2000).optional(),
    mode: z.enum(['live', 'test']).optional(),
  })
  .strict();

function toFacilityJson(f: FacilitySettings): z.infer<typeof facilitySchema> {
  return { ...f, updatedAt: f.updatedAt.toISOString() };
}

/** The settings of a facility without a row: every installation default, shown by its code. */
function defaultsOf(code: string): InterfaceSpecFacility {
  return {
    code,
    displayName: code,
    timeZone: null,
    processingIds: null,
    certificateSubject: null,
    certificateFingerprint: null,
    ackModeNotes: '',
    mode: 'live',
  };
}

/**
 * Per-facility interface settings and the interface specification sheet (admin). Settings are
 * configuration, not patient data; changes are audit-logged with what changed. The listener and
 * the worker apply a change within `FACILITY_SETTINGS_REFRESH_MS`.
 * @param app - the Fastify instance
 * @param options - shared API context
 */
export const facilityRoutes: FastifyPluginAsyncZod<{ context: ApiContext }> = (app, { context }) => {
  const { pool, config } = context;

  app.get(
    '/api/facilities',
    {
      preHandler: requireRole('admin'),
      schema: {
        summary: 'Sending facilities and their interface settings',
        response: { 200: z.object({ items: z.array(facilitySchema) }), ...errors },
      },
    },
    async () => ({ items: (await listFacilities(pool)).map(toFacilityJson) }),
  );

  app.put(
    '/api/facilities/:code',
    {
      preHandler: requireRole('admin'),
      schema: {
        summary:
          "Create a facility or change some of its interface settings (null: back to the installation's)",
        params: codeParams,
        body: settingsBody,
        response: { 200: facilitySchema, ...errors },
      },
    },
    async (request) => {
      const changes: FacilitySettingsChanges = request.body;
      const saved = await saveFacilitySettings(pool, request.params.code, changes);
      await recordAudit(pool, {
        actor: request.principal?.actor ?? '',
        action: 'update',
        resource: 'facility',
        resourceId: saved.code,
        remoteAddress: request.ip,
        detail: { changed: Object.keys(changes) },
      });
      return toFacilityJson(saved);
    },
  );

  app.get(
    '/api/facilities/:code/interface-spec',
    {
      preHandler: requireRole('admin'),
      schema: {
        summary:
          "The facility's interface specification sheet (Markdown), for the hospital's interface analyst",
        params: codeParams,
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) => {
      const facility = (await findFacility(pool, request.params.code)) ?? defaultsOf(request.params.code);
      return reply
        .type('text/markdown; charset=utf-8')
        .send(buildInterfaceSpec(facility, config, new Date()));
    },
  );
  return Promise.resolve();
};
