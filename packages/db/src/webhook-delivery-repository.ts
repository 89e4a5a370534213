/**
 * Webhook deliveries: one per event and subscription. Deliveries of one subscription and patient
 * form a chain that goes out in event order: only a chain's head (no earlier pending delivery) is
 * attempted.
 */
import type { Queryable } from './pool.js';

/** Where a delivery stands. */
export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'dead';

/** A delivery as ops see it. */
export interface WebhookDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  type: string;
  followUpId: string | null;
  encounterId: string | null;
  patientId: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

/** Everything one attempt needs. */
export interface WebhookDeliveryWork {
  id: string;
  status: WebhookDeliveryStatus;
  generation: number;
  url: string;
  secret: string;
  type: string;
  occurredAt: Date;
  data: Record<string, unknown>;
  /** An earlier delivery of the same chain is still pending: this one must wait. */
  blocked: boolean;
  encounterId: string | null;
  /** How the receiver is spoken to: a Standard Webhook, or a FHIR rest-hook notification. */
  channel: 'webhook' | 'fhir-rest-hook';
  fhir: {
    topic: string;
    payload: 'empty' | 'id-only';
    headers: string[];
    base: string;
    subscriptionId: string;
    /** This event's number among the subscription's events (1 for the first). */
    eventNumber: number;
  } | null;
}

const EARLIER_PENDING = `EXISTS (
  SELECT 1 FROM webhook_deliveries p
   WHERE p.subscription_id = d.subscription_id AND p.order_key = d.order_key
     AND p.status = 'pending' AND p.event_id < d.event_id)`;

/**
 * Pending deliveries that head their chain: the ones that may be attempted now.
 * @param db - pool or transaction
 * @param limit - most returned
 */
export async function findReadyWebhookDeliveries(
  db: Queryable,
  limit: number,
): Promise<{ id: string; generation: number }[]> {
  const result = await db.query<{ id: string; generation: number }>(
    `SELECT d.id::text, d.generation FROM webhook_deliveries d
       JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.deleted_at IS NULL
      WHERE d.status = 'pending' AND NOT ${EARLIER_PENDING}
      ORDER BY d.id LIMIT $1`,
    [limit],
  );
  return result.rows;
}

/**
 * One delivery with its receiver, secret and event, for an attempt; null once its subscription is
 * gone.
 * @param db - pool or transaction
 * @param id - the delivery's id
 */
export async function findWebhookDeliveryWork(
  db: Queryable,
  id: string,
): Promise<WebhookDeliveryWork | null> {
  // Columns named as the WebhookDeliveryWork's fields, so a row is the value; a FHIR rest-hook
  // receiver's settings only when all of them are stored.
  const result = await db.query<WebhookDeliveryWork>(
    `SELECT d.id::text AS id, d.status, d.generation, s.url, s.secret, e.type, e.occurred_at AS "occurredAt",
            e.data, ${EARLIER_PENDING} AS blocked, e.encounter_id::text AS "encounterId", s.channel,
            CASE WHEN s.channel = 'fhir-rest-hook' AND s.fhir_topic <> '' AND s.fhir_payload <> ''
                      AND s.fhir_base <> ''
                 THEN json_build_object(
                        'topic', s.fhir_topic, 'payload', s.fhir_payload, 'headers', s.fhir_headers,
                        'base', s.fhir_base, 'subscriptionId', s.id::text,
                        'eventNumber', (SELECT count(*) FROM webhook_deliveries n
                                         WHERE n.subscription_id = d.subscription_id
                                           AND n.event_id <= d.event_id)::int)
            END AS fhir
       FROM webhook_deliveries d
       JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.deleted_at IS NULL
       JOIN webhook_events e ON e.id = d.event_id
      WHERE d.id = $1`,
    [id],
  );
  return result.rows[0] ?? null;
}

/** One attempt's outcome, as {@link recordWebhookAttempt} stores it. */
export interface WebhookAttemptRecord {
  delivered: boolean;
  /** No attempt is left: the delivery becomes dead (a redelivery from the ops page revives it). */
  final: boolean;
  statusCode: number | null;
  error: string | null;
}

