import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { replayMessages } from '@adt/application';
import { findMessageById, listMessageHistory, listMessages, recordAudit } from '@adt/db';
import { decodeHl7Bytes } from '@adt/hl7';
import { requeueMessages } from '@adt/queue';
import { HttpError, requireRole } from '../auth.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { ApiContext } from '../api-context.js';
import { cursorParam, filterText, idParam, instantText, limitParam } from '../input-schemas.js';
import { errorSchema, messageSchema, pageSchema, toMessageJson } from '../schemas.js';

const opsRoles = ['ops', 'admin'] as const;
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const historyEntrySchema = z
  .object({
    at: z.string().describe('ISO-8601 instant'),
    event: z.string().describe('received, retransmission, applied, processed, failed, rejected or waiting'),
    detail: z.string(),
  })
  .meta({ id: 'MessageHistoryEntry' });
const idParams = z.object({ id: idParam('message') });

/**
 * Stored inbound messages for operations: search, one message with its raw HL7, and replay.
 * Raw HL7 is patient data, so reading it is audit-logged.
 * @param app - the Fastify instance
 * @param options - shared API context
 */
export const messageRoutes: FastifyPluginAsyncZod<{ context: ApiContext }> = (app, { context }) => {
  const { pool, queue, config } = context;

  app.get(
    '/api/messages',
    {
      preHandler: requireRole(...opsRoles),
      schema: {
        summary: 'Stored inbound messages, newest first',
        querystring: z.object({
          controlId: filterText().optional(),
          mrn: filterText().optional(),
          facility: filterText().optional(),
          status: z.enum(['received', 'processed', 'duplicate', 'rejected', 'failed']).optional(),
          from: instantText.optional().describe('Received at or after (ISO-8601)'),
          to: instantText.optional().describe('Received before (ISO-8601)'),
          limit: limitParam,
          cursor: cursorParam,
        }),
        response: { 200: pageSchema(messageSchema, 'MessagePage'), ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const cursor = decodeCursor(q.cursor);
      const items = await listMessages(pool, {
        ...(q.controlId ? { controlId: q.controlId } : {}),
        ...(q.mrn ? { mrn: q.mrn } : {}),
        ...(q.facility ? { facility: q.facility } : {}),
        ...(q.status ? { status: q.status } : {}),
        ...(q.from ? { from: new Date(q.from) } : {}),
        ...(q.to ? { to: new Date(q.to) } : {}),
        ...(cursor && 'beforeId' in cursor ? { beforeId: cursor.beforeId } : {}),
        limit: q.limit + 1,
      });
      const page = items.slice(0, q.limit);
      const last = page.at(-1);
      return {
        items: page.map(toMessageJson),
        nextCursor: items.length > q.limit && last ? encodeCursor({ beforeId: last.id }) : null,
      };
    },
  );

  app.get(
    '/api/messages/:id',
    {
      preHandler: requireRole(...opsRoles),
      schema: {
        summary: 'One stored message with its raw HL7 (segments separated by CR) and processing history',
        params: idParams,
        response: {
          200: messageSchema.and(
            z.object({ raw: z.string().nullable(), history: z.array(historyEntrySchema) }),
          ),
          ...errors,
        },
      },
    },
    async (request) => {
      const message = await findMessageById(pool, request.params.id);
      if (!message) throw new HttpError(404, 'not_found', `No message ${request.params.id}`);
      await recordAudit(pool, {
        actor: request.principal?.actor ?? '',
        action: 'read',
        resource: 'message',
        resourceId: message.id,
        remoteAddress: request.ip,
      });
      const history = await listMessageHistory(pool, message.id);
      return {
        ...toMessageJson(message),
        raw: message.raw ? decodeHl7Bytes(message.raw) : null,
        history: history.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
      };
    },
  );

  const replay = (which: string[] | 'failed') =>
    replayMessages(
      { db: pool, requeue: (ids) => requeueMessages(queue, ids, { attempts: config.worker.maxAttempts }) },
      which,
    );

  app.post(
    '/api/messages/:id/replay',
    {
      preHandler: requireRole(...opsRoles),
      schema: {
        summary: 'Re-run a failed (or still waiting) message through processing',
        params: idParams,
        response: { 202: z.object({ replayed: z.array(z.string()) }), ...errors, 409: errorSchema },
      },
    },
    async (request, reply) => {
      const message = await findMessageById(pool, request.params.id);
      if (!message) throw new HttpError(404, 'not_found', `No message ${request.params.id}`);
      const replayed = await replay([message.id]);
      if (replayed.length === 0) {
        throw new HttpError(
          409,
          'not_replayable',
          `Message ${message.id} is ${message.status}; only failed or waiting messages are replayed`,
        );
      }
      return reply.code(202).send({ replayed });
    },
  );

  app.post(
    '/api/messages/replay-failed',
    {
      preHandler: requireRole(...opsRoles),
      schema: {
        summary: 'Re-run every failed message',
        response: { 202: z.object({ replayed: z.array(z.string()) }), ...errors },
      },
    },
    async (_request, reply) => reply.code(202).send({ replayed: await replay('failed') }),
  );
  return Promise.resolve();
};
