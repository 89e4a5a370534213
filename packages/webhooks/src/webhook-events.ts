/** The events a subscription can ask for. */
export const WEBHOOK_EVENT_TYPES = [
  'follow_up.created',
  'follow_up.updated',
  'follow_up.closed',
  'encounter.admitted',
  'encounter.discharged',
  'patient.deceased',
] as const;

/** One of {@link WEBHOOK_EVENT_TYPES}. */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The follow-up kinds a subscription's `kind` filter may name. */
export const WEBHOOK_FOLLOW_UP_KINDS = ['discharge', 'ed_visit'] as const;

/**
 * The JSON body POSTed to a receiver. `timestamp` is when the change was committed; `data` holds
 * ids and the few fields a filter needs (docs/webhooks.md lists them per event).
 */
export interface WebhookPayload {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/**
 * The delivery's body, serialised once: the signature covers exactly these bytes.
 * @param type - the event type
 * @param occurredAt - when the change was committed
 * @param data - the event's data as the outbox row holds it
 */
export function webhookBody(type: string, occurredAt: Date, data: Record<string, unknown>): string {
  const payload: WebhookPayload = { type, timestamp: occurredAt.toISOString(), data };
  return JSON.stringify(payload);
}
