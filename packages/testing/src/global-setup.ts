import { execFileSync } from 'node:child_process';
import net from 'node:net';
import type { StartedTestContainer } from 'testcontainers';
import {
  TEST_RUN_ID_VARIABLE,
  dropAbandonedTemplateDatabases,
  dropTemplateDatabases,
  newTestRunId,
} from './test-database.js';

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function dockerAvailable(): boolean {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Vitest global setup: use `DATABASE_URL`/`REDIS_URL` or the local services; where neither
 * answers and a Docker engine exists, start throw-away containers with testcontainers. Names the
 * run (the test workers inherit its environment) so its test databases copy one migrated
 * template, dropped at the end.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const started: StartedTestContainer[] = [];
  const pgUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const needPg = !(await reachable(pgUrl));
  const needRedis = !(await reachable(redisUrl));
  if ((needPg || needRedis) && dockerAvailable()) {
    const { GenericContainer, Wait } = await import('testcontainers');
    if (needPg) {
      const container = await new GenericContainer('postgres:16-alpine')
        .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
        .withExposedPorts(5432)
        .withWaitStrategy(Wait.forLogMessage(/ready to accept connections/, 2))
        .start();
      started.push(container);
      process.env.DATABASE_URL = `postgres://postgres@${container.getHost()}:${container.getMappedPort(5432)}/postgres`;
    }
    if (needRedis) {
      const container = await new GenericContainer('redis:7-alpine').withExposedPorts(6379).start();
      started.push(container);
      process.env.REDIS_URL = `redis://${container.getHost()}:${container.getMappedPort(6379)}`;
    }
  } else if (needPg || needRedis) {
    throw new Error(
      `Tests need Postgres (${pgUrl}) and Redis (${redisUrl}); start them or set DATABASE_URL/REDIS_URL.`,
    );
  }
  await dropAbandonedTemplateDatabases();
  const runId = newTestRunId();
  process.env[TEST_RUN_ID_VARIABLE] = runId;
  return async () => {
    await dropTemplateDatabases(runId);
    await Promise.all(started.map((c) => c.stop()));
  };
}
