/**
 * The configuration of a listener under test: its own database and queue prefix, MLLP and HTTP on
 * free loopback ports. For the listener's integration tests only.
 */
import { loadConfig, type AppConfig } from '@adt/config';
import { testQueuePrefix, testRedisUrl, type TestDatabase } from '@adt/testing';

/**
 * Loads the listener's configuration for one test file.
 * @param label - names the queue prefix
 * @param env - further settings, by variable name
 */
export function listenerTestConfig(
  db: TestDatabase,
  label: string,
  env: Record<string, string> = {},
): AppConfig {
  return loadConfig({
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: testQueuePrefix(label),
    MLLP_HOST: '127.0.0.1',
    MLLP_PORT: '0',
    LISTENER_HTTP_PORT: '0',
    ...env,
  });
}
