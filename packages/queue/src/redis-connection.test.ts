import { describe, expect, it } from 'vitest';
import { redisConnectionPlan, type RedisTarget } from './redis-connection.js';

const target = (fields: Partial<RedisTarget>): RedisTarget => ({
  url: 'redis://127.0.0.1:6379',
  sentinels: [],
  sentinelName: null,
  sentinelPassword: null,
  clusterNodes: [],
  ...fields,
});

describe('redisConnectionPlan', () => {
  it('connects to the URL alone when neither Sentinels nor cluster nodes are given', () => {
    expect(redisConnectionPlan('redis://cache:6380/1', 'producer')).toEqual({
      mode: 'standalone',
      url: 'redis://cache:6380/1',
      options: { maxRetriesPerRequest: 1, enableOfflineQueue: false },
    });
    expect(redisConnectionPlan(target({}), 'worker')).toEqual({
      mode: 'standalone',
      url: 'redis://127.0.0.1:6379',
      options: { maxRetriesPerRequest: null },
    });
  });

  it('asks the Sentinels for the primary, with the credentials and database of the URL', () => {
    const plan = redisConnectionPlan(
      target({
        url: 'redis://queue-user:p%40ss@unused:6379/3',
        sentinels: [
          { host: 's1', port: 26379 },
          { host: 's2', port: 26379 },
        ],
        sentinelName: 'adt-primary',
        sentinelPassword: 'sentinel-secret',
      }),
      'producer',
    );
    expect(plan).toEqual({
      mode: 'sentinel',
      options: {
        username: 'queue-user',
        password: 'p@ss',
        db: 3,
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        sentinels: [
          { host: 's1', port: 26379 },
          { host: 's2', port: 26379 },
        ],
        name: 'adt-primary',
        sentinelPassword: 'sentinel-secret',
      },
    });
  });

  it('uses TLS to the Sentinels and the primary for a rediss:// URL', () => {
    const plan = redisConnectionPlan(
      target({ url: 'rediss://:pw@unused', sentinels: [{ host: 's1', port: 26379 }], sentinelName: 'm' }),
      'worker',
    );
    expect(plan.mode).toBe('sentinel');
    expect(plan.options).toMatchObject({
      password: 'pw',
      tls: {},
      enableTLSForSentinelMode: true,
      sentinelTLS: {},
      maxRetriesPerRequest: null,
    });
  });

  it('discovers a cluster from its nodes; per-node options carry the password and the retry rule', () => {
    const nodes = [
      { host: '10.0.0.1', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
    ];
    expect(
      redisConnectionPlan(target({ url: 'rediss://:pw@unused:6379/5', clusterNodes: nodes }), 'producer'),
    ).toEqual({
      mode: 'cluster',
      nodes,
      // A cluster has one database: the URL's 5 is not passed on.
      options: {
        redisOptions: { password: 'pw', tls: {}, maxRetriesPerRequest: 1 },
        enableOfflineQueue: false,
      },
    });
    expect(redisConnectionPlan(target({ clusterNodes: nodes }), 'worker')).toEqual({
      mode: 'cluster',
      nodes,
      options: { redisOptions: { maxRetriesPerRequest: null } },
    });
  });
});
