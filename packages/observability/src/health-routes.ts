import type { FastifyInstance } from 'fastify';
import { Gauge, type Registry } from 'prom-client';

/** A dependency the service needs to do its work; readiness fails when any check fails. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<boolean>;
}

const CHECK_TIMEOUT_MS = 2_000;

async function runCheck(check: ReadinessCheck): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => {
      resolve(false);
    }, CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check.check().catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Adds `/healthz` (the process answers), `/readyz` (every dependency reachable, else 503) and
 * `/metrics` (Prometheus text, with `adt_dependency_up` per readiness check) to a Fastify app.
 * @param app - the app to extend
 * @param options - the metrics registry and readiness checks
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  options: { registry: Registry; checks: readonly ReadinessCheck[] },
): void {
  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const results = await Promise.all(options.checks.map(async (c) => [c.name, await runCheck(c)] as const));
    const ready = results.every(([, ok]) => ok);
    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'not_ready', checks: Object.fromEntries(results) });
  });
  // Readiness as a metric too, so Prometheus can alert on a dependency one service cannot reach.
  new Gauge({
    name: 'adt_dependency_up',
    help: 'Whether the service reaches a dependency (1) or not (0), checked at each scrape',
    labelNames: ['dependency'],
    registers: [options.registry],
    async collect() {
      const results = await Promise.all(
        options.checks.map(async (c) => [c.name, await runCheck(c)] as const),
      );
      for (const [name, ok] of results) this.set({ dependency: name }, ok ? 1 : 0);
    },
  });
  app.get('/metrics', async (_request, reply) => {
    const body = await options.registry.metrics();
    return reply.type(options.registry.contentType).send(body);
  });
}
