import { afterAll, describe, expect, it } from 'vitest';
import { testQueuePrefix, testRedisUrl } from '@adt/testing';
import {
  createAdtEventsQueue,
  createProducerConnection,
  enqueueMessages,
  isRedisReachable,
  jobIdForMessage,
  queueKeyPrefix,
} from './adt-events-queue.js';

describe('queueKeyPrefix', () => {
  it('wraps the prefix in a hash tag unless it holds one already', () => {
    expect(queueKeyPrefix('adt')).toBe('{adt}');
    expect(queueKeyPrefix('{adt}')).toBe('{adt}');
    expect(queueKeyPrefix('site-{north}')).toBe('site-{north}');
    // Empty braces are no hash tag in Redis Cluster.
    expect(queueKeyPrefix('adt{}')).toBe('{adt{}}');
  });
});

describe('ADT events queue', () => {
  const prefix = testQueuePrefix('queue');
  const redis = createProducerConnection(testRedisUrl());
  const queue = createAdtEventsQueue({ connection: redis, prefix });

  it('keeps every key of the queue under the prefix as a hash tag', async () => {
    await enqueueMessages(queue, ['40']);
    const keys = await redis.keys(`*${prefix}*`);
    expect(keys.length).toBeGreaterThan(1);
    expect(keys.every((key) => key.startsWith(`{${prefix}}:adt-events:`))).toBe(true);
    await queue.drain();
  });

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
