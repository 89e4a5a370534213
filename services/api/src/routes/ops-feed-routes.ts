import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FEED_WATCH_DAYS, countProcessingOutcomes, findProcessingBacklog, listFacilityFeeds } from '@adt/db';
import { readQueueDepth } from '@adt/queue';
import { requireRole } from '../auth.js';
import type { ApiContext } from '../api-context.js';
import { errorSchema } from '../schemas.js';

const errors = { 401: errorSchema, 403: errorSchema };
const isoDateTime = z.string().describe('ISO-8601 instant');

const feedSchema = z.object({
  facility: z.string().describe('Sending facility (MSH-4)'),
  lastReceivedAt: isoDateTime,
  minutesSinceLast: z.number().int(),
  silentAfterMinutes: z.number().describe('The feed-silent limit of this facility'),
  silent: z.boolean().describe('Nothing received for longer than the limit'),
  messagesToday: z.number().int().describe('Since midnight in the practice time zone'),
  messagesLastHour: z.number().int(),
  rejectedToday: z.number().int(),
  ackCodesToday: z.record(z.string(), z.number().int()),
});

const processingSchema = z.object({
  backlog: z.object({
    waiting: z.number().int().describe('Stored messages not yet processed (status received)'),
    oldestReceivedAt: isoDateTime.nullable(),
  }),
  queue: z
    .object({
      counts: z.record(z.string(), z.number().int()),
      oldestWaitingAt: isoDateTime.nullable(),
    })
    .nullable()
    .describe('BullMQ job counts; null while Redis does not answer'),
  lastWindow: z.object({
    minutes: z.number(),
    failed: z.number().int(),
    processed: z.number().int(),
  }),
  retentionDays: z.number().int(),
});

/**
 * Feed and processing status for the ops page (ops and admin): is every facility sending, is the
 * worker keeping up. Counts and facility names only, no patient data, so reads are not audited.
 * @param app - the Fastify instance
 * @param options - shared API context
 */
export const opsFeedRoutes: FastifyPluginAsyncZod<{ context: ApiContext }> = (app, { context }) => {
  const { pool, queue, config } = context;

  app.get(
    '/api/ops/feeds',
    {
      preHandler: requireRole('ops', 'admin'),
      schema: {
        summary: 'Per sending facility: last message, traffic today and in the last hour, ACK codes, rejects',
        description: `Facilities with a message accepted in the last ${FEED_WATCH_DAYS} days, by name; refused messages make no feed.`,
        response: { 200: z.object({ asOf: isoDateTime, items: z.array(feedSchema) }), ...errors },
      },
    },
    async () => {
      const now = new Date();
      const feeds = await listFacilityFeeds(pool, {
        timeZone: config.practice.timeZone,
        lookbackDays: FEED_WATCH_DAYS,
      });
      return {
        asOf: now.toISOString(),
        items: feeds.map((feed) => {
          const limit =
            config.alerts.feedSilentMinutesByFacility.get(feed.facility) ?? config.alerts.feedSilentMinutes;
          const silentMs = now.getTime() - feed.lastReceivedAt.getTime();
          return {
            ...feed,
            lastReceivedAt: feed.lastReceivedAt.toISOString(),
            minutesSinceLast: Math.max(0, Math.floor(silentMs / 60_000)),
            silentAfterMinutes: limit,
            silent: silentMs > limit * 60_000,
          };
        }),
      };
    },
  );

  app.get(
    '/api/ops/processing',
    {
      preHandler: requireRole('ops', 'admin'),
      schema: {
        summary: 'Whether processing keeps up: stored messages waiting, queue depth, recent failures',
        response: { 200: processingSchema, ...errors },
      },
    },
    async () => {
      const minutes = config.alerts.failureWindowMinutes;
      const [backlog, outcomes, depth] = await Promise.all([
        findProcessingBacklog(pool),
        countProcessingOutcomes(pool, minutes * 60_000),
        readQueueDepth(queue).catch(() => null),
      ]);
      return {
        backlog: {
          waiting: backlog.waiting,
          oldestReceivedAt: backlog.oldestReceivedAt?.toISOString() ?? null,
        },
        queue: depth && {
          counts: depth.counts,
          oldestWaitingAt: depth.oldestWaitingAt?.toISOString() ?? null,
        },
        lastWindow: { minutes, ...outcomes },
        retentionDays: config.retention.days,
      };
    },
  );
  return Promise.resolve();
};
