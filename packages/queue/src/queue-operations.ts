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
  const standings = await jobStandings(queue, messageIds);
  const toAdd: string[] = [];
  const finished: string[] = [];
  for (const [i, id] of messageIds.entries()) {
    const standing = standings[i];
    // A job still waiting, delayed or running will run: it is left alone.
    if (standing === 'finished') finished.push(id);
    if (standing === 'finished' || standing === 'missing') toAdd.push(id);
  }
  await Promise.all(finished.map((id) => queue.remove(jobIdForMessage(id))));
  await enqueueMessages(queue, toAdd, options);
  return toAdd.length;
}

/**
 * Whether each message's job is missing, finished (completed or failed for good) or still to run,
 * from the job's own record: one constant-time read per job, all sent together. BullMQ's
 * `getJobState` searches the waiting list (`LPOS`), which under a backlog of 900,000 jobs took
 * 1.9 ms of Redis time per job: the sweep's 500 ids a run held Redis for a second, and the worker's
 * commands waited behind it.
 * @param queue - the ADT events queue
 * @param messageIds - the messages
 */
async function jobStandings(
  queue: Queue<ApplyMessageJob>,
  messageIds: readonly string[],
): Promise<('missing' | 'finished' | 'pending')[]> {
  const client = await queue.getBackend().client;
  // Every job record has `timestamp` (when it was added); `finishedOn` is set when it completes or
  // fails for good, and cleared when it is retried. The reads go out together on one connection.
  const records = await Promise.all(
    messageIds.map((id) => client.hmget(queue.toKey(jobIdForMessage(id)), 'timestamp', 'finishedOn')),
  );
  return records.map(([addedAt, finishedOn]) => {
    if (!addedAt) return 'missing';
    return finishedOn ? 'finished' : 'pending';
  });
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