/**
 * Records an attempt on a pending delivery of the given generation (a redelivery since makes it a
 * no-op).
 * @param db - pool or transaction
 * @param id - the delivery's id
 * @param generation - the generation the attempt belonged to
 * @param attempt - outcome
 * @returns the status the delivery now has, or null when it was not this generation's to record
 */
export async function recordWebhookAttempt(
  db: Queryable,
  id: string,
  generation: number,
  attempt: WebhookAttemptRecord,
): Promise<WebhookDeliveryStatus | null> {
  const result = await db.query<{ status: WebhookDeliveryStatus }>(
    `UPDATE webhook_deliveries
        SET attempts = attempts + 1, last_attempt_at = now(), last_status = $3, last_error = $4,
            status = CASE WHEN $5 THEN 'delivered' WHEN $6 THEN 'dead' ELSE 'pending' END,
            delivered_at = CASE WHEN $5 THEN now() ELSE delivered_at END
      WHERE id = $1 AND generation = $2 AND status = 'pending'
      RETURNING status`,
    [id, generation, attempt.statusCode, attempt.error, attempt.delivered, attempt.final],
  );
  return result.rows[0]?.status ?? null;
}

/**
 * Sends a dead or delivered delivery again: it becomes pending with a fresh set of attempts, in
 * its place in its chain. A pending one is already on its way, and one of a deleted subscription has
 * nowhere to go: both are left as they are.
 * @param db - pool or transaction
 * @param id - the delivery's id
 * @returns the delivery, or null when there is none
 */
export async function redeliverWebhookDelivery(db: Queryable, id: string): Promise<WebhookDelivery | null> {
  await db.query(
    `UPDATE webhook_deliveries
        SET status = 'pending', generation = generation + 1, delivered_at = NULL
      WHERE id = $1 AND status <> 'pending'
        AND subscription_id IN (SELECT id FROM webhook_subscriptions WHERE deleted_at IS NULL)`,
    [id],
  );
  return findWebhookDelivery(db, id);
}

// Columns of delivery `d` and its event `e` named as the WebhookDelivery's fields, so a row is the value.
const DELIVERY_SELECT = `SELECT d.id::text AS id, d.subscription_id::text AS "subscriptionId",
        d.event_id::text AS "eventId", e.type, e.follow_up_id::text AS "followUpId",
        e.encounter_id::text AS "encounterId", e.patient_id::text AS "patientId", d.status, d.attempts,
        d.last_attempt_at AS "lastAttemptAt", d.last_status AS "lastStatus", d.last_error AS "lastError",
        d.delivered_at AS "deliveredAt", d.created_at AS "createdAt"
   FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id`;

/**
 * One delivery.
 * @param db - pool or transaction
 * @param id - the delivery's id
 */
export async function findWebhookDelivery(db: Queryable, id: string): Promise<WebhookDelivery | null> {
  const result = await db.query<WebhookDelivery>(`${DELIVERY_SELECT} WHERE d.id = $1`, [id]);
  return result.rows[0] ?? null;
}

/**
 * Deliveries, newest first.
 * @param db - pool or transaction
 * @param filter - subscription, status, page
 */
export async function listWebhookDeliveries(
  db: Queryable,
  filter: { subscriptionId?: string; status?: WebhookDeliveryStatus; beforeId?: string; limit: number },
): Promise<WebhookDelivery[]> {
  const result = await db.query<WebhookDelivery>(
    `${DELIVERY_SELECT}
      WHERE ($1::bigint IS NULL OR d.subscription_id = $1)
        AND ($2::text IS NULL OR d.status = $2)
        AND ($3::bigint IS NULL OR d.id < $3)
      ORDER BY d.id DESC LIMIT $4`,
    [filter.subscriptionId ?? null, filter.status ?? null, filter.beforeId ?? null, filter.limit],
  );
  return result.rows;
}
