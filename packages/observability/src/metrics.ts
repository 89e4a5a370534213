import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * A metrics registry with Node's default process metrics, labelled with the service name.
 * Each service owns one; tests create their own so counters never leak between them.
 * @param service - the service name put on every series
 */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

export { Counter, Gauge, Histogram, Registry } from 'prom-client';
