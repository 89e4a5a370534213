import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, variableNames } from './config.js';

describe('loadConfig', () => {
  it('defaults to the local services and the contract ports', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/adt_followup');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.mllp.port).toBe(2575);
    expect(config.listener.httpPort).toBe(2580);
    expect(config.worker.httpPort).toBe(2581);
    expect(config.api.port).toBe(3000);
    expect(config.practice.timeZone).toBe('America/New_York');
    expect([...config.practice.observationCodes]).toEqual(['OBS']);
    expect([...config.practice.languages]).toEqual(['en', 'eng', 'english']);
  });

  it('binds the unauthenticated ops ports to loopback unless told otherwise', () => {
    expect(loadConfig({}).ops.host).toBe('127.0.0.1');
    expect(loadConfig({ OPS_HTTP_HOST: '0.0.0.0' }).ops.host).toBe('0.0.0.0');
    // The MLLP and API ports face senders and browsers: they keep listening on every interface.
    expect(loadConfig({}).mllp.host).toBe('0.0.0.0');
    expect(loadConfig({}).api.host).toBe('0.0.0.0');
  });

  it('defaults the API rate limits to production values and reads them from the environment', () => {
    expect(loadConfig({}).api.rateLimits).toEqual({ signInPerMinute: 10, apiPerMinute: 1200 });
    expect(
      loadConfig({ SIGN_IN_RATE_LIMIT_PER_MINUTE: '5', API_RATE_LIMIT_PER_MINUTE: '60000' }).api.rateLimits,
    ).toEqual({ signInPerMinute: 5, apiPerMinute: 60000 });
    expect(() => loadConfig({ API_RATE_LIMIT_PER_MINUTE: '0' })).toThrow(/API_RATE_LIMIT_PER_MINUTE/);
  });

  it('reaches one Redis server by default, or the primary named by Sentinels, or a cluster', () => {
    expect(loadConfig({}).redis).toEqual({
      url: 'redis://127.0.0.1:6379',
      sentinels: [],
      sentinelName: null,
      sentinelPassword: null,
      clusterNodes: [],
    });
    const sentinel = loadConfig({
      REDIS_URL: 'redis://:secret@ignored:6379/2',
      REDIS_SENTINELS: 'sentinel-a:26379, [::1]:26380',
      REDIS_SENTINEL_NAME: 'adt',
    }).redis;
    expect(sentinel.sentinels).toEqual([
      { host: 'sentinel-a', port: 26379 },
      { host: '::1', port: 26380 },
    ]);
    expect(sentinel.sentinelName).toBe('adt');
    expect(loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:6379,10.0.0.2:6379' }).redis.clusterNodes).toEqual([
      { host: '10.0.0.1', port: 6379 },
      { host: '10.0.0.2', port: 6379 },
    ]);
    expect(() => loadConfig({ REDIS_SENTINELS: 'a:26379' })).toThrow(/REDIS_SENTINEL_NAME: required/);
    expect(() => loadConfig({ REDIS_SENTINELS: 'a' })).toThrow(/REDIS_SENTINELS.*host:port/);
    expect(() =>
      loadConfig({ REDIS_SENTINELS: 'a:1', REDIS_SENTINEL_NAME: 'm', REDIS_CLUSTER_NODES: 'b:2' }),
    ).toThrow(/REDIS_CLUSTER_NODES: cannot be used with REDIS_SENTINELS/);
  });

  it('escalates overdue work after 4 hours unless ESCALATE_OVERDUE_AFTER_MINUTES says otherwise', () => {
    expect(loadConfig({}).practice.escalateOverdueAfterMinutes).toBe(240);
    expect(loadConfig({ ESCALATE_OVERDUE_AFTER_MINUTES: '90' }).practice.escalateOverdueAfterMinutes).toBe(
      90,
    );
    expect(() => loadConfig({ ESCALATE_OVERDUE_AFTER_MINUTES: '0' })).toThrow(
      /ESCALATE_OVERDUE_AFTER_MINUTES/,
    );
  });

  it('leaves DEFAULT_TEAM unset (the database decides) unless it names a team', () => {
    expect(loadConfig({}).practice.defaultTeam).toBeNull();
    expect(loadConfig({ DEFAULT_TEAM: '' }).practice.defaultTeam).toBeNull();
    expect(loadConfig({ DEFAULT_TEAM: ' north ' }).practice.defaultTeam).toBe('north');
  });

  it('reads holidays and booleans', () => {
    const config = loadConfig({ PRACTICE_HOLIDAYS: '2026-12-25, 2027-01-01', MIGRATE_ON_START: 'false' });
    expect(config.practice.holidays.has('2026-12-25')).toBe(true);
    expect(config.practice.holidays.has('2027-01-01')).toBe(true);
    expect(config.migrateOnStart).toBe(false);
  });

  it("reads the practice's language as a list of codes and names", () => {
    const config = loadConfig({ PRACTICE_LANGUAGE: 'es, spa,Spanish' });
    expect([...config.practice.languages]).toEqual(['es', 'spa', 'Spanish']);
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ MLLP_PORT: 'seventy', PRACTICE_TZ: 'Mars/Olympus', PRACTICE_HOLIDAYS: '25/12/2026' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('MLLP_PORT');
    expect(message).toContain('PRACTICE_TZ');
    expect(message).toContain('PRACTICE_HOLIDAYS');
  });
});

