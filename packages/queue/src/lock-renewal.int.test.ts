/**
 * Short locks take over a dead worker's jobs quickly; they must not take a job from a live worker
 * that is still running it. The lock is renewed every half of `lockMs`, so a job running several
 * lock durations stays with its worker.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { testQueuePrefix, testRedisUrl } from '@adt/testing';
import {
  createAdtEventsQueue,
  createAdtEventsWorker,
  createProducerConnection,
  createWorkerConnection,
  enqueueMessages,
} from './adt-events-queue.js';

const LOCK_MS = 1_000;
const STALLED_CHECK_MS = 250;
const JOB_MS = 3_500;

describe('job locks', () => {
  const prefix = testQueuePrefix('locks');
  const redis = createProducerConnection(testRedisUrl());
  const queue = createAdtEventsQueue({ connection: redis, prefix });

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
  });

  it('keeps a job that runs longer than the lock with its worker, while another worker checks for stalls', async () => {
    const runs: string[] = [];
    const stalled: string[] = [];
    const connections = [createWorkerConnection(testRedisUrl()), createWorkerConnection(testRedisUrl())];
    const workers = connections.map((connection, i) =>
      createAdtEventsWorker(
        async (job) => {
          runs.push(`${String(i)}:${job.data.messageId}`);
          await new Promise((resolve) => setTimeout(resolve, JOB_MS));
        },
        { connection, prefix, concurrency: 1, lockMs: LOCK_MS, stalledCheckMs: STALLED_CHECK_MS },
      ),
    );
    for (const worker of workers) {
      worker.on('stalled', (jobId) => {
        stalled.push(jobId);
      });
    }
    try {
      await enqueueMessages(queue, ['1']);
      const deadline = Date.now() + JOB_MS + 10_000;
      while ((await queue.getJobCounts('completed')).completed !== 1 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect((await queue.getJobCounts('completed')).completed).toBe(1);
      expect(runs).toHaveLength(1);
      expect(stalled).toEqual([]);
    } finally {
      await Promise.all(workers.map((worker) => worker.close()));
      for (const connection of connections) connection.disconnect();
    }
  });
});
