/**
 * The queue on a real Redis Cluster: three throw-away `redis-server` nodes in cluster mode, joined
 * with `redis-cli --cluster create`. Jobs are added, counted, replayed and processed through a
 * cluster connection built from `REDIS_CLUSTER_NODES`-style settings.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { freePort, testQueuePrefix, until } from '@adt/testing';
import {
  createAdtEventsQueue,
  createAdtEventsWorker,
  createProducerConnection,
  createWorkerConnection,
  enqueueMessages,
} from './adt-events-queue.js';
import { readQueueDepth, requeueMessages } from './queue-operations.js';
import type { RedisConnection, RedisTarget } from './redis-connection.js';

const run = promisify(execFile);
const hasRedisTools =
  spawnSync('redis-server', ['--version']).status === 0 && spawnSync('redis-cli', ['--version']).status === 0;

// Needs the Redis server binaries (CI installs Redis); without them there is no cluster to start.
describe.skipIf(!hasRedisTools)('the ADT events queue on Redis Cluster', () => {
  const nodes: ChildProcess[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'adt-redis-cluster-'));
  let ports: number[] = [];
  let target: RedisTarget;
  let producer: RedisConnection;

  beforeAll(async () => {
    ports = [await freePort(), await freePort(), await freePort()];
    for (const port of ports) {
      nodes.push(
        spawn(
          'redis-server',
          [
            '--port',
            String(port),
            '--bind',
            '127.0.0.1',
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            `nodes-${String(port)}.conf`,
            '--dir',
            dir,
            '--save',
            '',
            '--appendonly',
            'no',
          ],
          { stdio: 'ignore' },
        ),
      );
    }
    for (const port of ports) {
      await until(
        async () => (await run('redis-cli', ['-p', String(port), 'ping'])).stdout.includes('PONG'),
        10_000,
        `node ${String(port)}`,
      );
    }
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((port) => `127.0.0.1:${String(port)}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    for (const port of ports) {
      await until(
        async () =>
          (await run('redis-cli', ['-p', String(port), 'cluster', 'info'])).stdout.includes(
            'cluster_state:ok',
          ),
        20_000,
        'cluster ready',
      );
    }
    target = {
      url: 'redis://unused:6379',
      sentinels: [],
      sentinelName: null,
      sentinelPassword: null,
      clusterNodes: [{ host: '127.0.0.1', port: ports[0] ?? 0 }],
    };
    producer = createProducerConnection(target);
  }, 60_000);

  afterAll(() => {
    producer.disconnect();
    for (const node of nodes) node.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds, counts, replays and processes jobs through a cluster connection', async () => {
    const prefix = testQueuePrefix('cluster');
    const queue = createAdtEventsQueue({ connection: producer, prefix });
    const ids = Array.from({ length: 20 }, (_, i) => String(i + 1));
    await enqueueMessages(queue, ids);
    expect((await readQueueDepth(queue)).counts.waiting).toBe(20);
    expect(await requeueMessages(queue, ['1', '21'], { attempts: 1 })).toBe(1);

    const done = new Set<string>();
    const connection = createWorkerConnection(target);
    const worker = createAdtEventsWorker(
      (job) => {
        done.add(job.data.messageId);
        return Promise.resolve();
      },
      { connection, prefix, concurrency: 4, lockMs: 8_000, stalledCheckMs: 3_000 },
    );
    try {
      await until(() => Promise.resolve(done.size === 21), 20_000, 'jobs processed');
      expect((await readQueueDepth(queue)).counts).toMatchObject({ waiting: 0, active: 0, completed: 21 });
    } finally {
      await worker.close();
      connection.disconnect();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it('would fail without the hash tag: BullMQ scripts touch keys in several slots', async () => {
    const untagged = new Queue('adt-events', { connection: producer, prefix: testQueuePrefix('untagged') });
    try {
      await expect(untagged.add('apply-message', { messageId: '1' })).rejects.toThrow(/CROSSSLOT/);
    } finally {
      await untagged.close();
    }
  });
});