describe('loadConfig: retention and alerts', () => {
  it('defaults to 90 days of raw HL7 and alert thresholds matching the Prometheus rules', () => {
    const config = loadConfig({});
    expect(config.retention).toEqual({ days: 90, pruneIntervalMs: 3_600_000 });
    expect(config.alerts).toMatchObject({
      webhookUrl: null,
      feedSilentMinutes: 30,
      queueBacklog: 1000,
      queueMaxAgeMinutes: 10,
      failureWindowMinutes: 15,
      failureRate: 0,
    });
    expect(config.alerts.feedSilentMinutesByFacility.size).toBe(0);
  });

  it('reads per-facility silence limits and a webhook', () => {
    const config = loadConfig({
      ALERT_FEED_SILENT_MINUTES_BY_FACILITY: 'NIGHT_CLINIC=600, GENERAL_HOSP=0.5',
      ALERT_WEBHOOK_URL: 'https://hooks.example.org/adt',
      RETENTION_DAYS: '30',
    });
    expect([...config.alerts.feedSilentMinutesByFacility]).toEqual([
      ['NIGHT_CLINIC', 600],
      ['GENERAL_HOSP', 0.5],
    ]);
    expect(config.alerts.webhookUrl).toBe('https://hooks.example.org/adt');
    expect(config.retention.days).toBe(30);
  });

  it('reads the alert email settings and requires a sender and recipients with a server', () => {
    const config = loadConfig({
      ALERT_SMTP_URL: 'smtp://alerts:secret@mail.example.org:587',
      ALERT_EMAIL_FROM: 'adt-followup@example.org',
      ALERT_EMAIL_TO: 'ops@example.org, oncall@example.org',
    });
    expect(config.alerts.email).toEqual({
      smtpUrl: 'smtp://alerts:secret@mail.example.org:587',
      from: 'adt-followup@example.org',
      to: ['ops@example.org', 'oncall@example.org'],
    });
    expect(loadConfig({}).alerts.email).toBeNull();
    expect(() => loadConfig({ ALERT_SMTP_URL: 'smtp://mail.example.org' })).toThrow(
      /ALERT_EMAIL_FROM[\s\S]*ALERT_EMAIL_TO/,
    );
    expect(() => loadConfig({ ALERT_SMTP_URL: 'https://mail.example.org' })).toThrow(/ALERT_SMTP_URL/);
  });

  it('names bad retention and alert variables', () => {
    expect(() =>
      loadConfig({
        RETENTION_DAYS: '0',
        ALERT_FEED_SILENT_MINUTES_BY_FACILITY: 'GENERAL_HOSP',
        ALERT_FAILURE_RATE: '2',
      }),
    ).toThrow(/RETENTION_DAYS[\s\S]*ALERT_FEED_SILENT_MINUTES_BY_FACILITY[\s\S]*ALERT_FAILURE_RATE/);
  });
});

