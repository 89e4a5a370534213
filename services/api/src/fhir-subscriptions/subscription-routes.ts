import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import {
  createFhirSubscription,
  deleteWebhookSubscription,
  findFhirSubscriptions,
  recordAudit,
} from '@adt/db';
import { checkReceiverUrl, FHIR_SUBSCRIPTION_TOPICS, WebhookReceiverError } from '@adt/webhooks';
import { assertRole, HttpError, type Principal } from '../auth.js';
import type { ApiContext } from '../api-context.js';
import { payloadContent, storedResource, subscriptionResourceSchema } from './subscription-resource.js';

const FHIR_JSON = 'application/fhir+json';
const ID = /^[1-9]\d{0,17}$/;

function operationOutcome(code: string, diagnostics: string): Record<string, unknown> {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
}

/** FHIR issue types for the HTTP statuses these routes answer with. */
const ISSUE_CODE: Record<number, string> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  415: 'not-supported',
};

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

  app.addContentTypeParser(FHIR_JSON, { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => {
    try {
      done(null, JSON.parse(String(body)) as unknown);
    } catch {
      done(new HttpError(400, 'bad_request', 'The body is not JSON'), undefined);
    }
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error instanceof HttpError ? error.statusCode : (error.statusCode ?? 500);
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(500).type(FHIR_JSON).send(operationOutcome('exception', 'Internal error'));
    }
    return reply
      .code(status)
      .type(FHIR_JSON)
      .send(operationOutcome(ISSUE_CODE[status] ?? 'processing', error.message));
  });
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
    try {
      await checkReceiverUrl(resource.channel.endpoint, policy);
    } catch (error) {
      if (error instanceof WebhookReceiverError) {
        throw new HttpError(400, 'bad_request', `channel.endpoint ${error.message}`);
      }
      throw error;
    }
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
