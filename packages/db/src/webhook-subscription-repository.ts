/**
 * Webhook subscriptions: a receiver, the events it wants, filters and the subscriber's secret.
 * Deleting one keeps its deliveries for the record and erases its secret.
 */
import type { Queryable } from './pool.js';

/** A subscription as admins see it: never its secret. */
export interface WebhookSubscription {
  id: string;
  url: string;
  events: string[];
  facilities: string[];
  teams: string[];
  kinds: string[];
  createdBy: string;
  createdAt: Date;
}

/** A subscription with how its deliveries stand. */
export interface WebhookSubscriptionStatus extends WebhookSubscription {
  pending: number;
  delivered: number;
  dead: number;
  lastDeliveredAt: Date | null;
  /** The most recent attempt's outcome: HTTP status, or the error when no answer came. */
  lastAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
}

/** What a new subscription holds. */
export interface NewWebhookSubscription {
  url: string;
  events: readonly string[];
  secret: string;
  facilities: readonly string[];
  teams: readonly string[];
  kinds: readonly string[];
  createdBy: string;
}

// Columns of subscription `s` named as the WebhookSubscription's fields, so a row is the value.
const SUBSCRIPTION_COLUMNS = `s.id::text AS id, s.url, s.events, s.facilities, s.teams, s.kinds,
  s.created_by AS "createdBy", s.created_at AS "createdAt"`;

/**
 * Stores a subscription; events committed from now on are delivered to it.
 * @param db - pool or transaction
 * @param subscription - receiver, events, secret and filters, already validated
 */
export async function createWebhookSubscription(
  db: Queryable,
  subscription: NewWebhookSubscription,
): Promise<WebhookSubscription> {
  const result = await db.query<WebhookSubscription>(
    `INSERT INTO webhook_subscriptions AS s (url, events, secret, facilities, teams, kinds, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING ${SUBSCRIPTION_COLUMNS}`,
    [
      subscription.url,
      subscription.events,
      subscription.secret,
      subscription.facilities,
      subscription.teams,
      subscription.kinds,
      subscription.createdBy,
    ],
  );
  const row = result.rows[0];
  if (!row) throw new Error('subscription not stored');
  return row;
}

/**
 * Every subscription with its delivery counts and latest attempt, oldest first.
 * @param db - pool or transaction
 */
export async function listWebhookSubscriptions(db: Queryable): Promise<WebhookSubscriptionStatus[]> {
  const result = await db.query<WebhookSubscriptionStatus>(
    `SELECT ${SUBSCRIPTION_COLUMNS},
            counts.pending, counts.delivered, counts.dead, counts.last_delivered_at AS "lastDeliveredAt",
            latest.last_attempt_at AS "lastAttemptAt", latest.last_status AS "lastStatus",
            latest.last_error AS "lastError"
       FROM webhook_subscriptions s
       CROSS JOIN LATERAL (
         SELECT count(*) FILTER (WHERE d.status = 'pending')::int AS pending,
                count(*) FILTER (WHERE d.status = 'delivered')::int AS delivered,
                count(*) FILTER (WHERE d.status = 'dead')::int AS dead,
                max(d.delivered_at) AS last_delivered_at
           FROM webhook_deliveries d WHERE d.subscription_id = s.id
       ) counts
       LEFT JOIN LATERAL (
         SELECT d.last_attempt_at, d.last_status, d.last_error
           FROM webhook_deliveries d
          WHERE d.subscription_id = s.id AND d.last_attempt_at IS NOT NULL
          ORDER BY d.last_attempt_at DESC LIMIT 1
       ) latest ON true
      WHERE s.deleted_at IS NULL AND s.channel = 'webhook'
      ORDER BY s.id`,
  );
  return result.rows;
}

/**
 * Deletes a subscription: nothing more is delivered to it (pending deliveries end dead), its secret
 * is erased and its deliveries stay for the record. Deleting a deleted subscription changes nothing.
 * @param db - pool or transaction
 * @param id - the subscription's id
 * @returns the subscription, or null when there never was one
 */
export async function deleteWebhookSubscription(
  db: Queryable,
  id: string,
): Promise<WebhookSubscription | null> {
  const result = await db.query<WebhookSubscription>(
    `WITH ended AS (
       UPDATE webhook_deliveries SET status = 'dead', last_error = 'subscription deleted'
        WHERE subscription_id = $1 AND status = 'pending'
     )
     UPDATE webhook_subscriptions s
        SET deleted_at = COALESCE(deleted_at, now()), secret = '', fhir_headers = '{}'
      WHERE s.id = $1 RETURNING ${SUBSCRIPTION_COLUMNS}`,
    [id],
  );
  return result.rows[0] ?? null;
}

/** A FHIR topic-based subscription as stored: the resource it was accepted as. */
export interface FhirSubscriptionRecord {
  id: string;
  resource: Record<string, unknown>;
  createdAt: Date;
}

// Columns named as the FhirSubscriptionRecord's fields, so a row is the value.
const FHIR_SUBSCRIPTION_COLUMNS = 'id::text AS id, fhir_resource AS resource, created_at AS "createdAt"';

/** What a new FHIR subscription holds, already validated. */
export interface NewFhirSubscription {
  endpoint: string;
  /** The outbox event types its topic is made of. */
  events: readonly string[];
  topic: string;
  payload: 'empty' | 'id-only';
  headers: readonly string[];
  /** The server base (`…/fhir/R4`) its notifications' references are made from. */
  base: string;
  /** The Subscription resource to store; its `id` is set here. */
  resource: Record<string, unknown>;
  createdBy: string;
}

/**
 * Stores a FHIR rest-hook subscription on the webhook outbox.
 * @param db - pool or transaction
 * @param subscription - endpoint, topic, payload, headers and the resource
 */
export async function createFhirSubscription(
  db: Queryable,
  subscription: NewFhirSubscription,
): Promise<FhirSubscriptionRecord> {
  const result = await db.query<FhirSubscriptionRecord>(
    // The resource carries its own id, so the id is drawn first.
    `WITH next AS (SELECT nextval(pg_get_serial_sequence('webhook_subscriptions', 'id')) AS id)
     INSERT INTO webhook_subscriptions
       (id, url, events, secret, created_by, channel, fhir_topic, fhir_payload, fhir_headers, fhir_base, fhir_resource)
     OVERRIDING SYSTEM VALUE
     SELECT next.id, $1, $2, '', $3, 'fhir-rest-hook', $4, $5, $6, $7,
            $8::jsonb || jsonb_build_object('id', next.id::text)
       FROM next
     RETURNING ${FHIR_SUBSCRIPTION_COLUMNS}`,
    [
      subscription.endpoint,
      subscription.events,
      subscription.createdBy,
      subscription.topic,
      subscription.payload,
      subscription.headers,
      subscription.base,
      JSON.stringify(subscription.resource),
    ],
  );
  const row = result.rows[0];
  if (!row) throw new Error('subscription not stored');
  return row;
}

/**
 * The FHIR subscriptions not deleted, or the one with `id`.
 * @param db - pool or transaction
 * @param id - one subscription's id; all when not given
 */
export async function findFhirSubscriptions(db: Queryable, id?: string): Promise<FhirSubscriptionRecord[]> {
  const result = await db.query<FhirSubscriptionRecord>(
    `SELECT ${FHIR_SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions
      WHERE channel = 'fhir-rest-hook' AND deleted_at IS NULL AND ($1::bigint IS NULL OR id = $1)
      ORDER BY id LIMIT 1000`,
    [id ?? null],
  );
  return result.rows;
}
