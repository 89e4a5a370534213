import { randomUUID } from 'node:crypto';

const BACKPORT = 'http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition';

/** Profile a topic-based R4 Subscription declares. */
export const BACKPORT_SUBSCRIPTION_PROFILE = `${BACKPORT}/backport-subscription`;
/** Extension on `channel.payload` naming how much a notification carries. */
export const BACKPORT_PAYLOAD_CONTENT = `${BACKPORT}/backport-payload-content`;
/** Extension on `criteria` narrowing a topic (not supported here: refused). */
export const BACKPORT_FILTER_CRITERIA = `${BACKPORT}/backport-filter-criteria`;

/** The topics a FHIR subscription may name in `criteria`, and the outbox events each is made of. */
export const FHIR_SUBSCRIPTION_TOPICS = {
  'http://adt-followup/SubscriptionTopic/encounter-discharge': {
    title: 'encounter discharge',
    events: ['encounter.discharged'],
  },
  'http://adt-followup/SubscriptionTopic/emergency-department-visit': {
    title: 'emergency department visit',
    events: ['encounter.ed_visit'],
  },
} as const satisfies Record<string, { title: string; events: readonly string[] }>;

/** What one notification is about. */
export interface FhirNotification {
  /** The server base, `…/fhir/R4`. */
  base: string;
  subscriptionId: string;
  topic: string;
  payload: 'empty' | 'id-only';
  eventNumber: number;
  occurredAt: Date;
  /** The Encounter the event is about. */
  encounterId: string | null;
}

/**
 * A notification Bundle per the R4 Subscriptions Backport: type `history`, the subscription status
 * (a `Parameters` resource) first, then, for `id-only`, the focus Encounter by reference only.
 * @param n - subscription, topic, payload content, event number and focus
 */
export function fhirNotificationBundle(n: FhirNotification): Record<string, unknown> {
  const statusId = randomUUID();
  const focus =
    n.payload === 'id-only' && n.encounterId !== null ? `${n.base}/Encounter/${n.encounterId}` : null;
  const subscription = `${n.base}/Subscription/${n.subscriptionId}`;
  const entry: Record<string, unknown>[] = [
    {
      fullUrl: `urn:uuid:${statusId}`,
      resource: {
        resourceType: 'Parameters',
        id: statusId,
        meta: { profile: [`${BACKPORT}/backport-subscription-status-r4`] },
        parameter: [
          { name: 'subscription', valueReference: { reference: subscription } },
          { name: 'topic', valueCanonical: n.topic },
          { name: 'status', valueCode: 'active' },
          { name: 'type', valueCode: 'event-notification' },
          { name: 'events-since-subscription-start', valueString: String(n.eventNumber) },
          {
            name: 'notification-event',
            part: [
              { name: 'event-number', valueString: String(n.eventNumber) },
              { name: 'timestamp', valueInstant: n.occurredAt.toISOString() },
              ...(focus ? [{ name: 'focus', valueReference: { reference: focus } }] : []),
            ],
          },
        ],
      },
      request: { method: 'GET', url: `${subscription}/$status` },
      response: { status: '200' },
    },
  ];
  if (focus) {
    entry.push({
      fullUrl: focus,
      request: { method: 'PUT', url: `Encounter/${n.encounterId ?? ''}` },
      response: { status: '200' },
    });
  }
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { profile: [`${BACKPORT}/backport-subscription-notification-r4`] },
    type: 'history',
    timestamp: new Date().toISOString(),
    entry,
  };
}