describe('loadConfig: MLLP defences', () => {
  it('defaults to a 30 s frame deadline, connection limits, no allow-lists and plain TCP', () => {
    const { mllp } = loadConfig({});
    expect(mllp.frameTimeoutMs).toBe(30_000);
    expect(mllp.firstFrameTimeoutMs).toBe(30_000);
    expect(mllp.maxBufferedBytes).toBe(16 * 1024 * 1024);
    expect(mllp.maxConnections).toBe(200);
    expect(mllp.maxConnectionsPerAddress).toBe(20);
    expect(mllp.allowedAddresses).toEqual([]);
    expect(mllp.allowedFacilities.size).toBe(0);
    expect(mllp.tls).toBeNull();
  });

  it('caps buffered bytes at twice the frame limit unless set, and never below one frame', () => {
    expect(loadConfig({ MLLP_MAX_FRAME_BYTES: '1000' }).mllp.maxBufferedBytes).toBe(2000);
    const { mllp } = loadConfig({
      MLLP_MAX_FRAME_BYTES: '5000',
      MLLP_MAX_BUFFERED_BYTES: '5000',
      MLLP_FIRST_FRAME_TIMEOUT_MS: '200',
    });
    expect(mllp.maxBufferedBytes).toBe(5000);
    expect(mllp.firstFrameTimeoutMs).toBe(200);
    expect(() => loadConfig({ MLLP_MAX_FRAME_BYTES: '1000', MLLP_MAX_BUFFERED_BYTES: '999' })).toThrow(
      /MLLP_MAX_BUFFERED_BYTES: must be at least MLLP_MAX_FRAME_BYTES/,
    );
  });

  it('reads address and facility allow-lists and TLS files', () => {
    const { mllp } = loadConfig({
      MLLP_ALLOWED_ADDRESSES: '10.0.0.0/8, 192.0.2.7, 2001:db8::/32',
      MLLP_ALLOWED_FACILITIES: 'GENERAL_HOSP,NORTH_CLINIC',
      MLLP_TLS_CERT_FILE: '/etc/adt/server.pem',
      MLLP_TLS_KEY_FILE: '/etc/adt/server.key',
      MLLP_TLS_CA_FILE: '/etc/adt/ca.pem',
      MLLP_TLS_REQUIRE_CLIENT_CERT: 'true',
    });
    expect(mllp.allowedAddresses).toEqual(['10.0.0.0/8', '192.0.2.7', '2001:db8::/32']);
    expect([...mllp.allowedFacilities]).toEqual(['GENERAL_HOSP', 'NORTH_CLINIC']);
    expect(mllp.tls).toEqual({
      certFile: '/etc/adt/server.pem',
      keyFile: '/etc/adt/server.key',
      caFile: '/etc/adt/ca.pem',
      requireClientCert: true,
    });
  });

  it('names bad addresses and incomplete TLS settings', () => {
    expect(() => loadConfig({ MLLP_ALLOWED_ADDRESSES: '10.0.0.0/33' })).toThrow(/MLLP_ALLOWED_ADDRESSES/);
    expect(() => loadConfig({ MLLP_ALLOWED_ADDRESSES: 'hospital.example' })).toThrow(
      /MLLP_ALLOWED_ADDRESSES/,
    );
    expect(() => loadConfig({ MLLP_TLS_CERT_FILE: '/etc/adt/server.pem' })).toThrow(/MLLP_TLS_KEY_FILE/);
    expect(() =>
      loadConfig({
        MLLP_TLS_CERT_FILE: '/etc/adt/server.pem',
        MLLP_TLS_KEY_FILE: '/etc/adt/server.key',
        MLLP_TLS_REQUIRE_CLIENT_CERT: 'true',
      }),
    ).toThrow(/MLLP_TLS_CA_FILE/);
  });
});

