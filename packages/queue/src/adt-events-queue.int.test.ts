import { afterAll, describe, expect, it } from 'vitest';
import { testQueuePrefix, testRedisUrl } from '@adt/testing';
import {
  createAdtEventsQueue,
  createProducerConnection,
  enqueueMessages,
  isRedisReachable,
  jobIdForMessage,
} from './adt-events-queue.js';

describe('ADT events queue', () => {
  const redis = createProducerConnection(testRedisUrl());
  const queue = createAdtEventsQueue({ connection: redis, prefix: testQueuePrefix('queue') });

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
  });

  it('keys jobs by message id, so enqueueing a message twice adds one job carrying only its id', async () => {
    await enqueueMessages(queue, ['41', '42']);
    await enqueueMessages(queue, ['42']);
    const counts = await queue.getJobCounts('waiting');
    expect(counts.waiting).toBe(2);
    const job = await queue.getJob(jobIdForMessage('42'));
    expect(job?.data).toEqual({ messageId: '42' });
    expect(job?.opts.attempts).toBe(8);
  });

  it('reports reachability', async () => {
    expect(await isRedisReachable(redis)).toBe(true);
    const dead = createProducerConnection('redis://127.0.0.1:1');
    expect(await isRedisReachable(dead)).toBe(false);
    dead.disconnect();
  });
});
