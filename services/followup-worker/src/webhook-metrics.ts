import { Counter, Gauge, Histogram, type Registry } from '@adt/observability';

/** What outbound webhooks count. Labels carry event types and outcomes only: no ids, no URLs. */
export interface WebhookMetrics {
  attempts: Counter<'event' | 'outcome'>;
  attemptDuration: Histogram;
  pending: Gauge;
  undispatched: Gauge;
}

/**
 * Registers the webhook metrics.
 * @param registry - the worker's registry
 */
export function createWebhookMetrics(registry: Registry): WebhookMetrics {
  const registers = [registry];
  return {
    attempts: new Counter({
      name: 'adt_webhook_deliveries_total',
      help: 'Webhook delivery attempts by event type and outcome (delivered, retry, dead)',
      labelNames: ['event', 'outcome'],
      registers,
    }),
    attemptDuration: new Histogram({
      name: 'adt_webhook_delivery_duration_seconds',
      help: 'Time of one webhook delivery attempt, until the receiver answered or it failed',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    pending: new Gauge({
      name: 'adt_webhook_deliveries_pending',
      help: 'Webhook deliveries not yet delivered and not dead',
      registers,
    }),
    undispatched: new Gauge({
      name: 'adt_webhook_events_undispatched',
      help: 'Webhook events committed but not yet fanned out to subscriptions',
      registers,
    }),
  };
}
