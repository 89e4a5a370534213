import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '@adt/db';
import { ADT_EVENTS_QUEUE } from '@adt/queue';
import { principalOf, requireRole } from '../auth.js';
import type { ApiContext } from '../api-context.js';
import { errorSchema } from '../schemas.js';

const queueStateSchema = z.object({
  queue: z.string(),
  paused: z.boolean(),
});

/**
 * The one change to the queue itself that operations make, audit-logged: resuming it when it was
 * paused (the dashboard at /ops/queues is read-only; messages are replayed by
 * `POST /api/messages/:id/replay`).
 * @param app - the Fastify instance
 * @param options - shared API context
 */
export const opsQueueRoutes: FastifyPluginAsyncZod<{ context: ApiContext }> = (app, { context }) => {
  const { pool, queue } = context;

  app.post(
    '/api/ops/queue/resume',
    {
      preHandler: requireRole('ops', 'admin'),
      schema: {
        summary: 'Resume the ADT events queue if it is paused (audit-logged)',
        description: 'A paused queue processes nothing and makes `/readyz` answer 503; this ends the pause.',
        response: { 200: queueStateSchema, 401: errorSchema, 403: errorSchema },
      },
    },
    async (request) => {
      const wasPaused = await queue.isPaused();
      if (wasPaused) await queue.resume();
      await recordAudit(pool, {
        actor: principalOf(request).actor,
        action: 'update',
        resource: 'queue',
        resourceId: ADT_EVENTS_QUEUE,
        remoteAddress: request.ip,
        detail: { resumed: wasPaused },
      });
      return { queue: ADT_EVENTS_QUEUE, paused: await queue.isPaused() };
    },
  );
  return Promise.resolve();
};
