import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { Gauge, type Registry } from 'prom-client';

/** A check that failed, with a sentence for the person reading `/readyz`. */
export interface ReadinessProblem {
  ok: false;
  reason: string;
}

/** A dependency the service needs to do its work; readiness fails when any check fails. */
export interface ReadinessCheck {
  name: string;
  /** True when ready; false (or a problem saying why) when not. */
  check: () => Promise<boolean | ReadinessProblem>;
}

interface CheckResult {
  ok: boolean;
  reason: string | null;
}

const CHECK_TIMEOUT_MS = 2_000;

async function runCheck(check: ReadinessCheck): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => {
      resolve({ ok: false, reason: `${check.name} did not answer within ${CHECK_TIMEOUT_MS} ms` });
    }, CHECK_TIMEOUT_MS);
  });
  const answer = check.check().then(
    (result): CheckResult => {
      if (result === true) return { ok: true, reason: null };
      if (result === false) return { ok: false, reason: `${check.name} is not reachable` };
      return { ok: false, reason: result.reason };
    },
    (): CheckResult => ({ ok: false, reason: `${check.name} is not reachable` }),
  );
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Adds `/healthz` (the process answers), `/readyz` (every dependency reachable, else 503) and
 * `/metrics` (Prometheus text, with `adt_dependency_up` per readiness check) to a Fastify app.
 * @param app - the app to extend
 * @param options - the metrics registry, readiness checks, and a guard for `/metrics` where the
 *   port is public (the API's); ops ports bind to loopback by default and need none
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  options: {
    registry: Registry;
    checks: readonly ReadinessCheck[];
    metricsGuard?: preHandlerAsyncHookHandler;
  },
): void {
  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const results = await Promise.all(options.checks.map(async (c) => [c.name, await runCheck(c)] as const));
    const ready = results.every(([, result]) => result.ok);
    const checks = Object.fromEntries(results.map(([name, result]) => [name, result.ok]));
    if (ready) return reply.code(200).send({ status: 'ready', checks });
    // Why, for the person looking: which dependency, and what to do (a paused queue, say).
    const reasons = Object.fromEntries(
      results.flatMap(([name, result]) => (result.reason === null ? [] : [[name, result.reason]])),
    );
    return reply.code(503).send({ status: 'not_ready', checks, reasons });
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
      for (const [name, result] of results) this.set({ dependency: name }, result.ok ? 1 : 0);
    },
  });
  app.get(
    '/metrics',
    options.metricsGuard ? { preHandler: options.metricsGuard } : {},
    async (_request, reply) => {
      const body = await options.registry.metrics();
      return reply.type(options.registry.contentType).send(body);
    },
  );
}
