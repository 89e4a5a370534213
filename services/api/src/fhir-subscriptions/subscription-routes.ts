import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import {
  createFhirSubscription,
  deleteWebhookSubscription,
  findFhirSubscriptions,
  recordAudit,
} from '@adt/db';
import { checkReceiverUrl, FHIR_SUBSCRIPTION_TOPICS } from '@adt/webhooks';
import { assertRole, HttpError, type Principal } from '../auth.js';
import type { ApiContext } from '../api-context.js';
import { FHIR_JSON, sendFhirError } from '../fhir/fhir-errors.js';
import { payloadContent, storedResource, subscriptionResourceSchema } from './subscription-resource.js';

const ID = /^[1-9]\d{0,17}$/;

async function admin(request: FastifyRequest, write: boolean): Promise<Principal> {
  const principal = assertRole(await request.authenticate(), ['admin']);
  // Writes take a bearer token only: a session cookie would need the API's CSRF check.
  if (write && principal.kind !== 'token') {
    throw new HttpError(403, 'forbidden', 'Subscribe with Authorization: Bearer <token>');
  }
  return principal;
}

/**
 * FHIR R4 topic-based Subscriptions (Subscriptions Backport IG, rest-hook channel, `id-only` or
 * `empty` payloads) for the "encounter discharge" and "emergency department visit" topics.
 * Admins only, as the webhook subscriptions they share the outbox and delivery queue with.
 * Notifications are sent by the worker (docs/webhooks.md#fhir-subscriptions).
 * @param app - the Fastify instance (its own scope: the FHIR content type and OperationOutcome errors)
 * @param options - shared API context
 */
export const fhirSubscriptionRoutes: FastifyPluginAsync<{ context: ApiContext }> = (app, { context }) => {
  const { pool } = context;
  const policy = { allowPrivate: context.config.webhooks.allowPrivate };

  // Fastify's own JSON parser, as for application/json: malformed or empty bodies are its 400s, and
  // `__proto__` keys are refused.
  app.addContentTypeParser(
    'application/fhir+json',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    app.getDefaultJsonParser('error', 'ignore'),
  );
  app.setErrorHandler(sendFhirError);
  const send = (reply: FastifyReply, status: number, body: unknown) =>
    reply.code(status).header('cache-control', 'no-store').type(FHIR_JSON).send(body);
  const base = (request: FastifyRequest) => `${request.protocol}://${request.host}/fhir/R4`;

  app.post('/fhir/R4/Subscription', { schema: { hide: true } }, async (request, reply) => {
    const principal = await admin(request, true);
    const parsed = subscriptionResourceSchema.safeParse(request.body);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'Subscription'}: ${i.message}`);
      throw new HttpError(400, 'bad_request', detail.join('; '));
    }
    const resource = parsed.data;
    const payload = payloadContent(resource);
    if (payload === null) {
      throw new HttpError(
        400,
        'bad_request',
        'channel payload content must be id-only or empty (full-resource is not offered)',
      );
    }
    // A refused receiver is a WebhookReceiverError: 400 by DOMAIN_ERROR_STATUS, `invalid` here.
    await checkReceiverUrl(resource.channel.endpoint, policy);
    const topic = FHIR_SUBSCRIPTION_TOPICS[resource.criteria as keyof typeof FHIR_SUBSCRIPTION_TOPICS];
    const stored = await createFhirSubscription(pool, {
      endpoint: resource.channel.endpoint,
      events: topic.events,
      topic: resource.criteria,
      payload,
      headers: resource.channel.header ?? [],
      base: base(request),
      resource: storedResource(resource),
      createdBy: principal.actor,
    });
    await recordAudit(pool, {
      actor: principal.actor,
      action: 'create',
      resource: 'fhir_subscription',
      resourceId: stored.id,
      remoteAddress: request.ip,
      detail: { topic: resource.criteria },
    });
    void reply.header('location', `${base(request)}/Subscription/${stored.id}`);
    return send(reply, 201, stored.resource);
  });

  app.get('/fhir/R4/Subscription', { schema: { hide: true } }, async (request, reply) => {
    await admin(request, false);
    const found = await findFhirSubscriptions(pool);
    return send(reply, 200, {
      resourceType: 'Bundle',
      type: 'searchset',
      total: found.length,
      entry: found.map((s) => ({
        fullUrl: `${base(request)}/Subscription/${s.id}`,
        resource: s.resource,
        search: { mode: 'match' },
      })),
    });
  });

  app.get<{ Params: { id: string } }>(
    '/fhir/R4/Subscription/:id',
    { schema: { hide: true } },
    async (request, reply) => {
      await admin(request, false);
      const [found] = ID.test(request.params.id) ? await findFhirSubscriptions(pool, request.params.id) : [];
      if (!found) throw new HttpError(404, 'not_found', `Subscription/${request.params.id} is not known`);
      return send(reply, 200, found.resource);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/fhir/R4/Subscription/:id',
    { schema: { hide: true } },
    async (request, reply) => {
      const principal = await admin(request, true);
      const [found] = ID.test(request.params.id) ? await findFhirSubscriptions(pool, request.params.id) : [];
      if (!found) throw new HttpError(404, 'not_found', `Subscription/${request.params.id} is not known`);
      await deleteWebhookSubscription(pool, found.id);
      await recordAudit(pool, {
        actor: principal.actor,
        action: 'delete',
        resource: 'fhir_subscription',
        resourceId: found.id,
        remoteAddress: request.ip,
      });
      return reply.code(204).send();
    },
  );
  return Promise.resolve();
};
