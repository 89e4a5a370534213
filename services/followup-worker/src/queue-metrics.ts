import { Gauge, type Registry } from '@adt/observability';
import { readQueueDepth, type ApplyMessageJob, type Queue } from '@adt/queue';

/**
 * Queue depth gauges read from BullMQ at each scrape: `adt_queue_jobs{state}` and
 * `adt_queue_oldest_waiting_age_seconds`. While Redis does not answer the series are absent (and
 * `adt_dependency_up{dependency="redis"}` is 0) instead of the scrape failing.
 * @param registry - the service's registry
 * @param queue - the ADT events queue, on a fail-fast (producer) connection
 */
export function registerQueueMetrics(registry: Registry, queue: Queue<ApplyMessageJob>): void {
  const read = () => readQueueDepth(queue).catch(() => null);
  new Gauge({
    name: 'adt_queue_jobs',
    help: 'Jobs in the ADT events queue by state',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const current = await read();
      this.reset();
      if (!current) return;
      for (const [state, count] of Object.entries(current.counts)) this.set({ state }, count);
    },
  });
  new Gauge({
    name: 'adt_queue_oldest_waiting_age_seconds',
    help: 'Age of the oldest job waiting for a worker (0 when none waits)',
    registers: [registry],
    async collect() {
      const current = await read();
      this.reset();
      if (!current) return;
      const oldest = current.oldestWaitingAt;
      this.set(oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0);
    },
  });
}
