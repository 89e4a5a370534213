/**
 * What operations do with the queue beyond the listener's enqueue: replay finished jobs and read
 * the queue's depth for metrics.
 */
import type { Queue } from 'bullmq';
import {
  enqueueMessages,
  jobIdForMessage,
  type ApplyMessageJob,
  type EnqueueOptions,
} from './adt-events-queue.js';

/**
 * Enqueues stored messages again (replay). A finished job keeps its id in Redis for the dashboard
 * (`removeOnComplete` / `removeOnFail`), and adding a job whose id exists is a no-op, so a finished
 * job of the message is removed first. A job still waiting or running is left alone: it will run.
 * @param queue - the ADT events queue
 * @param messageIds - messages already reset to `received` in Postgres
 * @param options - attempts before the job is failed for good
 */
export async function requeueMessages(
  queue: Queue<ApplyMessageJob>,
  messageIds: readonly string[],
  options: EnqueueOptions,
): Promise<void> {
  for (const messageId of messageIds) {
    const job = await queue.getJob(jobIdForMessage(messageId));
    if (!job) continue;
    const state = await job.getState();
    if (state === 'completed' || state === 'failed') await job.remove();
  }
  await enqueueMessages(queue, messageIds, options);
}

/** Job counts by state and the oldest waiting job, for the queue gauges. */
export interface QueueDepth {
  counts: Record<QueueJobState, number>;
  /** When the oldest job still waiting for a worker was added; null when none waits. */
  oldestWaitingAt: Date | null;
}

/** The job states the gauges report. */
export type QueueJobState = 'waiting' | 'active' | 'delayed' | 'prioritized' | 'failed' | 'completed';

const STATES: readonly QueueJobState[] = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'failed',
  'completed',
];

/**
 * Reads the queue's job counts and its oldest waiting job.
 * @param queue - the ADT events queue
 */
export async function readQueueDepth(queue: Queue<ApplyMessageJob>): Promise<QueueDepth> {
  const raw = await queue.getJobCounts(...STATES);
  const counts = Object.fromEntries(STATES.map((state) => [state, raw[state] ?? 0])) as Record<
    QueueJobState,
    number
  >;
  // BullMQ lists waiting jobs oldest first from index 0.
  const [oldest] = await queue.getWaiting(0, 0);
  return { counts, oldestWaitingAt: oldest ? new Date(oldest.timestamp) : null };
}
