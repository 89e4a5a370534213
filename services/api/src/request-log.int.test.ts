import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@adt/config';
import { migrateDatabase } from '@adt/db';
import { createLogger } from '@adt/logging';
import { createMetricsRegistry } from '@adt/observability';
import { createAdtEventsQueue, createProducerConnection } from '@adt/queue';
import { createTestDatabase, testQueuePrefix, testRedisUrl, type TestDatabase } from '@adt/testing';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { createUserToken } from './testing/api-harness.js';

describe('API request log', () => {
  const lines: string[] = [];
  let db: TestDatabase;
  let app: FastifyInstance;
  let close: () => Promise<void>;

  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'apilog');
    const config = loadConfig({
      DATABASE_URL: db.url,
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: testQueuePrefix('apilog'),
    });
    const redis = createProducerConnection(config.redisUrl);
    const queue = createAdtEventsQueue({ connection: redis, prefix: config.queuePrefix });
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    app = await buildApp(
      { config, pool: db.pool, queue, redis },
      {
        log: createLogger({ service: 'api-log-test', destination }),
        registry: createMetricsRegistry('api-log-test'),
      },
    );
    close = async () => {
      await app.close();
      await queue.close();
      redis.disconnect();
      await db.drop();
    };
  });

  afterAll(async () => {
    await close();
  });

  it('logs the route pattern and status, never the query or the token', async () => {
    const token = await createUserToken(db.pool, { role: 'admin', team: null, name: 'log-test' });
    const response = await app.inject({
      url: '/api/follow-ups?mrn=MRN-SECRET-4711',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(200);
    const text = lines.join('');
    expect(text).toContain('"route":"/api/follow-ups"');
    expect(text).toContain('"statusCode":200');
    expect(text).not.toContain('MRN-SECRET-4711');
    expect(text).not.toContain(token);
  });
});
