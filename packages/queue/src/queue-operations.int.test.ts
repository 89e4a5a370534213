import { afterAll, describe, expect, it } from 'vitest';
import { Worker } from 'bullmq';
import { testQueuePrefix, testRedisUrl } from '@adt/testing';
import {
  ADT_EVENTS_QUEUE,
  createAdtEventsQueue,
  createProducerConnection,
  createWorkerConnection,
  enqueueMessages,
  jobIdForMessage,
  queueKeyPrefix,
} from './adt-events-queue.js';
import { readQueueDepth, requeueMessages } from './queue-operations.js';

describe('queue operations', () => {
  const prefix = testQueuePrefix('queueops');
  const redis = createProducerConnection(testRedisUrl());
  const queue = createAdtEventsQueue({ connection: redis, prefix });

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
  });

  it('reads the depth by state and the oldest waiting job', async () => {
    expect(await readQueueDepth(queue)).toMatchObject({
      counts: { waiting: 0, active: 0, failed: 0 },
      oldestWaitingAt: null,
    });
    const before = Date.now();
    await enqueueMessages(queue, ['1']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await enqueueMessages(queue, ['2', '3']);
    const depth = await readQueueDepth(queue);
    expect(depth.counts.waiting).toBe(3);
    const first = await queue.getJob(jobIdForMessage('1'));
    expect(depth.oldestWaitingAt?.getTime()).toBe(first?.timestamp);
    expect(depth.oldestWaitingAt?.getTime()).toBeGreaterThanOrEqual(before - 5);
    await queue.drain();
  });

  it('adds only the messages whose job is missing, and says how many', async () => {
    await enqueueMessages(queue, ['20', '21']);
    const waiting = await queue.getJob(jobIdForMessage('20'));
    expect(await requeueMessages(queue, ['20', '21', '22'], { attempts: 1 })).toBe(1);
    expect((await readQueueDepth(queue)).counts.waiting).toBe(3);
    // The waiting job was left as it was, not replaced.
    expect((await queue.getJob(jobIdForMessage('20')))?.timestamp).toBe(waiting?.timestamp);
    expect(await requeueMessages(queue, ['20', '21', '22'], { attempts: 1 })).toBe(0);
    await queue.drain();
  });

  it('replays a message whose job failed for good, where a plain enqueue is a no-op', async () => {
    let runs = 0;
    const connection = createWorkerConnection(testRedisUrl());
    const worker = new Worker(
      ADT_EVENTS_QUEUE,
      () => {
        runs += 1;
        if (runs === 1) throw new Error('database down');
        return Promise.resolve('ok');
      },
      { connection, prefix: queueKeyPrefix(prefix) },
    );
    const settled = (state: 'failed' | 'completed') =>
      new Promise<void>((resolve) =>
        worker.once(state, () => {
          resolve();
        }),
      );
    try {
      const failed = settled('failed');
      await enqueueMessages(queue, ['9'], { attempts: 1 });
      await failed;
      await enqueueMessages(queue, ['9'], { attempts: 1 });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(runs).toBe(1);

      const completed = settled('completed');
      expect(await requeueMessages(queue, ['9'], { attempts: 1 })).toBe(1);
      await completed;
      expect(runs).toBe(2);
    } finally {
      await worker.close();
      connection.disconnect();
    }
  });
});
