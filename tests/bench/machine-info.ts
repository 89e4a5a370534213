import os from 'node:os';
import { openRedis, type ProductStack } from './product-stack.js';

/** The machine and servers a run measured on; `warnings` says what makes it unlike production. */
export type MachineInfo = Record<string, unknown> & { warnings: string[] };

/**
 * What the figures were measured on: cores, memory, Node, Postgres (and its durability settings),
 * Redis (and whether it persists), and the load average, which says how quiet the machine was.
 * Autovacuum is recorded because a long run on a server without it measures table bloat as much
 * as the product: every processed message leaves a dead row version behind.
 * @param stack - the product (its pool reads Postgres' settings)
 */
export async function machineInfo(stack: ProductStack): Promise<MachineInfo> {
  const pg = await stack.pool.query<{ server_version: string }>('SHOW server_version');
  const settings = await stack.pool.query<{ name: string; setting: string }>(
    "SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync', 'wal_sync_method', 'shared_buffers', 'max_connections', 'autovacuum', 'jit')",
  );
  let redisVersion: string | null = null;
  let redisPersistence: string | null = null;
  const redis = await openRedis();
  try {
    const info = await redis.info('server');
    redisVersion = /redis_version:(\S+)/.exec(info)?.[1] ?? null;
    const aof = await redis.config('GET', 'appendonly');
    const save = await redis.config('GET', 'save');
    redisPersistence = `appendonly=${String((aof as string[])[1])} save="${String((save as string[])[1])}"`;
  } catch {
    // an unreadable Redis version is not worth failing a run for
  } finally {
    redis.disconnect();
  }
  const postgresSettings = Object.fromEntries(settings.rows.map((r) => [r.name, r.setting]));
  return {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? null,
    memory_gb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    postgres: pg.rows[0]?.server_version ?? null,
    postgres_settings: postgresSettings,
    warnings: postgresWarnings(postgresSettings),
    redis: redisVersion,
    redis_persistence: redisPersistence,
    load_average_at_start: os.loadavg().map((v) => Math.round(v * 100) / 100),
  };
}

/**
 * Server settings that make a run unrepresentative of a production install, as sentences.
 * @param settings - Postgres settings by name, as `pg_settings` shows them
 */
export function postgresWarnings(settings: Record<string, string>): string[] {
  const warnings: string[] = [];
  if (settings.autovacuum === 'off') {
    warnings.push(
      'Postgres runs with autovacuum off: dead row versions pile up over a long run, which no production server allows',
    );
  }
  if (settings.synchronous_commit !== undefined && settings.synchronous_commit !== 'on') {
    warnings.push(
      `Postgres runs with synchronous_commit = ${settings.synchronous_commit}: commits are not durable when ACKed`,
    );
  }
  return warnings;
}
