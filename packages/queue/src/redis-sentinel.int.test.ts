/**
 * The queue through Redis Sentinel: a throw-away primary and one Sentinel monitoring it. The
 * connection asks the Sentinel for the primary (`REDIS_SENTINELS`, `REDIS_SENTINEL_NAME`), as the
 * services do.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, testQueuePrefix, until } from '@adt/testing';
import { createAdtEventsQueue, createProducerConnection, enqueueMessages } from './adt-events-queue.js';
import { readQueueDepth } from './queue-operations.js';
import type { RedisTarget } from './redis-connection.js';

const run = promisify(execFile);
const hasRedisTools =
  spawnSync('redis-server', ['--version']).status === 0 && spawnSync('redis-cli', ['--version']).status === 0;

// Needs the Redis server binaries (CI installs Redis); without them there is no Sentinel to start.
describe.skipIf(!hasRedisTools)('the ADT events queue through Redis Sentinel', () => {
  const processes: ChildProcess[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'adt-redis-sentinel-'));
  let target: RedisTarget;

  beforeAll(async () => {
    const primaryPort = await freePort();
    const sentinelPort = await freePort();
    processes.push(
      spawn(
        'redis-server',
        ['--port', String(primaryPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      ),
    );
    // A Sentinel rewrites its configuration file, so it gets one of its own.
    const config = path.join(dir, 'sentinel.conf');
    writeFileSync(
      config,
      [
        `port ${String(sentinelPort)}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor adt-test 127.0.0.1 ${String(primaryPort)} 1`,
        '',
      ].join('\n'),
    );
    processes.push(spawn('redis-server', [config, '--sentinel'], { stdio: 'ignore' }));
    await until(
      async () =>
        (
          await run('redis-cli', [
            '-p',
            String(sentinelPort),
            'sentinel',
            'get-master-addr-by-name',
            'adt-test',
          ])
        ).stdout.includes(String(primaryPort)),
      20_000,
      'sentinel ready',
    );
    target = {
      // Only credentials, database and TLS come from the URL: its host is not used.
      url: 'redis://unused:6379/2',
      sentinels: [{ host: '127.0.0.1', port: sentinelPort }],
      sentinelName: 'adt-test',
      sentinelPassword: null,
      clusterNodes: [],
    };
  }, 60_000);

  afterAll(() => {
    for (const child of processes) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the primary through the Sentinel and queues jobs in the database of the URL', async () => {
    const redis = createProducerConnection(target);
    const queue = createAdtEventsQueue({ connection: redis, prefix: testQueuePrefix('sentinel') });
    try {
      await enqueueMessages(queue, ['1', '2', '3']);
      expect((await readQueueDepth(queue)).counts.waiting).toBe(3);
      const info = await redis.info('keyspace');
      expect(info).toMatch(/^db2:keys=/m);
    } finally {
      await queue.close();
      redis.disconnect();
    }
  });
});
