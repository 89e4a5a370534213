import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createWebhookSubscription,
  deleteWebhookSubscription,
  listWebhookDeliveries,
  listWebhookSubscriptions,
  recordAudit,
  redeliverWebhookDelivery,
  type WebhookDelivery,
  type WebhookSubscription,
  type WebhookSubscriptionStatus,
} from '@adt/db';
import {
  checkReceiverUrl,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_FOLLOW_UP_KINDS,
  webhookSecretProblem,
} from '@adt/webhooks';
import { principalOf, requireRole } from '../auth.js';
import type { ApiContext } from '../api-context.js';
import { beforeIdOf, pageById } from '../cursor.js';
import { cursorParam, idParam, limitParam } from '../input-schemas.js';
import { errorSchema, pageSchema } from '../schemas.js';
import { recordActionRoute } from './record-action-route.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const isoDateTime = z.string().describe('ISO-8601 instant');

// Filters name facilities (MSH-4) and teams: short codes. Bounded so a body stays small.
const filterValue = z.string().trim().min(1).max(100);
const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item).min(1).max(50)]).transform((v) => (Array.isArray(v) ? v : [v]));

const subscriptionBody = z.strictObject({
  url: z.string().max(2048).describe('the receiver: https, on a public address unless WEBHOOK_ALLOW_PRIVATE'),
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES))
    .min(1)
    .max(WEBHOOK_EVENT_TYPES.length)
    .refine((events) => new Set(events).size === events.length, 'must not repeat an event'),
  secret: z
    .string()
    .max(200)
    .superRefine((secret, context) => {
      const problem = webhookSecretProblem(secret);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
    .describe('the subscriber’s Standard Webhooks secret: whsec_ and the base64 of 24 to 64 random bytes'),
  filter: z
    .strictObject({
      facility: oneOrMany(filterValue).optional(),
      team: oneOrMany(filterValue).optional(),
      kind: oneOrMany(z.enum(WEBHOOK_FOLLOW_UP_KINDS)).optional(),
    })
    .optional()
    .describe('narrows the events: each given field matches one value or any of a list'),
});

const subscriptionSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  filter: z.object({
    facility: z.array(z.string()),
    team: z.array(z.string()),
    kind: z.array(z.string()),
  }),
  createdBy: z.string(),
  createdAt: isoDateTime,
});

const subscriptionStatusSchema = subscriptionSchema.extend({
  deliveries: z.object({
    pending: z.number().int(),
    delivered: z.number().int(),
    dead: z.number().int(),
    lastDeliveredAt: isoDateTime.nullable(),
    lastAttemptAt: isoDateTime.nullable(),
    lastStatus: z.number().int().nullable().describe('HTTP status of the latest attempt'),
    lastError: z.string().nullable().describe('why the latest attempt failed, if it did'),
  }),
});

const deliveryStatus = z.enum(['pending', 'delivered', 'dead']);
const deliverySchema = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  eventId: z.string(),
  type: z.string(),
  followUpId: z.string().nullable(),
  encounterId: z.string().nullable(),
  patientId: z.string(),
  status: deliveryStatus,
  attempts: z.number().int(),
  lastAttemptAt: isoDateTime.nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});

function toSubscriptionJson(s: WebhookSubscription): z.infer<typeof subscriptionSchema> {
  return {
    id: s.id,
    url: s.url,
    events: s.events,
    filter: { facility: s.facilities, team: s.teams, kind: s.kinds },
    createdBy: s.createdBy,
    createdAt: s.createdAt.toISOString(),
  };
}

function toStatusJson(s: WebhookSubscriptionStatus): z.infer<typeof subscriptionStatusSchema> {
  return {
    ...toSubscriptionJson(s),
    deliveries: {
      pending: s.pending,
      delivered: s.delivered,
      dead: s.dead,
      lastDeliveredAt: s.lastDeliveredAt?.toISOString() ?? null,
      lastAttemptAt: s.lastAttemptAt?.toISOString() ?? null,
      lastStatus: s.lastStatus,
      lastError: s.lastError,
    },
  };
}

