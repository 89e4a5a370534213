import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import csrfProtection from '@fastify/csrf-protection';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { isDatabaseReachable } from '@adt/db';
import { isRedisReachable } from '@adt/queue';
import type { Logger } from '@adt/logging';
import { queueActiveCheck, registerHealthRoutes, type Registry } from '@adt/observability';
import { assertRole, HttpError } from './auth.js';
import { registerAuthentication } from './auth-plugin.js';
import { auditRefusals } from './refusal-audit.js';
import type { ApiContext } from './api-context.js';
import { needsCsrfCheck } from './csrf.js';
import { createOidcClient } from './oidc-client.js';
import { mapDomainError } from './domain-error-status.js';
import { withSharedSchemas } from './openapi-components.js';
import { fhirRoutes } from './fhir/fhir-routes.js';
import { DEFAULT_RATE_LIMITS, registerRateLimits, type RateLimitSettings } from './rate-limits.js';
import { auditRoutes } from './routes/audit-routes.js';
import { censusRoutes } from './routes/census-routes.js';
import { followUpRoutes } from './routes/follow-up-routes.js';
import { messageRoutes } from './routes/message-routes.js';
import { opsAlertRoutes } from './routes/ops-alert-routes.js';
import { oidcRoutes } from './routes/oidc-routes.js';
import { opsFeedRoutes } from './routes/ops-feed-routes.js';
import { opsSandboxRoutes } from './routes/ops-sandbox-routes.js';
import { facilityRoutes } from './routes/facility-routes.js';
import { opsQueueDashboard } from './routes/ops-queue-dashboard.js';
import { opsQueueRoutes } from './routes/ops-queue-routes.js';
import { patientRoutes } from './routes/patient-routes.js';
import { reportBreakdownRoutes } from './routes/report-breakdown-routes.js';
import { reportRoutes } from './routes/report-routes.js';
import { reportTrendRoutes } from './routes/report-trend-routes.js';
import { sessionRoutes } from './routes/session-routes.js';
import { tcmReadinessRoutes } from './routes/tcm-readiness-routes.js';
import { teamRoutes } from './routes/team-routes.js';
import { tokenRoutes } from './routes/token-routes.js';
import { userRoutes } from './routes/user-routes.js';
import { vocabularyRoutes } from './routes/vocabulary-routes.js';
import { webRoutes } from './routes/web-routes.js';
import { webhookRoutes } from './routes/webhook-routes.js';
import { fhirSubscriptionRoutes } from './fhir-subscriptions/subscription-routes.js';
import { workloadRoutes } from './routes/workload-routes.js';
import { isApiRoute } from './route-match.js';
import { withReportPool } from './report-pool.js';
import { registerSecurityHeaders } from './security-headers.js';
import { CSRF_COOKIE, CSRF_HEADER, CSRF_HMAC_KEY, csrfBinding } from './session-cookie.js';

/**
 * Builds the API application (routes, auth, OpenAPI, error handling) without listening.
 * @param context - configuration, pool and queue
 * @param options - logger, metrics registry, and rate limits ({@link DEFAULT_RATE_LIMITS} unless given)
 */