describe('loadConfig: file drop', () => {
  const hostKey = `SHA256:${'A'.repeat(43)}`;

  it('is off unless FILE_DROP_DIR is set, with a 10 s stability wait and a 64 MiB limit', () => {
    expect(loadConfig({}).fileDrop).toEqual({
      dir: null,
      pollIntervalMs: 5_000,
      stableMs: 10_000,
      maxBytes: 64 * 1024 * 1024,
      sftp: null,
    });
    expect(loadConfig({ FILE_DROP_DIR: '/var/lib/adt/file-drop' }).fileDrop.dir).toBe(
      '/var/lib/adt/file-drop',
    );
  });

  it('reads the SFTP pull, which needs the host key and the directory', () => {
    const sftp = loadConfig({
      FILE_DROP_DIR: '/drop',
      FILE_DROP_SFTP_URL: 'sftp://practice@hie.example.org/outbox',
      FILE_DROP_SFTP_HOST_KEY: hostKey,
      FILE_DROP_SFTP_KEY_FILE: '/run/secrets/hie_key',
    }).fileDrop.sftp;
    expect(sftp).toEqual({
      url: 'sftp://practice@hie.example.org/outbox',
      privateKeyFile: '/run/secrets/hie_key',
      hostKeySha256: hostKey,
      intervalMs: 300_000,
    });
    expect(() => loadConfig({ FILE_DROP_SFTP_URL: 'sftp://practice@hie.example.org/outbox' })).toThrow(
      /FILE_DROP_SFTP_HOST_KEY: required when FILE_DROP_SFTP_URL is set[\s\S]*FILE_DROP_DIR: required/,
    );
    expect(() => loadConfig({ FILE_DROP_SFTP_URL: 'https://hie.example.org' })).toThrow(/FILE_DROP_SFTP_URL/);
    expect(() => loadConfig({ FILE_DROP_SFTP_HOST_KEY: 'ab:cd' })).toThrow(/FILE_DROP_SFTP_HOST_KEY/);
    expect(() => loadConfig({ FILE_DROP_MAX_BYTES: '0' })).toThrow(/FILE_DROP_MAX_BYTES/);
  });
});

describe('loadConfig: sections', () => {
  it('validates only the sections a service reads, and the settings every process reads', () => {
    const env = { HTTP_PORT: 'not-a-port', SESSION_MAX_AGE_MS: '-1', MLLP_PORT: '2599' };
    const config = loadConfig(env, { sections: ['mllp', 'ops', 'listener'] });
    expect(config.mllp.port).toBe(2599);
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/adt_followup');
    expect(Object.keys(config)).not.toContain('api');
    expect(() => loadConfig(env, { sections: ['api'] })).toThrow(/HTTP_PORT[\s\S]*SESSION_MAX_AGE_MS/);
    expect(() => loadConfig(env)).toThrow(/HTTP_PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'nowhere' }, { sections: [] })).toThrow(/DATABASE_URL/);
  });

  it('checks the combinations of a section only when it is chosen', () => {
    const env = { ALERT_SMTP_URL: 'smtp://mail.example.org', MLLP_TLS_CERT_FILE: '/etc/adt/server.pem' };
    expect(loadConfig(env, { sections: ['practice'] }).practice.timeZone).toBe('America/New_York');
    expect(() => loadConfig(env, { sections: ['alerts'] })).toThrow(/ALERT_EMAIL_FROM/);
    expect(() => loadConfig(env, { sections: ['mllp'] })).toThrow(/MLLP_TLS_KEY_FILE/);
  });

  it('sizes the database pool from DATABASE_POOL_MAX, 10 by default', () => {
    expect(loadConfig({}).databasePoolMax).toBe(10);
    expect(loadConfig({ DATABASE_POOL_MAX: '25' }, { sections: [] }).databasePoolMax).toBe(25);
    expect(() => loadConfig({ DATABASE_POOL_MAX: '0' })).toThrow(/DATABASE_POOL_MAX/);
  });
});