function toDeliveryJson(d: WebhookDelivery): z.infer<typeof deliverySchema> {
  return {
    ...d,
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}

/**
 * Outbound webhooks: subscriptions (admins) and their deliveries (ops and admins), with redelivery.
 * Receivers are checked here (scheme, resolved addresses) and again at each delivery.
 * @param app - the Fastify instance
 * @param options - shared API context
 */
export const webhookRoutes: FastifyPluginAsyncZod<{ context: ApiContext }> = (app, { context }) => {
  const { pool } = context;
  const adminOnly = requireRole('admin');
  const opsOrAdmin = requireRole('ops', 'admin');
  const policy = { allowPrivate: context.config.webhooks.allowPrivate };

  app.post(
    '/api/subscriptions',
    {
      preHandler: adminOnly,
      schema: {
        summary: 'Subscribe a receiver to webhook events (admins)',
        description:
          'Events committed from now on are POSTed to the URL, signed per Standard Webhooks with the secret given. The secret is never returned. docs/webhooks.md lists each event’s data.',
        body: subscriptionBody,
        response: { 201: subscriptionSchema, ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      // A refused receiver is a WebhookReceiverError: 400 by DOMAIN_ERROR_STATUS.
      await checkReceiverUrl(body.url, policy);
      const actor = principalOf(request).actor;
      const subscription = await createWebhookSubscription(pool, {
        url: body.url,
        events: body.events,
        secret: body.secret,
        facilities: body.filter?.facility ?? [],
        teams: body.filter?.team ?? [],
        kinds: body.filter?.kind ?? [],
        createdBy: actor,
      });
      await recordAudit(pool, {
        actor,
        action: 'create',
        resource: 'webhook_subscription',
        resourceId: subscription.id,
        remoteAddress: request.ip,
        detail: { events: subscription.events },
      });
      return reply.code(201).send(toSubscriptionJson(subscription));
    },
  );

  app.get(
    '/api/subscriptions',
    {
      preHandler: adminOnly,
      schema: {
        summary: 'Webhook subscriptions and how their deliveries stand (admins)',
        response: { 200: z.object({ items: z.array(subscriptionStatusSchema) }), ...errors },
      },
    },
    async () => ({ items: (await listWebhookSubscriptions(pool)).map(toStatusJson) }),
  );

  recordActionRoute(app, pool, 'DELETE', '/api/subscriptions/:id', {
    preHandler: adminOnly,
    summary: 'Delete a webhook subscription (admins)',
    description:
      'Nothing more is delivered to it; its pending deliveries end as dead and its secret is erased. Deleting it again answers the same.',
    response: subscriptionSchema,
    act: (id) => deleteWebhookSubscription(pool, id),
    audit: { action: 'delete', resource: 'webhook_subscription' },
    toJson: toSubscriptionJson,
  });

  app.get(
    '/api/webhook-deliveries',
    {
      preHandler: opsOrAdmin,
      schema: {
        summary: 'Webhook deliveries, newest first (ops, admins)',
        description: 'Ids and outcomes only; the receiver’s answers are not kept.',
        querystring: z.object({
          subscriptionId: idParam('webhook subscription').optional(),
          status: deliveryStatus.optional(),
          limit: limitParam,
          cursor: cursorParam,
        }),
        response: { 200: pageSchema(deliverySchema, 'WebhookDeliveryPage'), ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const page = pageById(
        await listWebhookDeliveries(pool, {
          subscriptionId: q.subscriptionId,
          status: q.status,
          beforeId: beforeIdOf(q.cursor),
          limit: q.limit + 1,
        }),
        q.limit,
      );
      return { items: page.rows.map(toDeliveryJson), nextCursor: page.nextCursor };
    },
  );

  recordActionRoute(app, pool, 'POST', '/api/webhook-deliveries/:id/redeliver', {
    preHandler: opsOrAdmin,
    summary: 'Send a dead or delivered webhook delivery again (ops, admins)',
    description:
      'It becomes pending with a fresh set of attempts and the same webhook-id, in its place in its follow-up’s order. A pending delivery is already on its way and is answered as it is.',
    response: deliverySchema,
    act: (id) => redeliverWebhookDelivery(pool, id),
    audit: { action: 'redeliver', resource: 'webhook_delivery' },
    toJson: toDeliveryJson,
  });
  return Promise.resolve();
};
