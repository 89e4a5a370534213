import type { FastifyInstance } from 'fastify';
import { createPool, migrateDatabase } from '@adt/db';
import type { Logger } from '@adt/logging';
import { createMetricsRegistry, Histogram, registerPoolMetrics } from '@adt/observability';
import { createAdtEventsQueue, createProducerConnection } from '@adt/queue';
import type { ApiConfig } from './api-config.js';
import { buildApp } from './app.js';
import { startEscalationSweep } from './escalate-overdue.js';

/** A running API server. */
export interface RunningApi {
  app: FastifyInstance;
  port: number;
  stop: () => Promise<void>;
}

/**
 * Starts the API: migrations (unless disabled), the pool and queue producer, the escalation sweep,
 * then the HTTP server.
 * @param config - validated configuration
 * @param log - the service logger
 */
export async function startApi(config: ApiConfig, log: Logger): Promise<RunningApi> {
  if (config.migrateOnStart) await migrateDatabase(config.migrationDatabaseUrl ?? config.databaseUrl);
  const pool = createPool({
    connectionString: config.databaseUrl,
    max: config.databasePoolMax,
    applicationName: 'adt-api',
  });
  const redis = createProducerConnection(config.redis);
  const queue = createAdtEventsQueue({ connection: redis, prefix: config.queuePrefix });
  const registry = createMetricsRegistry('api');
  registerPoolMetrics(registry, pool);
  const latency = new Histogram({
    name: 'adt_http_request_duration_seconds',
    help: 'API request latency by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const app = await buildApp(
    { config, pool, queue, redis },
    { log, registry, rateLimits: config.api.rateLimits },
  );
  app.addHook('onResponse', async (request, reply) => {
    latency.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  const escalations = startEscalationSweep({
    pool,
    settings: {
      afterMinutes: config.practice.escalateOverdueAfterMinutes,
      observationCodes: config.practice.observationCodes,
    },
    intervalMs: config.alerts.evaluationIntervalMs,
    log,
  });
  app.addHook('onClose', async () => {
    await escalations.stop();
    await queue.close();
    redis.disconnect();
    await pool.end();
  });
  await app.listen({ port: config.api.port, host: config.api.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.api.port;
  return { app, port, stop: () => app.close() };
}
