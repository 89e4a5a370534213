/**
 * How the services reach Redis: one server (`REDIS_URL`), a Sentinel-managed primary, or a Redis
 * Cluster. The options are built by a pure function, so each mode is tested without a server.
 */
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';

/** A Redis connection of any mode; BullMQ and the rate limits take either. */
export type RedisConnection = Redis | Cluster;

/** A `host:port` pair of a Sentinel or a cluster node. */
export interface RedisNode {
  host: string;
  port: number;
}

/**
 * Where Redis is. `url` always carries the credentials, the database number and TLS (`rediss://`);
 * with sentinels or cluster nodes given, its host and port are not used.
 */
export interface RedisTarget {
  url: string;
  /** Sentinels to ask for the current primary; empty: not Sentinel. */
  sentinels: readonly RedisNode[];
  /** The primary's name in Sentinel (`sentinel monitor <name> …`). */
  sentinelName: string | null;
  /** Password of the Sentinels themselves, when they require one. */
  sentinelPassword: string | null;
  /** Cluster nodes to discover the cluster from; empty: not a cluster. */
  clusterNodes: readonly RedisNode[];
}

/**
 * What a connection is for. A producer fails fast while Redis is down, so the caller knows a job
 * is not enqueued (the sweep re-enqueues it later); a BullMQ worker blocks on commands and must
 * retry forever (BullMQ requires `maxRetriesPerRequest: null`).
 */
export type RedisRole = 'producer' | 'worker';

/** The ioredis constructor arguments for a target and role. */
export type RedisConnectionPlan =
  | { mode: 'standalone'; url: string; options: RedisOptions }
  | { mode: 'sentinel'; options: RedisOptions }
  | { mode: 'cluster'; nodes: RedisNode[]; options: ClusterOptions };

function roleOptions(role: RedisRole): RedisOptions {
  return role === 'producer'
    ? { maxRetriesPerRequest: 1, enableOfflineQueue: false }
    : { maxRetriesPerRequest: null };
}

/** Credentials, database and TLS from the URL, for the modes that do not connect to its host. */
function urlOptions(url: string): RedisOptions {
  const parsed = new URL(url);
  const options: RedisOptions = {};
  if (parsed.username) options.username = decodeURIComponent(parsed.username);
  if (parsed.password) options.password = decodeURIComponent(parsed.password);
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '') options.db = Number(db);
  if (parsed.protocol === 'rediss:') options.tls = {};
  return options;
}

/**
 * Builds the connection options for a target: Sentinel when sentinels are given, Cluster when
 * nodes are, else the URL's one server.
 * @param target - where Redis is
 * @param role - producer (fail fast) or worker (retry forever)
 */
export function redisConnectionPlan(target: string | RedisTarget, role: RedisRole): RedisConnectionPlan {
  const resolved: RedisTarget =
    typeof target === 'string'
      ? { url: target, sentinels: [], sentinelName: null, sentinelPassword: null, clusterNodes: [] }
      : target;
  if (resolved.sentinels.length > 0) {
    const fromUrl = urlOptions(resolved.url);
    return {
      mode: 'sentinel',
      options: {
        ...fromUrl,
        ...roleOptions(role),
        sentinels: resolved.sentinels.map((node) => ({ host: node.host, port: node.port })),
        name: resolved.sentinelName ?? 'mymaster',
        ...(resolved.sentinelPassword === null ? {} : { sentinelPassword: resolved.sentinelPassword }),
        // rediss:// means TLS to the Sentinels as well as to the primary.
        ...(fromUrl.tls ? { enableTLSForSentinelMode: true, sentinelTLS: {} } : {}),
      },
    };
  }
  if (resolved.clusterNodes.length > 0) {
    // A cluster has one database: a number in the URL does not apply.
    const { db: _db, ...fromUrl } = urlOptions(resolved.url);
    const { enableOfflineQueue, ...perNode } = roleOptions(role);
    return {
      mode: 'cluster',
      nodes: resolved.clusterNodes.map((node) => ({ host: node.host, port: node.port })),
      options: {
        redisOptions: { ...fromUrl, ...perNode },
        ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
      },
    };
  }
  return { mode: 'standalone', url: resolved.url, options: roleOptions(role) };
}

/**
 * Opens a connection; errors are reported through failed commands and readiness checks.
 * @param target - where Redis is
 * @param role - producer (fail fast) or worker (retry forever)
 */
export function openRedisConnection(target: string, role: RedisRole): Redis;
export function openRedisConnection(target: string | RedisTarget, role: RedisRole): RedisConnection;
export function openRedisConnection(target: string | RedisTarget, role: RedisRole): RedisConnection {
  const plan = redisConnectionPlan(target, role);
  let connection: RedisConnection;
  switch (plan.mode) {
    case 'standalone':
      connection = new Redis(plan.url, plan.options);
      break;
    case 'sentinel':
      connection = new Redis(plan.options);
      break;
    case 'cluster':
      connection = new Cluster(plan.nodes, plan.options);
      break;
    default:
      plan satisfies never;
      throw new Error('unknown Redis mode');
  }
  // Without a listener ioredis would print every reconnect attempt.
  connection.on('error', () => undefined);
  return connection;
}