export async function buildApp(
  given: ApiContext,
  options: { log: Logger; registry: Registry; rateLimits?: RateLimitSettings },
): Promise<FastifyInstance> {
  // Typed as Fastify's logger so the instance keeps Fastify's default generics.
  const logger: FastifyBaseLogger = options.log;
  // Fastify's request log line carries the full URL, whose query may name a patient (?mrn=…):
  // requests are logged by route pattern in onResponse instead.
  const base = Fastify({
    loggerInstance: logger,
    disableRequestLogging: true,
    trustProxy: given.config.api.trustProxy,
  });
  const context = withReportPool(base, given);
  await registerSecurityHeaders(base);
  auditRefusals(base, context.pool);
  base.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        statusCode: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
  });
  registerHealthRoutes(base, {
    registry: options.registry,
    checks: [
      { name: 'postgres', check: () => isDatabaseReachable(context.pool) },
      { name: 'redis', check: () => isRedisReachable(context.redis) },
      // A paused queue processes nothing; replays from this API would wait behind it.
      queueActiveCheck(context.queue),
    ],
    // This port is the public one: the metrics (route names, volumes, queue depth) are for ops.
    metricsGuard: async (request) => {
      assertRole(await request.authenticate(), ['ops', 'admin']);
    },
  });
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'adt-followup API',
        version: '0.1.0',
        description: 'Follow-ups from HL7 ADT feeds for nurse navigators.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'adt_session',
            description: `Browser session from POST /api/session; writes also need the ${CSRF_HEADER} header`,
          },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: withSharedSchemas,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(cookie);
  await app.register(csrfProtection, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict' },
    // Tokens are bound to the session: one issued to another browser's session is refused.
    getUserInfo: csrfBinding,
    csrfOpts: { hmacKey: CSRF_HMAC_KEY },
    // The header only: a form post from another site cannot set it.
    getToken: (request) => {
      const token = request.headers[CSRF_HEADER];
      return typeof token === 'string' ? token : '';
    },
  });

  registerAuthentication(base, {
    pool: context.pool,
    sessionIdleTimeoutMs: context.config.api.sessionIdleTimeoutMs,
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!isApiRoute(request)) return;
    // Patient data must not linger in browser or proxy caches.
    void reply.header('cache-control', 'no-store');
  });
  app.addHook('onRequest', (request, reply, done) => {
    if (needsCsrfCheck(request)) app.csrfProtection(request, reply, done);
    else done();
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const detail = error.validation.map((v) => `${v.instancePath || 'request'} ${v.message ?? ''}`.trim());
      return reply.code(400).send({ error: 'bad_request', message: `Invalid request: ${detail.join('; ')}` });
    }
    if (error instanceof HttpError)
      return reply
        .code(error.statusCode)
        .send({ ...error.detail, error: error.code, message: error.message });
    const domain = mapDomainError(error);
    if (domain) return reply.code(domain.status).send({ error: domain.code, message: domain.message });
    // Errors thrown by plugins may lack a code although the type says otherwise.
    const code: unknown = error.code;
    if (typeof code === 'string' && code.startsWith('FST_CSRF_')) {
      return reply.code(403).send({
        error: 'csrf',
        message: `Missing or invalid ${CSRF_HEADER} header: reload the page and try again`,
      });
    }
    const status = error.statusCode ?? 500;
    if (status < 500)
      return reply.code(status).send({ error: error.code || 'bad_request', message: error.message });
    // 5xx: the caller gets no internals; the log gets the error (without request bodies).
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal_error', message: 'Internal error' });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ error: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0] ?? ''}` }),
  );

  await registerRateLimits(base, options.rateLimits ?? DEFAULT_RATE_LIMITS, {
    redis: context.redis,
    keyPrefix: context.config.queuePrefix,
  });
  await app.register(followUpRoutes, { context });
  await app.register(censusRoutes, { context });
  await app.register(messageRoutes, { context });
  await app.register(opsFeedRoutes, { context });
  await app.register(opsSandboxRoutes, { context });
  await app.register(facilityRoutes, { context });
  await app.register(opsAlertRoutes, { context });
  await app.register(opsQueueRoutes, { context });
  await app.register(patientRoutes, { context });
  await app.register(reportBreakdownRoutes, { context });
  await app.register(workloadRoutes, { context });
  await app.register(tcmReadinessRoutes, { context });
  await app.register(reportRoutes, { context });
  await app.register(reportTrendRoutes, { context });
  await app.register(teamRoutes, { context });
  await app.register(sessionRoutes, { context });
  const oidc = context.config.signIn.oidc;
  if (oidc) await app.register(oidcRoutes, { context, settings: oidc, client: createOidcClient(oidc) });
  await app.register(userRoutes, { context });
  await app.register(tokenRoutes, { context });
  await app.register(auditRoutes, { context });
  await app.register(webhookRoutes, { context });
  await app.register(fhirSubscriptionRoutes, { context });
  await app.register(vocabularyRoutes);
  await app.register(webRoutes);
  await app.register(opsQueueDashboard, { context });
  await app.register(fhirRoutes, { context });
  return base;
}
