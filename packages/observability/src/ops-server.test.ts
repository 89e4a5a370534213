import { describe, expect, it } from 'vitest';
import { Counter } from 'prom-client';
import { createMetricsRegistry } from './metrics.js';
import { createOpsServer } from './ops-server.js';
import { registerPoolMetrics } from './pool-metrics.js';

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
    expect(notReady.json()).toEqual({
      status: 'not_ready',
      checks: { postgres: false },
      reasons: { postgres: 'postgres is not reachable' },
    });
    const metrics = await app.inject({ url: '/metrics' });
    expect(metrics.body).toContain('adt_unit_total{service="unit"} 3');
    expect(metrics.body).toContain('nodejs_heap_size_used_bytes');
    expect(metrics.body).toContain('adt_dependency_up{dependency="postgres",service="unit"} 0');
    dbUp = true;
    expect((await app.inject({ url: '/metrics' })).body).toContain(
      'adt_dependency_up{dependency="postgres",service="unit"} 1',
    );
    await app.close();
  });

  it('exposes the pool use at each scrape', async () => {
    const registry = createMetricsRegistry('pool');
    const pool = { totalCount: 3, idleCount: 1, waitingCount: 0 };
    registerPoolMetrics(registry, pool);
    const app = createOpsServer({ registry, checks: [] });
    const before = (await app.inject({ url: '/metrics' })).body;
    expect(before).toContain('adt_db_pool_clients{state="total",service="pool"} 3');
    expect(before).toContain('adt_db_pool_clients{state="waiting",service="pool"} 0');
    pool.waitingCount = 4;
    pool.idleCount = 0;
    const after = (await app.inject({ url: '/metrics' })).body;
    expect(after).toContain('adt_db_pool_clients{state="waiting",service="pool"} 4');
    expect(after).toContain('adt_db_pool_clients{state="idle",service="pool"} 0');
    await app.close();
  });

  it('says why it is not ready when a check gives a reason', async () => {
    const app = createOpsServer({
      registry: createMetricsRegistry('unit3'),
      checks: [
        { name: 'postgres', check: () => Promise.resolve(true) },
        { name: 'queue', check: () => Promise.resolve({ ok: false, reason: 'the queue is paused' }) },
      ],
    });
    const response = await app.inject({ url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      status: 'not_ready',
      checks: { postgres: true, queue: false },
      reasons: { queue: 'the queue is paused' },
    });
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
