import { Queue, Worker, type Job, type Processor } from 'bullmq';
import type { Redis } from 'ioredis';
import { openRedisConnection, type RedisConnection, type RedisTarget } from './redis-connection.js';

/** The queue that carries "apply this stored message" jobs from the listener to the worker. */
export const ADT_EVENTS_QUEUE = 'adt-events';

/** Job payload: identifiers only. Redis is transport, never a record store for patient data. */
export interface ApplyMessageJob {
  messageId: string;
}

/** Name of the one job type on {@link ADT_EVENTS_QUEUE}. */
export const APPLY_MESSAGE_JOB = 'apply-message';

/**
 * The job id for a message: the domain id, so enqueueing the same message twice is a no-op.
 * BullMQ refuses purely numeric custom ids, hence the prefix.
 * @param messageId - the stored message's id
 */
export function jobIdForMessage(messageId: string): string {
  return `m${messageId}`;
}

/**
 * A Redis connection for a producer: commands fail fast while Redis is down instead of queueing
 * in memory, so the caller knows the job is not enqueued (the sweep re-enqueues it later).
 * @param target - a redis:// URL, or the configured server, Sentinels or cluster
 */
export function createProducerConnection(url: string): Redis;
export function createProducerConnection(target: RedisTarget): RedisConnection;
export function createProducerConnection(target: string | RedisTarget): RedisConnection {
  return openRedisConnection(target, 'producer');
}

/**
 * A Redis connection for a BullMQ worker, which blocks on commands and must retry forever.
 * @param target - a redis:// URL, or the configured server, Sentinels or cluster
 */
export function createWorkerConnection(url: string): Redis;
export function createWorkerConnection(target: RedisTarget): RedisConnection;
export function createWorkerConnection(target: string | RedisTarget): RedisConnection {
  return openRedisConnection(target, 'worker');
}

/**
 * The BullMQ key prefix for an installation's queue prefix: wrapped in braces, a Redis Cluster
 * hash tag, so every key of the queue lands in one hash slot (BullMQ's scripts touch several keys
 * at once, which a cluster allows only within one slot). A prefix that already holds a hash tag is
 * used as it is.
 * @param queuePrefix - `QUEUE_PREFIX`
 */
export function queueKeyPrefix(queuePrefix: string): string {
  return /\{[^}]+\}/.test(queuePrefix) ? queuePrefix : `{${queuePrefix}}`;
}

/** Options shared by queue and worker: connection and key prefix (tests use their own prefix). */
export interface QueueOptions {
  connection: RedisConnection;
  /** `QUEUE_PREFIX`; the keys start with it as a hash tag ({@link queueKeyPrefix}). */
  prefix: string;
}

/**
 * Opens the producer side of the ADT events queue.
 * @param options - connection and prefix
 */
export function createAdtEventsQueue(options: QueueOptions): Queue<ApplyMessageJob> {
  return new Queue<ApplyMessageJob>(ADT_EVENTS_QUEUE, {
    connection: options.connection,
    prefix: queueKeyPrefix(options.prefix),
  });
}

/** Retry policy for {@link enqueueMessages}. */
export interface EnqueueOptions {
  attempts: number;
}

/**
 * Adds one job per message (deduplicated by job id), in a single round trip.
 * @param queue - the ADT events queue
 * @param messageIds - stored message ids
 * @param options - attempts before a job is failed for good
 */
export async function enqueueMessages(
  queue: Queue<ApplyMessageJob>,
  messageIds: readonly string[],
  options: EnqueueOptions = { attempts: 8 },
): Promise<void> {
  if (messageIds.length === 0) return;
  await queue.addBulk(
    messageIds.map((messageId) => ({
      name: APPLY_MESSAGE_JOB,
      data: { messageId },
      opts: {
        jobId: jobIdForMessage(messageId),
        attempts: options.attempts,
        backoff: { type: 'exponential', delay: 500 },
        // Postgres keeps the record; Redis keeps only enough history for the dashboard.
        removeOnComplete: { count: 1_000, age: 24 * 3600 },
        removeOnFail: { count: 10_000, age: 14 * 24 * 3600 },
      },
    })),
  );
}

/** Options for {@link createAdtEventsWorker}. */
export interface WorkerOptions extends QueueOptions {
  concurrency: number;
  /** How long a job stays locked to this worker without a renewal (renewed every half of it). */
  lockMs: number;
  /** How often active jobs whose lock has expired are taken back for another worker. */
  stalledCheckMs: number;
}

/**
 * Starts a BullMQ worker on the ADT events queue.
 * @param processor - applies one job
 * @param options - connection, prefix and concurrency
 */
export function createAdtEventsWorker(
  processor: Processor<ApplyMessageJob>,
  options: WorkerOptions,
): Worker<ApplyMessageJob> {
  return new Worker<ApplyMessageJob>(ADT_EVENTS_QUEUE, processor, {
    connection: options.connection,
    prefix: queueKeyPrefix(options.prefix),
    concurrency: options.concurrency,
    // A worker that dies mid-job leaves it active until its lock expires; a stalled job is
    // picked up again within lockMs plus two stalled checks. Jobs are idempotent, so a stall is
    // retried rather than failed: several stalls in a row are a crashing worker, not bad data.
    lockDuration: options.lockMs,
    stalledInterval: options.stalledCheckMs,
    maxStalledCount: 3,
    autorun: true,
  });
}

export type { Job, Queue, Worker };

/**
 * True when Redis answers PING (readiness checks).
 * @param redis - the connection to check
 */
export async function isRedisReachable(redis: RedisConnection): Promise<boolean> {
  try {
    await redis.ping();
    return true;
  } catch {
    return false;
  }
}
