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
 * Enqueues stored messages again (replay, and the listener's sweep). A finished job keeps its id in
 * Redis for the dashboard (`removeOnComplete` / `removeOnFail`), and adding a job whose id exists
 * is a no-op, so a finished job of the message is removed first. A job still waiting or running is
 * left alone: it will run.
 * @param queue - the ADT events queue
 * @param messageIds - messages already reset to `received` in Postgres
 * @param options - attempts before the job is failed for good
 * @returns how many of the messages were added: those whose job was missing or finished
 */
export async function requeueMessages(
  queue: Queue<ApplyMessageJob>,
  messageIds: readonly string[],
  options: EnqueueOptions,
): Promise<number> {
  // The reads are sent together (one connection pipelines them): under a backlog the sweep passes
  // hundreds of ids every few seconds, nearly all of them still waiting.
  const states = await Promise.all(messageIds.map((id) => queue.getJobState(jobIdForMessage(id))));
  const toAdd: string[] = [];
  const finished: string[] = [];
  for (const [i, id] of messageIds.entries()) {
    const state = states[i];
    const isFinished = state === 'completed' || state === 'failed';
    // A job still waiting, delayed or running will run: it is left alone.
    if (isFinished) finished.push(id);
    if (isFinished || state === 'unknown') toAdd.push(id);
  }
  await Promise.all(finished.map((id) => queue.remove(jobIdForMessage(id))));
  await enqueueMessages(queue, toAdd, options);
  return toAdd.length;
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
