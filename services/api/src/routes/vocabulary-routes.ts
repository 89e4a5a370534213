import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { vocabulary } from '@adt/adt';
import { requireRole } from '../auth.js';
import { errorSchema } from '../schemas.js';

const labels = z.record(z.string(), z.string());

const vocabularySchema = z.object({
  dispositions: labels.describe('PV1-36 discharge disposition (UB-04 patient status) → words'),
  patientClasses: labels.describe('PV1-2 patient class → words'),
  events: labels.describe('ADT trigger event → words'),
  attemptOutcomes: labels.describe('contact_attempt outcome → words'),
  closeOutcomes: labels.describe('close outcome → words'),
  kinds: labels.describe('follow-up kind → words'),
  statuses: labels.describe('follow-up status → words'),
  rules: z
    .object({
      unreachableMinAttempts: z.number().int(),
      tcmContactBusinessDays: z.number().int(),
      visitHighComplexityDays: z.number().int(),
      visitModerateComplexityDays: z.number().int(),
      medRecDays: z.number().int(),
      edContactDays: z.number().int(),
      readmissionWindowDays: z.number().int(),
      dischargeDeadlineText: z.string(),
    })
    .describe('the constants of the rules the server applies, for screens that explain them'),
});

/** The labels and rule constants the pages show, from the same source as the server's rules. */
export const vocabularyRoutes: FastifyPluginAsyncZod = (app) => {
  const served = vocabulary();
  app.get(
    '/api/vocabulary',
    {
      preHandler: requireRole('navigator', 'ops', 'admin'),
      schema: {
        summary: 'Words for stored codes, and the rule constants the pages explain',
        description: 'No patient data. The pages load it once; a code with no entry is shown as itself.',
        response: { 200: vocabularySchema, 401: errorSchema },
      },
    },
    async (_request, reply) => {
      void reply.header('cache-control', 'private, max-age=300');
      return served;
    },
  );
  return Promise.resolve();
};
