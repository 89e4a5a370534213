import { z } from 'zod';
import {
  derived,
  problemsOf,
  valueOf,
  variable,
  variablesOf,
  type Read,
  type Spec,
  type ValueOf,
} from './config-spec.js';
import {
  bool,
  csv,
  facilityMinutes,
  groupMap,
  isAddressOrCidr,
  isHttpsOrLoopback,
  isIanaZone,
  minutes,
  port,
  positiveMs,
  ROLES,
  redisNodes,
} from './env-values.js';

// Each variable is declared once, below: its name, its schema (bounds, default, conversion) and
// what it means. The flat validation, the `AppConfig` type and the nested value are derived from it.

const setOf = <T>(values: readonly T[]): ReadonlySet<T> => new Set(values);

// Variables that feed a derived setting (and maybe a plain one) are declared first.
/** Largest accepted MLLP frame in bytes (8 MiB); larger frames get `AR`. */
const maxFrameBytes = variable(
  'MLLP_MAX_FRAME_BYTES',
  z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 1024 * 1024),
);
/** See `mllp.maxBufferedBytes`; at least one frame. */
const maxBufferedBytes = variable('MLLP_MAX_BUFFERED_BYTES', z.coerce.number().int().positive().optional());
/** PEM certificate of the MLLP port; with `MLLP_TLS_KEY_FILE`, turns TLS on. */
const tlsCertFile = variable('MLLP_TLS_CERT_FILE', z.string().min(1).optional());
/** PEM private key of that certificate. */
const tlsKeyFile = variable('MLLP_TLS_KEY_FILE', z.string().min(1).optional());
/** CA bundle client certificates must chain to. */
const tlsCaFile = variable('MLLP_TLS_CA_FILE', z.string().min(1).optional());
/** Mutual TLS: refuse senders without a certificate from the CA. */
const tlsRequireClientCert = variable('MLLP_TLS_REQUIRE_CLIENT_CERT', bool(false));
/** Mail server of the alert notices (`smtp://` or `smtps://`). */
const smtpUrl = variable(
  'ALERT_SMTP_URL',
  z
    .url()
    .refine((url) => /^smtps?:\/\//.test(url), 'must start with smtp:// or smtps://')
    .optional(),
);
/** Sender of the alert notices; required with `ALERT_SMTP_URL`. */
const emailFrom = variable('ALERT_EMAIL_FROM', z.email().optional());
/** Recipients of the alert notices; required with `ALERT_SMTP_URL`. */
const emailTo = variable(
  'ALERT_EMAIL_TO',
  csv.pipe(z.array(z.email({ message: 'must be a comma-separated list of email addresses' }))),
);

/** See `fileDrop.dir`; also read by the SFTP pull's checks. */
const fileDropDir = variable('FILE_DROP_DIR', z.string().trim().optional());
/** `sftp://user[:password]@host[:port]/directory` the file drop pulls files from. */
const sftpUrl = variable(
  'FILE_DROP_SFTP_URL',
  z
    .url()
    .refine((url) => url.startsWith('sftp://'), 'must start with sftp://')
    .optional(),
);
/** PEM or OpenSSH private key of the SFTP account (instead of a password in the URL). */
const sftpPrivateKeyFile = variable('FILE_DROP_SFTP_KEY_FILE', z.string().min(1).optional());
/** The SFTP server's host key fingerprint as `ssh-keygen -lf` prints it (`SHA256:…`). */
const sftpHostKey = variable(
  'FILE_DROP_SFTP_HOST_KEY',
  z
    .string()
    .regex(
      /^SHA256:[A-Za-z0-9+/]{43}=?$/,
      'must be a SHA256 fingerprint as ssh-keygen -lf prints it (SHA256:…)',
    )
    .optional(),
);
/** How often files are pulled from the SFTP server. */
const sftpIntervalMs = variable('FILE_DROP_SFTP_INTERVAL_MS', positiveMs(5 * 60_000));
/** Redis for the job queue (transport only: jobs carry message ids, never patient data). */
const redisUrl = variable('REDIS_URL', z.url().default('redis://127.0.0.1:6379'));
/** Sentinels (`host:port,…`) that name the current Redis primary; turns Sentinel mode on. */
const redisSentinels = variable('REDIS_SENTINELS', redisNodes);
/** The primary's name in Sentinel; required with `REDIS_SENTINELS`. */
const redisSentinelName = variable('REDIS_SENTINEL_NAME', z.string().min(1).optional());
/** Password of the Sentinels themselves, when they require one (the primary's is in `REDIS_URL`). */
const redisSentinelPassword = variable('REDIS_SENTINEL_PASSWORD', z.string().min(1).optional());
/** Redis Cluster nodes (`host:port,…`) to discover the cluster from; turns Cluster mode on. */
const redisClusterNodes = variable('REDIS_CLUSTER_NODES', redisNodes);

const requiredWhen = (needed: boolean, missing: string, because: string): string[] =>
  needed ? [`${missing}: required when ${because}`] : [];

const httpsUrl = z
  .url()
  .refine(isHttpsOrLoopback, 'must be an https URL (http only for localhost, 127.0.0.1 or [::1])');
/** The identity provider's issuer URL (OIDC discovery); turns single sign-on on. */
const oidcIssuer = variable('OIDC_ISSUER', httpsUrl.optional());
/** This installation's client id at the identity provider. */
const oidcClientId = variable('OIDC_CLIENT_ID', z.string().min(1).optional());
/** Its client secret; unset: a public client (PKCE only, no client authentication). */
const oidcClientSecret = variable('OIDC_CLIENT_SECRET', z.string().min(1).optional());
/** The callback registered at the provider: the API's public address + `/auth/oidc/callback`. */
const oidcRedirectUri = variable(
  'OIDC_REDIRECT_URI',
  httpsUrl
    .refine((url) => new URL(url).pathname === '/auth/oidc/callback', 'must end in /auth/oidc/callback')
    .refine((url) => !new URL(url).search && !new URL(url).hash, 'must have no query or fragment')
    .optional(),
);
/** Shown on the sign-in button: "Sign in with <name>". */
const oidcProviderName = variable('OIDC_PROVIDER_NAME', z.string().trim().min(1).max(60).default('SSO'));
/** Scopes asked for; `openid` is required. */
const oidcScopes = variable(
  'OIDC_SCOPES',
  z
    .string()
    .default('openid email profile')
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .refine((scopes) => scopes.includes('openid'), 'must include openid'),
);
/** The claim that names the account on the first sign-in (later ones match by issuer and `sub`). */
const oidcUsernameClaim = variable('OIDC_USERNAME_CLAIM', z.string().trim().min(1).default('email'));
/** The claim listing the person's groups (a list of strings). */
const oidcGroupsClaim = variable('OIDC_GROUPS_CLAIM', z.string().trim().min(1).default('groups'));
/** `GROUP:ROLE,…`: the first entry whose group the person is in gives the role. */
const oidcRoleMap = variable(
  'OIDC_ROLE_MAP',
  groupMap(z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` })).refine(
    (mappings) => new Set(mappings.map((m) => m.group)).size === mappings.length,
    'names a group twice',
  ),
);
/** `GROUP:TEAM,…`: the person belongs to the team of every entry whose group they are in. */
const oidcTeamMap = variable(
  'OIDC_TEAM_MAP',
  groupMap(
    z
      .string()
      .min(1, 'must not be empty')
      .max(100, 'must be at most 100 characters')
      .regex(/^[^\p{Cc}]+$/u, 'must be on one line'),
  ),
);
/** Password sign-in on the sign-in page and `POST /api/session`. */
const passwordSignIn = variable('PASSWORD_SIGN_IN', bool(true));

/** Settings every process reads. */
const core = {
  /** Postgres database (created by `npm start` if missing). */
  databaseUrl: variable('DATABASE_URL', z.url().default('postgres://postgres@127.0.0.1:5432/adt_followup')),
  /**
   * Connections in a service's Postgres pool (the worker opens at least `WORKER_CONCURRENCY + 2`
   * so every job can hold one).
   */
  databasePoolMax: variable('DATABASE_POOL_MAX', z.coerce.number().int().min(1).max(1000).default(10)),
  redisUrl,
  /**
   * Where Redis is: the server of `REDIS_URL`, or the primary the Sentinels name, or a Redis
   * Cluster. `REDIS_URL` always gives the credentials, the database number and TLS (`rediss://`).
   */
  redis: derived(
    [redisUrl, redisSentinels, redisSentinelName, redisSentinelPassword, redisClusterNodes],
    (read) => ({
      url: read(redisUrl),
      sentinels: read(redisSentinels),
      sentinelName: read(redisSentinelName) ?? null,
      sentinelPassword: read(redisSentinelPassword) ?? null,
      clusterNodes: read(redisClusterNodes),
    }),
    (read) => [
      ...requiredWhen(
        read(redisSentinels).length > 0 && !read(redisSentinelName),
        'REDIS_SENTINEL_NAME',
        'REDIS_SENTINELS is set',
      ),
      ...(read(redisSentinels).length > 0 && read(redisClusterNodes).length > 0
        ? ['REDIS_CLUSTER_NODES: cannot be used with REDIS_SENTINELS (a cluster has no Sentinels)']
        : []),
    ],
  ),
  /** Prefix of the queue's Redis keys; each installation sharing a Redis needs its own. */
  queuePrefix: variable('QUEUE_PREFIX', z.string().min(1).default('adt')),
  /**
   * Postgres for migrations, when `DATABASE_URL` goes through a pooler in transaction mode
   * (PgBouncer): migrations hold a session-level advisory lock, so they need a direct connection.
   * Default: `DATABASE_URL`.
   */
  migrationDatabaseUrl: variable(
    'MIGRATION_DATABASE_URL',
    z
      .url()
      .optional()
      .transform((url) => url ?? null),
  ),
  /** Apply pending database migrations when a service starts; else `adt migrate`. */
  migrateOnStart: variable('MIGRATE_ON_START', bool(true)),
  /**
   * How often the listener and the worker re-read the per-facility settings (`adt facility set`):
   * a change takes effect within this long, without a restart.
   */
  facilitySettingsRefreshMs: variable('FACILITY_SETTINGS_REFRESH_MS', positiveMs(30_000)),
  /** pino log level. */
  logLevel: variable(
    'LOG_LEVEL',
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
};

/** Settings grouped by the part of the product that reads them; a service validates only its own. */
const sections = {
  mllp: {
    /** Address the MLLP listener binds to (senders connect from other machines). */
    host: variable('MLLP_HOST', z.string().min(1).default('0.0.0.0')),
    /** MLLP port (2575 is the IANA port for HL7 over TCP). */
    port: variable('MLLP_PORT', port(2575)),
    maxFrameBytes,
    /** An MLLP connection without data this long is closed. */
    idleTimeoutMs: variable('MLLP_IDLE_TIMEOUT_MS', positiveMs(10 * 60_000)),
    /** MSH-11 values accepted; others get `AR` (a test feed sent to production, or the reverse). */
    processingIds: variable(
      'MLLP_PROCESSING_IDS',
      csv
        .transform((ids) => (ids.length > 0 ? ids : ['P']))
        .pipe(z.array(z.enum(['P', 'T', 'D'])))
        .transform((ids): ReadonlySet<string> => new Set(ids)),
    ),
    /**
     * A frame must end this long after its first byte, else the connection is closed (slow senders).
     * A new start block does not restart the clock: only a completed frame does.
     */
    frameTimeoutMs: variable('MLLP_FRAME_TIMEOUT_MS', positiveMs(30_000)),
    /** A connection must complete its first frame this long after it opens, else it is closed. */
    firstFrameTimeoutMs: variable('MLLP_FIRST_FRAME_TIMEOUT_MS', positiveMs(30_000)),
    /**
     * Bytes one connection may hold in unfinished frames (the current one and any it abandoned since
     * its last complete frame) before it is closed; frames waiting for their turn pause reading at
     * the same amount. Twice `maxFrameBytes` unless set.
     */
    maxBufferedBytes: derived(
      [maxBufferedBytes, maxFrameBytes],
      (read): number => read(maxBufferedBytes) ?? 2 * read(maxFrameBytes),
      (read) => {
        const buffered = read(maxBufferedBytes);
        return buffered !== undefined && buffered < read(maxFrameBytes)
          ? ['MLLP_MAX_BUFFERED_BYTES: must be at least MLLP_MAX_FRAME_BYTES (one whole frame)']
          : [];
      },
    ),
    /** Open connections overall and from one peer address; excess connections are closed at once. */
    maxConnections: variable('MLLP_MAX_CONNECTIONS', z.coerce.number().int().min(1).default(200)),
    maxConnectionsPerAddress: variable(
      'MLLP_MAX_CONNECTIONS_PER_ADDRESS',
      z.coerce.number().int().min(1).default(20),
    ),
    /** Peer addresses or CIDR blocks allowed to connect; empty: any. */
    allowedAddresses: variable(
      'MLLP_ALLOWED_ADDRESSES',
      csv
        .pipe(
          z.array(
            z.string().refine(isAddressOrCidr, {
              message: 'must be a comma-separated list of IP addresses or CIDR blocks',
            }),
          ),
        )
        .transform((entries): readonly string[] => entries),
    ),
    /** MSH-4 values accepted; others get `AR`. Empty: any. */
    allowedFacilities: variable('MLLP_ALLOWED_FACILITIES', csv.transform(setOf)),
    /** TLS on the MLLP port (PEM files, reloaded when they change); null: plain TCP. */
    tls: derived(
      [tlsCertFile, tlsKeyFile, tlsCaFile, tlsRequireClientCert],
      (read) => {
        const certFile = read(tlsCertFile);
        const keyFile = read(tlsKeyFile);
        return certFile && keyFile
          ? {
              certFile,
              keyFile,
              /** CA bundle that client certificates must chain to; null: the system's. */
              caFile: read(tlsCaFile) ?? null,
              /** Refuse senders that present no certificate signed by the CA (mutual TLS). */
              requireClientCert: read(tlsRequireClientCert),
            }
          : null;
      },
      (read) => [
        ...requiredWhen(
          !!read(tlsCertFile) && !read(tlsKeyFile),
          'MLLP_TLS_KEY_FILE',
          'MLLP_TLS_CERT_FILE is set',
        ),
        ...requiredWhen(
          !!read(tlsKeyFile) && !read(tlsCertFile),
          'MLLP_TLS_CERT_FILE',
          'MLLP_TLS_KEY_FILE is set',
        ),
        ...requiredWhen(
          read(tlsRequireClientCert) && !read(tlsCaFile),
          'MLLP_TLS_CA_FILE',
          'MLLP_TLS_REQUIRE_CLIENT_CERT is true',
        ),
        ...requiredWhen(
          !!read(tlsCaFile) && !read(tlsCertFile),
          'MLLP_TLS_CERT_FILE',
          'MLLP_TLS_CA_FILE is set',
        ),
      ],
    ),
  },
  /** Address the listener's and the worker's ops HTTP servers bind to (loopback by default). */
  ops: {
    // The ops ports (/healthz, /readyz, unauthenticated /metrics) answer on this machine only
    // unless told otherwise; containers set 0.0.0.0 and publish the port to loopback or a scraper.
    host: variable('OPS_HTTP_HOST', z.string().min(1).default('127.0.0.1')),
  },
  listener: {
    /** The listener's ops HTTP port (/healthz, /readyz, /metrics). */
    httpPort: variable('LISTENER_HTTP_PORT', port(2580)),
    /** How often the sweep looks for stored messages that never reached the queue… */
    sweepIntervalMs: variable('SWEEP_INTERVAL_MS', positiveMs(5_000)),
    /** …and how old such a message must be before it is enqueued again. */
    sweepGraceMs: variable('SWEEP_GRACE_MS', positiveMs(10_000)),
  },
  /** Batch files of HL7 messages picked up from a directory (and pulled into it over SFTP). */
  fileDrop: {
    /**
     * Directory the listener picks HL7 files up from (`done/`, `failed/` and `processing/` are made
     * inside it); null (not set): no file drop.
     */
    dir: derived([fileDropDir], (read): string | null => read(fileDropDir) || null),
    /** How often the directory is looked at. */
    pollIntervalMs: variable('FILE_DROP_POLL_INTERVAL_MS', positiveMs(5_000)),
    /** A file is picked up once unchanged for this long (a writer still copying it changes it). */
    stableMs: variable('FILE_DROP_STABLE_MS', z.coerce.number().int().min(0).default(10_000)),
    /** Largest file read (64 MiB); a larger one goes to `failed/` unread. */
    maxBytes: variable(
      'FILE_DROP_MAX_BYTES',
      z.coerce
        .number()
        .int()
        .positive()
        .default(64 * 1024 * 1024),
    ),
    /** Files pulled over SFTP into the directory on a schedule; null when `FILE_DROP_SFTP_URL` is not set. */
    sftp: derived(
      [sftpUrl, sftpPrivateKeyFile, sftpHostKey, sftpIntervalMs, fileDropDir],
      (read) => {
        const url = read(sftpUrl);
        const hostKey = read(sftpHostKey);
        return url && hostKey
          ? {
              url,
              privateKeyFile: read(sftpPrivateKeyFile) ?? null,
              hostKeySha256: hostKey,
              intervalMs: read(sftpIntervalMs),
            }
          : null;
      },
      (read) =>
        read(sftpUrl)
          ? [
              ...requiredWhen(!read(sftpHostKey), 'FILE_DROP_SFTP_HOST_KEY', 'FILE_DROP_SFTP_URL is set'),
              ...requiredWhen(!read(fileDropDir), 'FILE_DROP_DIR', 'FILE_DROP_SFTP_URL is set'),
            ]
          : [],
    ),
  },
  worker: {
    /** The worker's ops HTTP port (/healthz, /readyz, /metrics). */
    httpPort: variable('WORKER_HTTP_PORT', port(2581)),
    /** Messages applied in parallel by one worker process when `WORKER_BATCH_SIZE` is 1. */
    concurrency: variable('WORKER_CONCURRENCY', z.coerce.number().int().min(1).max(256).default(4)),
    /**
     * Most messages one transaction applies: jobs that are ready together share it, one batch at a
     * time per process (1: one message per transaction, `WORKER_CONCURRENCY` in parallel).
     */
    batchSize: variable('WORKER_BATCH_SIZE', z.coerce.number().int().min(1).max(256).default(64)),
    /** Attempts per message before it is marked failed and waits for `adt replay`. */
    maxAttempts: variable('WORKER_MAX_ATTEMPTS', z.coerce.number().int().min(1).max(100).default(8)),
    /** A killed worker's job goes to another worker within this plus two stalled checks. */
    lockMs: variable('WORKER_LOCK_MS', positiveMs(8_000)),
    /** How often the worker looks for stalled jobs. */
    stalledCheckMs: variable('WORKER_STALLED_CHECK_MS', positiveMs(3_000)),
  },
  api: {
    /** Address the API binds to (browsers and scripts connect from other machines). */
    host: variable('HTTP_HOST', z.string().min(1).default('0.0.0.0')),
    /** API port. */
    port: variable('HTTP_PORT', port(3000)),
    /**
     * A read replica of the database for the reports (`/api/reports/*`), which read much and may lag
     * a little; null: the reports read the primary (`DATABASE_URL`).
     */
    databaseReadUrl: variable(
      'DATABASE_READ_URL',
      z
        .url()
        .optional()
        .transform((url) => url ?? null),
    ),
    /** Trust X-Forwarded-For/-Proto from a reverse proxy (audit client address, Secure cookies). */
    trustProxy: variable('TRUST_PROXY', bool(false)),
    /** A browser session ends after this long without activity… */
    sessionIdleTimeoutMs: variable('SESSION_IDLE_TIMEOUT_MS', positiveMs(30 * 60_000)),
    /** …and at the latest this long after sign-in. */
    sessionMaxAgeMs: variable('SESSION_MAX_AGE_MS', positiveMs(12 * 60 * 60_000)),
    /** Sign-in attempts per client address, and other /api requests per caller, per minute. */
    rateLimits: {
      signInPerMinute: variable('SIGN_IN_RATE_LIMIT_PER_MINUTE', z.coerce.number().int().min(1).default(10)),
      apiPerMinute: variable('API_RATE_LIMIT_PER_MINUTE', z.coerce.number().int().min(1).default(1200)),
    },
  },
  /** How people sign in to the inbox: passwords, an identity provider (OIDC), or both. */
  signIn: {
    password: passwordSignIn,
    /** Single sign-on with an OpenID Connect provider; null when `OIDC_ISSUER` is not set. */
    oidc: derived(
      [
        oidcIssuer,
        oidcClientId,
        oidcClientSecret,
        oidcRedirectUri,
        oidcProviderName,
        oidcScopes,
        oidcUsernameClaim,
        oidcGroupsClaim,
        oidcRoleMap,
        oidcTeamMap,
      ],
      (read) => {
        const issuer = read(oidcIssuer);
        const clientId = read(oidcClientId);
        const redirectUri = read(oidcRedirectUri);
        return issuer && clientId && redirectUri
          ? {
              issuer,
              clientId,
              clientSecret: read(oidcClientSecret) ?? null,
              redirectUri,
              providerName: read(oidcProviderName),
              scopes: read(oidcScopes),
              usernameClaim: read(oidcUsernameClaim),
              groupsClaim: read(oidcGroupsClaim),
              /** Empty: roles are managed in the product, and only existing users sign in. */
              roleMap: read(oidcRoleMap),
              /** Empty: teams are managed in the product. */
              teamMap: read(oidcTeamMap),
            }
          : null;
      },
      (read) => {
        const issuer = read(oidcIssuer);
        const others = [
          ...(read(oidcClientId) === undefined ? [] : [oidcClientId.env]),
          ...(read(oidcClientSecret) === undefined ? [] : [oidcClientSecret.env]),
          ...(read(oidcRedirectUri) === undefined ? [] : [oidcRedirectUri.env]),
        ];
        const mapped = read(oidcRoleMap).length > 0 || read(oidcTeamMap).length > 0;
        return [
          ...requiredWhen(!!issuer && !read(oidcClientId), 'OIDC_CLIENT_ID', 'OIDC_ISSUER is set'),
          ...requiredWhen(!!issuer && !read(oidcRedirectUri), 'OIDC_REDIRECT_URI', 'OIDC_ISSUER is set'),
          ...requiredWhen(
            !issuer && (others.length > 0 || mapped),
            'OIDC_ISSUER',
            `${[...others, ...(mapped ? ['OIDC_ROLE_MAP or OIDC_TEAM_MAP'] : [])].join(', ')} is set`,
          ),
          ...requiredWhen(!issuer && !read(passwordSignIn), 'OIDC_ISSUER', 'PASSWORD_SIGN_IN is false'),
        ];
      },
    ),
  },
  practice: {
    /** IANA time zone of business days, the daily list and HL7 times without an offset. */
    timeZone: variable(
      'PRACTICE_TZ',
      z.string().default('America/New_York').refine(isIanaZone, 'must be an IANA time zone'),
    ),
    /** Holidays (`YYYY-MM-DD`): not business days. */
    holidays: variable(
      'PRACTICE_HOLIDAYS',
      csv.pipe(
        z.array(z.iso.date({ message: 'must be a comma-separated list of YYYY-MM-DD' })).transform(setOf),
      ),
    ),
    /** PV1-10 / PV1-18 codes that make an outpatient stay an observation stay. */
    observationCodes: variable(
      'OBSERVATION_CODES',
      csv.transform((codes) => setOf(codes.length > 0 ? codes : ['OBS'])),
    ),
    /**
     * `PRACTICE_LANGUAGE`: PID-15 codes and names of the practice's language; a patient whose
     * preferred language is none of them is flagged as needing an interpreter.
     */
    languages: variable(
      'PRACTICE_LANGUAGE',
      csv.transform((languages) => setOf(languages.length > 0 ? languages : ['en', 'eng', 'english'])),
    ),
    /**
     * `DEFAULT_TEAM`: pins the team for follow-ups no roster entry or team rule assigns; null
     * (not set) leaves it to the team marked default in the database (the first team added).
     */
    defaultTeam: variable(
      'DEFAULT_TEAM',
      z
        .string()
        .trim()
        .optional()
        .transform((team) => (team ? team : null)),
    ),
    /**
     * A follow-up overdue by more than this many minutes is escalated to its team's lead. Four hours
     * past a due time (the end of a practice day) is before the next morning's work: what was missed
     * yesterday is on the lead's list when the day starts. At most a week.
     */
    escalateOverdueAfterMinutes: variable(
      'ESCALATE_OVERDUE_AFTER_MINUTES',
      z.coerce.number().int().min(1).max(10_080).default(240),
    ),
  },
  /**
   * Raw HL7 kept at least this many days, then erased by the worker a month at a time (see
   * docs/operations.md#retention).
   */
  retention: {
    days: variable('RETENTION_DAYS', z.coerce.number().int().min(1).max(36_500).default(90)),
    /** How often the retention job runs (it also creates the coming months' partitions). */
    pruneIntervalMs: variable('PRUNE_INTERVAL_MS', positiveMs(60 * 60_000)),
  },
  /** Outbound webhooks (docs/webhooks.md): the API checks receivers, the worker delivers. */
  webhooks: {
    /**
     * `WEBHOOK_ALLOW_PRIVATE`: allow plain `http` receivers and loopback, private and link-local
     * addresses (on-premises receivers, tests). Off: `https` only, public addresses only.
     */
    allowPrivate: variable('WEBHOOK_ALLOW_PRIVATE', bool(false)),
    /** One delivery attempt is abandoned after this long without an answer. */
    timeoutMs: variable('WEBHOOK_TIMEOUT_MS', z.coerce.number().int().min(100).max(60_000).default(10_000)),
    /** Attempts per delivery before it is dead (redelivered from the webhooks page). */
    maxAttempts: variable('WEBHOOK_MAX_ATTEMPTS', z.coerce.number().int().min(1).max(100).default(24)),
    /** Delay before the first retry; each later one doubles… */
    retryFirstDelayMs: variable(
      'WEBHOOK_RETRY_FIRST_DELAY_MS',
      z.coerce.number().int().min(1).max(10_000).default(5_000),
    ),
    /** …up to this. */
    retryMaxDelayMs: variable(
      'WEBHOOK_RETRY_MAX_DELAY_MS',
      z.coerce.number().int().min(1).max(3_600_000).default(300_000),
    ),
    /** How often the worker fans new events out to deliveries and queues the ones due. */
    dispatchIntervalMs: variable('WEBHOOK_DISPATCH_INTERVAL_MS', positiveMs(1_000)),
    /** Deliveries sent in parallel by one worker process. */
    concurrency: variable('WEBHOOK_CONCURRENCY', z.coerce.number().int().min(1).max(64).default(8)),
  },
  /** The in-product alert evaluator (runs in the listener and the worker). */
  alerts: {
    /** How often the conditions are evaluated. */
    evaluationIntervalMs: variable('ALERT_EVALUATION_INTERVAL_MS', positiveMs(60_000)),
    /** POSTed a JSON document when an alert starts and when it clears; none: state is kept only. */
    webhookUrl: variable(
      'ALERT_WEBHOOK_URL',
      z
        .url()
        .optional()
        .transform((url) => url ?? null),
    ),
    /** Mailed the same notices; null when `ALERT_SMTP_URL` is not set. */
    email: derived(
      [smtpUrl, emailFrom, emailTo],
      (read) => {
        const url = read(smtpUrl);
        const from = read(emailFrom);
        const to: readonly string[] = read(emailTo);
        return url && from ? { smtpUrl: url, from, to } : null;
      },
      (read) =>
        read(smtpUrl)
          ? [
              ...requiredWhen(!read(emailFrom), 'ALERT_EMAIL_FROM', 'ALERT_SMTP_URL is set'),
              ...requiredWhen(read(emailTo).length === 0, 'ALERT_EMAIL_TO', 'ALERT_SMTP_URL is set'),
            ]
          : [],
    ),
    /** A facility that sent messages in the last 7 days and nothing for this long is silent. */
    feedSilentMinutes: variable('ALERT_FEED_SILENT_MINUTES', minutes(30)),
    /** Per-facility overrides of `feedSilentMinutes` (`FACILITY=MINUTES,…`): feeds with their own rhythm. */
    feedSilentMinutesByFacility: variable(
      'ALERT_FEED_SILENT_MINUTES_BY_FACILITY',
      facilityMinutes.transform((byFacility): ReadonlyMap<string, number> => byFacility),
    ),
    /** Messages waiting for the worker above which the backlog alert fires… */
    queueBacklog: variable('ALERT_QUEUE_BACKLOG', z.coerce.number().int().min(1).default(1000)),
    /** …or the age of the oldest waiting one. */
    queueMaxAgeMinutes: variable('ALERT_QUEUE_MAX_AGE_MINUTES', minutes(10)),
    /** Window of the failure alert. */
    failureWindowMinutes: variable('ALERT_FAILURE_WINDOW_MINUTES', minutes(15)),
    /** Failed share of messages finished in the window above which the alert fires (0: any failure). */
    failureRate: variable('ALERT_FAILURE_RATE', z.coerce.number().min(0).max(1).default(0)),
  },
} satisfies Spec;

/** Everything the services read from the environment, validated once at start-up. */
export type AppConfig = ValueOf<typeof core & typeof sections>;
/** A part of the configuration that a service validates only if it reads it. */
export type SectionName = keyof typeof sections;
/** The settings every process reads, and the given sections. */
export type ConfigWith<S extends SectionName> = Pick<AppConfig, keyof typeof core | S>;
/** TLS, and optionally mutual TLS, on the MLLP port. */
export type MllpTlsSettings = NonNullable<AppConfig['mllp']['tls']>;
/** The file drop's directory, limits and SFTP pull. */
export type FileDropSettings = AppConfig['fileDrop'];
/** Thresholds and targets of the in-product alerts. */
export type AlertSettings = AppConfig['alerts'];
/** Single sign-on with an OpenID Connect provider. */
export type OidcSettings = NonNullable<AppConfig['signIn']['oidc']>;
/** Outbound webhook settings. */
export type WebhookSettings = AppConfig['webhooks'];

/** Every section, in the order their problems are reported. */
export const allSections = Object.keys(sections) as SectionName[];

/** Thrown when one or more variables are invalid; the message names every one. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'invalid_config';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

/**
 * Validates the environment and returns the typed configuration: every section, or only the
 * settings every process reads and the given sections (a service need not fail on another's
 * variable).
 * @param env - the variables to read; `process.env` by default
 * @throws ConfigError naming every bad variable
 */
export function loadConfig(env?: Env): AppConfig;
export function loadConfig<S extends SectionName>(
  env: Env,
  options: { sections: readonly S[] },
): ConfigWith<S>;
export function loadConfig(
  env: Env = process.env,
  options: { sections: readonly SectionName[] } = { sections: allSections },
): ConfigWith<SectionName> {
  const chosen = allSections.filter((name) => options.sections.includes(name));
  const spec: Spec = { ...core, ...Object.fromEntries(chosen.map((name) => [name, sections[name]])) };
  const shape = Object.fromEntries(variablesOf(spec).map((v) => [v.env, v.schema]));
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = z.object(shape).safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const values: Record<string, unknown> = parsed.data;
  const read: Read = (v) => values[v.env] as z.output<typeof v.schema>;
  const problems = problemsOf(spec, read);
  if (problems.length > 0) throw new ConfigError(problems);
  return valueOf(spec, read) as AppConfig;
}

/** The names of every variable, in declaration order (the docs list each one). */
export const variableNames: readonly string[] = variablesOf({ ...core, ...sections }).map((v) => v.env);
