import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
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
import { registerHealthRoutes, type Registry } from '@adt/observability';
import { HttpError, resolvePrincipal } from './auth.js';
import type { ApiContext } from './api-context.js';
import { followUpRoutes } from './routes/follow-up-routes.js';
import { messageRoutes } from './routes/message-routes.js';
import { patientRoutes } from './routes/patient-routes.js';

/**
 * Builds the API application (routes, auth, OpenAPI, error handling) without listening.
 * @param context - configuration, pool and queue
 * @param options - logger and metrics registry
 */
export async function buildApp(
  context: ApiContext,
  options: { log: Logger; registry: Registry },
): Promise<FastifyInstance> {
  // Typed as Fastify's logger so the instance keeps Fastify's default generics.
  const logger: FastifyBaseLogger = options.log;
  // Fastify's request log line carries the full URL, whose query may name a patient (?mrn=…):
  // requests are logged by route pattern in onResponse instead.
  const base = Fastify({ loggerInstance: logger, disableRequestLogging: true });
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
    ],
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
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/api/')) request.principal = await resolvePrincipal(context.pool, request);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const detail = error.validation.map((v) => `${v.instancePath || 'request'} ${v.message ?? ''}`.trim());
      return reply.code(400).send({ error: 'bad_request', message: `Invalid request: ${detail.join('; ')}` });
    }
    if (error instanceof HttpError)
      return reply.code(error.statusCode).send({ error: error.code, message: error.message });
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

  await app.register(followUpRoutes, { context });
  await app.register(messageRoutes, { context });
  await app.register(patientRoutes, { context });
  return base;
}
