import { describe, expect, it } from 'vitest';
import { Counter } from 'prom-client';
import { createMetricsRegistry } from './metrics.js';
import { createOpsServer } from './ops-server.js';

describe('ops server', () => {
  it('answers /healthz, fails /readyz with 503 when a dependency is down, and serves metrics', async () => {
    const registry = createMetricsRegistry('unit');
    const counter = new Counter({ name: 'adt_unit_total', help: 'unit', registers: [registry] });
    counter.inc(3);
    let dbUp = true;
    const app = createOpsServer({
      registry,
      checks: [{ name: 'postgres', check: () => Promise.resolve(dbUp) }],
    });
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/readyz' })).json()).toEqual({
      status: 'ready',
      checks: { postgres: true },
    });
    dbUp = false;
    const notReady = await app.inject({ url: '/readyz' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json()).toEqual({ status: 'not_ready', checks: { postgres: false } });
    const metrics = await app.inject({ url: '/metrics' });
    expect(metrics.body).toContain('adt_unit_total{service="unit"} 3');
    expect(metrics.body).toContain('nodejs_heap_size_used_bytes');
    await app.close();
  });

  it('treats a check that throws as not ready', async () => {
    const app = createOpsServer({
      registry: createMetricsRegistry('unit2'),
      checks: [{ name: 'redis', check: () => Promise.reject(new Error('down')) }],
    });
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(503);
    await app.close();
  });
});
