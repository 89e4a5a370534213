import { Queue, Worker, type Processor } from 'bullmq';
import type { QueueOptions } from './adt-events-queue.js';

/** The queue of outbound webhook deliveries, apart from message processing so a slow receiver never delays it. */
export const WEBHOOK_DELIVERIES_QUEUE = 'webhook-deliveries';

/** Job payload: the delivery's id and generation (a redelivery bumps it). No event data. */
export interface WebhookDeliveryJob {
  deliveryId: string;
  generation: number;
}

/** Name of the one job type on {@link WEBHOOK_DELIVERIES_QUEUE}. */
export const DELIVER_WEBHOOK_JOB = 'deliver-webhook';

// The backoff type the delivery worker's strategy answers to.
const WEBHOOK_BACKOFF = 'webhook';

/**
 * The job id of a delivery's generation: adding it again while the job waits or runs is a no-op.
 * @param job - delivery id and generation
 */
export function jobIdForWebhookDelivery(job: WebhookDeliveryJob): string {
  return `d${job.deliveryId}-${job.generation}`;
}

/**
 * Opens the producer side of the webhook deliveries queue.
 * @param options - connection and prefix
 */
export function createWebhookDeliveriesQueue(options: QueueOptions): Queue<WebhookDeliveryJob> {
  return new Queue<WebhookDeliveryJob>(WEBHOOK_DELIVERIES_QUEUE, {
    connection: options.connection,
    prefix: options.prefix,
  });
}

/**
 * Adds one job per delivery, deduplicated by job id, in one round trip. Jobs are removed when they
 * end (Postgres holds each delivery's state), so the same delivery can be queued again later.
 * @param queue - the webhook deliveries queue
 * @param jobs - deliveries due
 * @param attempts - attempts per delivery (`WEBHOOK_MAX_ATTEMPTS`)
 */
export async function enqueueWebhookDeliveries(
  queue: Queue<WebhookDeliveryJob>,
  jobs: readonly WebhookDeliveryJob[],
  attempts: number,
): Promise<void> {
  if (jobs.length === 0) return;
  await queue.addBulk(
    jobs.map((data) => ({
      name: DELIVER_WEBHOOK_JOB,
      data,
      opts: {
        jobId: jobIdForWebhookDelivery(data),
        attempts,
        backoff: { type: WEBHOOK_BACKOFF },
        removeOnComplete: true,
        removeOnFail: true,
      },
    })),
  );
}

/** Options for {@link createWebhookDeliveriesWorker}. */
export interface WebhookWorkerOptions extends QueueOptions {
  concurrency: number;
  /** Delay before the next attempt after this many failed ones. */
  retryDelayMs: (failedAttempts: number) => number;
}

/**
 * Starts a BullMQ worker on the webhook deliveries queue; failed attempts come back after
 * `retryDelayMs`.
 * @param processor - one attempt
 * @param options - connection, prefix, concurrency and the retry schedule
 */
export function createWebhookDeliveriesWorker(
  processor: Processor<WebhookDeliveryJob>,
  options: WebhookWorkerOptions,
): Worker<WebhookDeliveryJob> {
  return new Worker<WebhookDeliveryJob>(WEBHOOK_DELIVERIES_QUEUE, processor, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    settings: {
      backoffStrategy: (attemptsMade: number) => options.retryDelayMs(attemptsMade),
    },
    autorun: true,
  });
}
