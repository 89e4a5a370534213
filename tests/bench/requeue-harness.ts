/**
 * The listener's sweep against a backlog: a queue holding N waiting jobs, then `requeueMessages` on
 * a page of 500 of them (the sweep's page), nearly all still waiting, as the sweep sees them while the
 * worker works off a backlog. Prints how long the page took: its reads are Redis' work alone, and
 * Redis runs one command at a time, so every worker command waits behind them.
 *
 *   node --conditions=@adt/source --import tsx tests/bench/requeue-harness.ts [waiting jobs]
 *
 * Needs Redis as for the tests (`REDIS_URL`, else the local server).
 */
import { createAdtEventsQueue, createProducerConnection, enqueueMessages, requeueMessages } from '@adt/queue';
import { testQueuePrefix, testRedisUrl } from '@adt/testing';

const PAGE = 500;
const waiting = Number(process.argv[2] ?? 200_000);

const redis = createProducerConnection(testRedisUrl());
const queue = createAdtEventsQueue({ connection: redis, prefix: testQueuePrefix('requeue-harness') });
try {
  for (let from = 1; from <= waiting; from += 10_000) {
    const ids = Array.from({ length: Math.min(10_000, waiting - from + 1) }, (_, i) => String(from + i));
    await enqueueMessages(queue, ids);
  }
  // The page from the middle of the backlog, plus a few ids that have no job.
  const page = Array.from({ length: PAGE }, (_, i) => String(i < PAGE - 5 ? waiting / 2 + i : waiting + i));
  const started = process.hrtime.bigint();
  const added = await requeueMessages(queue, page, { attempts: 1 });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(
    `${waiting.toLocaleString('en-US')} waiting jobs, a page of ${PAGE}: ${added} added, ` +
      `${wallMs.toFixed(1)} ms`,
  );
} finally {
  await queue.obliterate({ force: true });
  await queue.close();
  redis.disconnect();
}