describe('loadConfig: sign-in', () => {
  const oidc = {
    OIDC_ISSUER: 'https://login.example.org/realms/practice',
    OIDC_CLIENT_ID: 'adt-followup',
    OIDC_REDIRECT_URI: 'https://inbox.example.org/auth/oidc/callback',
  };

  it('signs in with passwords only unless an identity provider is configured', () => {
    const config = loadConfig({});
    expect(config.signIn).toEqual({ password: true, oidc: null });
  });

  it('reads the identity provider, its claims and the group maps in the order written', () => {
    const config = loadConfig({
      ...oidc,
      OIDC_CLIENT_SECRET: 's3cret',
      OIDC_ROLE_MAP: 'adt-admins:admin, /clinical/adt-nav:navigator',
      OIDC_TEAM_MAP: 'north-nurses:north,float-pool:north,float-pool:south',
      OIDC_SCOPES: 'openid email groups',
      PASSWORD_SIGN_IN: 'false',
    }).signIn;
    expect(config.password).toBe(false);
    expect(config.oidc).toEqual({
      issuer: oidc.OIDC_ISSUER,
      clientId: 'adt-followup',
      clientSecret: 's3cret',
      redirectUri: oidc.OIDC_REDIRECT_URI,
      providerName: 'SSO',
      scopes: ['openid', 'email', 'groups'],
      usernameClaim: 'email',
      groupsClaim: 'groups',
      roleMap: [
        { group: 'adt-admins', value: 'admin' },
        { group: '/clinical/adt-nav', value: 'navigator' },
      ],
      teamMap: [
        { group: 'north-nurses', value: 'north' },
        { group: 'float-pool', value: 'north' },
        { group: 'float-pool', value: 'south' },
      ],
    });
  });

  it('names a bad map entry, an unknown role and a group mapped to two roles', () => {
    expect(() => loadConfig({ ...oidc, OIDC_ROLE_MAP: 'adt-admins:root' })).toThrow(
      /OIDC_ROLE_MAP: "adt-admins:root" is not GROUP:VALUE \(the value must be one of navigator, ops, admin\)/,
    );
    expect(() => loadConfig({ ...oidc, OIDC_ROLE_MAP: 'adt-admins' })).toThrow(/OIDC_ROLE_MAP/);
    expect(() => loadConfig({ ...oidc, OIDC_TEAM_MAP: 'north-nurses:' })).toThrow(/OIDC_TEAM_MAP/);
    expect(() => loadConfig({ ...oidc, OIDC_ROLE_MAP: 'g:admin,g:navigator' })).toThrow(
      /OIDC_ROLE_MAP: names a group twice/,
    );
  });

  it('needs a complete, secure provider setting, and a provider before passwords can be turned off', () => {
    expect(() => loadConfig({ OIDC_ISSUER: oidc.OIDC_ISSUER })).toThrow(
      /OIDC_CLIENT_ID: required[\s\S]*OIDC_REDIRECT_URI: required/,
    );
    expect(() => loadConfig({ OIDC_ROLE_MAP: 'a:admin' })).toThrow(
      /OIDC_ISSUER: required when OIDC_ROLE_MAP/,
    );
    expect(() => loadConfig({ PASSWORD_SIGN_IN: 'false' })).toThrow(
      /OIDC_ISSUER: required when PASSWORD_SIGN_IN is false/,
    );
    expect(() => loadConfig({ ...oidc, OIDC_ISSUER: 'http://login.example.org' })).toThrow(
      /OIDC_ISSUER: must be an https URL/,
    );
    expect(loadConfig({ ...oidc, OIDC_ISSUER: 'http://127.0.0.1:8080' }).signIn.oidc?.issuer).toBe(
      'http://127.0.0.1:8080',
    );
    expect(() => loadConfig({ ...oidc, OIDC_REDIRECT_URI: 'https://inbox.example.org/callback' })).toThrow(
      /OIDC_REDIRECT_URI: must end in \/auth\/oidc\/callback/,
    );
    expect(() => loadConfig({ ...oidc, OIDC_SCOPES: 'email' })).toThrow(/OIDC_SCOPES: must include openid/);
  });
});

describe('configuration docs', () => {
  const repositoryFile = (name: string) => readFileSync(new URL(`../../../${name}`, import.meta.url), 'utf8');

  it('lists every variable in .env.example and docker-compose.yml', () => {
    const envExample = repositoryFile('.env.example');
    const compose = repositoryFile('docker-compose.yml');
    expect(variableNames.length).toBeGreaterThan(50);
    expect(variableNames.filter((name) => !new RegExp(`^${name}=`, 'm').test(envExample))).toEqual([]);
    expect(variableNames.filter((name) => !new RegExp(`^  ${name}:`, 'm').test(compose))).toEqual([]);
  });
});
