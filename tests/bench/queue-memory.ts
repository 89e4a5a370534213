/**
 * Redis memory per queued job: starts a throw-away `redis-server` (nothing else in it), enqueues
 * jobs as the listener does (same options, batches of 1,000) and reads `used_memory` from
 * `INFO memory` before and after; prints bytes per job and the figure per million waiting jobs.
 *
 *   node --import tsx tests/bench/queue-memory.ts [jobs]     (100,000 by default)
 *
 * The jobs wait (no worker runs), which is what a backlog holds; a finished job is removed after
 * the last 1,000 (`removeOnComplete`), so a backlog is what Redis memory has to be sized for.
 */
import { spawn } from 'node:child_process';
import { createAdtEventsQueue, createProducerConnection, enqueueMessages } from '@adt/queue';
import { freePort, waitForPort } from '../faults/child-process-control.js';

const BATCH = 1_000;

async function usedMemory(redis: ReturnType<typeof createProducerConnection>): Promise<number> {
  const info = await redis.info('memory');
  const match = /^used_memory:(\d+)/m.exec(info);
  if (!match?.[1]) throw new Error('no used_memory in INFO memory');
  return Number(match[1]);
}

const jobs = Number(process.argv[2] ?? 100_000);
const port = await freePort();
const server = spawn(
  'redis-server',
  ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
  {
    stdio: 'ignore',
  },
);
try {
  await waitForPort(port, 10_000, server);
  const redis = createProducerConnection(`redis://127.0.0.1:${String(port)}`);
  const queue = createAdtEventsQueue({ connection: redis, prefix: 'adt' });
  await queue.waitUntilReady();
  // The queue's own keys (meta, events stream) exist before the first job is counted.
  await enqueueMessages(queue, ['0']);
  const before = await usedMemory(redis);
  for (let start = 1; start <= jobs; start += BATCH) {
    const ids = Array.from({ length: Math.min(BATCH, jobs - start + 1) }, (_, i) =>
      String(1_000_000_000 + start + i),
    );
    await enqueueMessages(queue, ids);
  }
  const after = await usedMemory(redis);
  const perJob = (after - before) / jobs;
  const version = /^redis_version:(\S+)/m.exec(await redis.info('server'))?.[1] ?? 'unknown';
  process.stdout.write(
    `${[
      `redis ${version}, ${String(jobs)} waiting jobs`,
      `used_memory ${String(before)} -> ${String(after)} bytes`,
      `${perJob.toFixed(0)} bytes per job, ${((perJob * 1_000_000) / 1024 ** 3).toFixed(2)} GiB per million`,
    ].join('\n')}\n`,
  );
  await queue.close();
  redis.disconnect();
} finally {
  server.kill('SIGKILL');
}
