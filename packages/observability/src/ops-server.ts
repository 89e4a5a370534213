import Fastify, { type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { registerHealthRoutes, type ReadinessCheck } from './health-routes.js';

/**
 * The small HTTP server the listener and the worker expose for operations: health, readiness
 * and metrics, nothing else.
 * @param options - registry and readiness checks
 */
export function createOpsServer(options: {
  registry: Registry;
  checks: readonly ReadinessCheck[];
}): FastifyInstance {
  const app = Fastify({ logger: false });
  registerHealthRoutes(app, options);
  return app;
}
