import { isIP } from 'node:net';
import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const positiveMs = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');
const csv = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const minutes = (fallback: number) => z.coerce.number().positive().default(fallback);
// `FACILITY=MINUTES,…`: feeds with their own rhythm (a clinic silent every night) get their own limit.
const facilityMinutes = csv.pipe(
  z
    .array(
      z
        .string()
        .regex(/^[^=]+=\d+(\.\d+)?$/, { message: 'must be a comma-separated list of FACILITY=MINUTES' }),
    )
    .transform(
      (pairs) =>
        new Map(
          pairs.map((pair) => {
            const at = pair.lastIndexOf('=');
            return [pair.slice(0, at).trim(), Number(pair.slice(at + 1))] as const;
          }),
        ),
    ),
);

/** An IP address or CIDR block (`10.0.0.0/8`, `2001:db8::/32`, `192.0.2.7`). */
const isAddressOrCidr = (entry: string): boolean => {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
};

const isIanaZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const envSchema = z.object({
  DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/adt_followup'),
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().min(1).default('adt'),
  MIGRATE_ON_START: bool(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  MLLP_HOST: z.string().min(1).default('0.0.0.0'),
  MLLP_PORT: port(2575),
  MLLP_MAX_FRAME_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 1024 * 1024),
  MLLP_IDLE_TIMEOUT_MS: positiveMs(10 * 60_000),
  MLLP_PROCESSING_IDS: csv
    .transform((ids) => (ids.length > 0 ? ids : ['P']))
    .pipe(z.array(z.enum(['P', 'T', 'D']))),
  MLLP_FRAME_TIMEOUT_MS: positiveMs(30_000),
  MLLP_FIRST_FRAME_TIMEOUT_MS: positiveMs(30_000),
  MLLP_MAX_BUFFERED_BYTES: z.coerce.number().int().positive().optional(),
  MLLP_MAX_CONNECTIONS: z.coerce.number().int().min(1).default(200),
  MLLP_MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  MLLP_ALLOWED_ADDRESSES: csv.pipe(
    z.array(
      z.string().refine(isAddressOrCidr, {
        message: 'must be a comma-separated list of IP addresses or CIDR blocks',
      }),
    ),
  ),
  MLLP_ALLOWED_FACILITIES: csv,
  MLLP_TLS_CERT_FILE: z.string().min(1).optional(),
  MLLP_TLS_KEY_FILE: z.string().min(1).optional(),
  MLLP_TLS_CA_FILE: z.string().min(1).optional(),
  MLLP_TLS_REQUIRE_CLIENT_CERT: bool(false),
  // The ops ports (/healthz, /readyz, unauthenticated /metrics) answer on this machine only
  // unless told otherwise; containers set 0.0.0.0 and publish the port to loopback or a scraper.
  OPS_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  LISTENER_HTTP_PORT: port(2580),
  SWEEP_INTERVAL_MS: positiveMs(5_000),
  SWEEP_GRACE_MS: positiveMs(10_000),

  WORKER_HTTP_PORT: port(2581),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  WORKER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  WORKER_LOCK_MS: positiveMs(8_000),
  WORKER_STALLED_CHECK_MS: positiveMs(3_000),

  HTTP_HOST: z.string().min(1).default('0.0.0.0'),
  HTTP_PORT: port(3000),
  TRUST_PROXY: bool(false),
  SESSION_IDLE_TIMEOUT_MS: positiveMs(30 * 60_000),
  SESSION_MAX_AGE_MS: positiveMs(12 * 60 * 60_000),
  SIGN_IN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),

  PRACTICE_TZ: z.string().default('America/New_York').refine(isIanaZone, 'must be an IANA time zone'),
  PRACTICE_HOLIDAYS: csv.pipe(
    z.array(z.iso.date({ message: 'must be a comma-separated list of YYYY-MM-DD' })),
  ),
  OBSERVATION_CODES: csv.transform((codes) => (codes.length > 0 ? codes : ['OBS'])),
  PRACTICE_LANGUAGE: csv.transform((languages) =>
    languages.length > 0 ? languages : ['en', 'eng', 'english'],
  ),
  // Unset (or empty): the team marked default in the database decides.
  DEFAULT_TEAM: z
    .string()
    .trim()
    .optional()
    .transform((team) => (team ? team : null)),

  // Four hours past a due time (the end of a practice day) is before the next morning's work: what
  // was missed yesterday is on the lead's list when the day starts. At most a week.
  ESCALATE_OVERDUE_AFTER_MINUTES: z.coerce.number().int().min(1).max(10_080).default(240),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(90),
  PRUNE_INTERVAL_MS: positiveMs(60 * 60_000),
  ALERT_EVALUATION_INTERVAL_MS: positiveMs(60_000),
  ALERT_WEBHOOK_URL: z.url().optional(),
  ALERT_SMTP_URL: z
    .url()
    .refine((url) => /^smtps?:\/\//.test(url), 'must start with smtp:// or smtps://')
    .optional(),
  ALERT_EMAIL_FROM: z.email().optional(),
  ALERT_EMAIL_TO: csv.pipe(
    z.array(z.email({ message: 'must be a comma-separated list of email addresses' })),
  ),
  ALERT_FEED_SILENT_MINUTES: minutes(30),
  ALERT_FEED_SILENT_MINUTES_BY_FACILITY: facilityMinutes,
  ALERT_QUEUE_BACKLOG: z.coerce.number().int().min(1).default(1000),
  ALERT_QUEUE_MAX_AGE_MINUTES: minutes(10),
  ALERT_FAILURE_WINDOW_MINUTES: minutes(15),
  ALERT_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0),
});

/** Everything the services read from the environment, validated once at start-up. */
export interface AppConfig {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  migrateOnStart: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  mllp: {
    host: string;
    port: number;
    maxFrameBytes: number;
    idleTimeoutMs: number;
    /** MSH-11 values accepted; others get `AR` (a test feed sent to production, or the reverse). */
    processingIds: ReadonlySet<string>;
    /**
     * A frame must end this long after its first byte, else the connection is closed (slow senders).
     * A new start block does not restart the clock: only a completed frame does.
     */
    frameTimeoutMs: number;
    /** A connection must complete its first frame this long after it opens, else it is closed. */
    firstFrameTimeoutMs: number;
    /**
     * Bytes one connection may hold in unfinished frames (the current one and any it abandoned since
     * its last complete frame) before it is closed; frames waiting for their turn pause reading at
     * the same amount. Twice `maxFrameBytes` unless set.
     */
    maxBufferedBytes: number;
    /** Open connections overall and from one peer address; excess connections are closed at once. */
    maxConnections: number;
    maxConnectionsPerAddress: number;
    /** Peer addresses or CIDR blocks allowed to connect; empty: any. */
    allowedAddresses: readonly string[];
    /** MSH-4 values accepted; others get `AR`. Empty: any. */
    allowedFacilities: ReadonlySet<string>;
    /** TLS on the MLLP port (PEM files, reloaded when they change); null: plain TCP. */
    tls: MllpTlsSettings | null;
  };
  /** Address the listener's and the worker's ops HTTP servers bind to (loopback by default). */
  ops: { host: string };
  listener: { httpPort: number; sweepIntervalMs: number; sweepGraceMs: number };
  worker: {
    httpPort: number;
    concurrency: number;
    maxAttempts: number;
    lockMs: number;
    stalledCheckMs: number;
  };
  api: {
    host: string;
    port: number;
    /** Trust X-Forwarded-For/-Proto from a reverse proxy (audit client address, Secure cookies). */
    trustProxy: boolean;
    /** A browser session ends after this long without activity… */
    sessionIdleTimeoutMs: number;
    /** …and at the latest this long after sign-in. */
    sessionMaxAgeMs: number;
    /** Sign-in attempts per client address, and other /api requests per caller, per minute. */
    rateLimits: { signInPerMinute: number; apiPerMinute: number };
  };
  practice: {
    timeZone: string;
    holidays: ReadonlySet<string>;
    observationCodes: ReadonlySet<string>;
    /**
     * `PRACTICE_LANGUAGE`: PID-15 codes and names of the practice's language; a patient whose
     * preferred language is none of them is flagged as needing an interpreter.
     */
    languages: ReadonlySet<string>;
    /**
     * `DEFAULT_TEAM`: pins the team for follow-ups no roster entry or team rule assigns; null
     * (not set) leaves it to the team marked default in the database (the first team added).
     */
    defaultTeam: string | null;
    /** A follow-up overdue by more than this many minutes is escalated to its team's lead. */
    escalateOverdueAfterMinutes: number;
  };
  /** Raw HL7 kept this many days, then pruned by the worker (see docs/operations.md#retention). */
  retention: { days: number; pruneIntervalMs: number };
  /** The in-product alert evaluator (runs in the worker). */
  alerts: AlertSettings;
}

/** TLS, and optionally mutual TLS, on the MLLP port. */
export interface MllpTlsSettings {
  certFile: string;
  keyFile: string;
  /** CA bundle that client certificates must chain to; null: the system's. */
  caFile: string | null;
  /** Refuse senders that present no certificate signed by the CA (mutual TLS). */
  requireClientCert: boolean;
}

/** Thresholds and targets of the in-product alerts. */
export interface AlertSettings {
  evaluationIntervalMs: number;
  /** POSTed a JSON document when an alert starts and when it clears; none: state is kept only. */
  webhookUrl: string | null;
  /** Mailed the same notices; null when `ALERT_SMTP_URL` is not set. */
  email: { smtpUrl: string; from: string; to: readonly string[] } | null;
  feedSilentMinutes: number;
  /** Per-facility overrides of {@link AlertSettings.feedSilentMinutes}. */
  feedSilentMinutesByFacility: ReadonlyMap<string, number>;
  /** Messages waiting for the worker above which the backlog alert fires… */
  queueBacklog: number;
  /** …or the age of the oldest waiting one. */
  queueMaxAgeMinutes: number;
  failureWindowMinutes: number;
  /** Failed share of messages finished in the window above which the alert fires (0: any failure). */
  failureRate: number;
}

/** Thrown when one or more variables are invalid; the message names every one. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'invalid_config';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Validates the environment and returns the typed configuration.
 * @param env - the variables to read; `process.env` by default
 * @throws ConfigError naming every bad variable
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const emailProblems = e.ALERT_SMTP_URL
    ? [
        ...(e.ALERT_EMAIL_FROM ? [] : ['ALERT_EMAIL_FROM: required when ALERT_SMTP_URL is set']),
        ...(e.ALERT_EMAIL_TO.length > 0 ? [] : ['ALERT_EMAIL_TO: required when ALERT_SMTP_URL is set']),
      ]
    : [];
  const tlsProblems = [
    ...(e.MLLP_TLS_CERT_FILE && !e.MLLP_TLS_KEY_FILE
      ? ['MLLP_TLS_KEY_FILE: required when MLLP_TLS_CERT_FILE is set']
      : []),
    ...(e.MLLP_TLS_KEY_FILE && !e.MLLP_TLS_CERT_FILE
      ? ['MLLP_TLS_CERT_FILE: required when MLLP_TLS_KEY_FILE is set']
      : []),
    ...(e.MLLP_TLS_REQUIRE_CLIENT_CERT && !e.MLLP_TLS_CA_FILE
      ? ['MLLP_TLS_CA_FILE: required when MLLP_TLS_REQUIRE_CLIENT_CERT is true']
      : []),
    ...(e.MLLP_TLS_CA_FILE && !e.MLLP_TLS_CERT_FILE
      ? ['MLLP_TLS_CERT_FILE: required when MLLP_TLS_CA_FILE is set']
      : []),
  ];
  const bufferProblems =
    e.MLLP_MAX_BUFFERED_BYTES !== undefined && e.MLLP_MAX_BUFFERED_BYTES < e.MLLP_MAX_FRAME_BYTES
      ? ['MLLP_MAX_BUFFERED_BYTES: must be at least MLLP_MAX_FRAME_BYTES (one whole frame)']
      : [];
  const problems = [...emailProblems, ...tlsProblems, ...bufferProblems];
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    migrateOnStart: e.MIGRATE_ON_START,
    logLevel: e.LOG_LEVEL,
    mllp: {
      host: e.MLLP_HOST,
      port: e.MLLP_PORT,
      maxFrameBytes: e.MLLP_MAX_FRAME_BYTES,
      idleTimeoutMs: e.MLLP_IDLE_TIMEOUT_MS,
      processingIds: new Set(e.MLLP_PROCESSING_IDS),
      frameTimeoutMs: e.MLLP_FRAME_TIMEOUT_MS,
      firstFrameTimeoutMs: e.MLLP_FIRST_FRAME_TIMEOUT_MS,
      maxBufferedBytes: e.MLLP_MAX_BUFFERED_BYTES ?? 2 * e.MLLP_MAX_FRAME_BYTES,
      maxConnections: e.MLLP_MAX_CONNECTIONS,
      maxConnectionsPerAddress: e.MLLP_MAX_CONNECTIONS_PER_ADDRESS,
      allowedAddresses: e.MLLP_ALLOWED_ADDRESSES,
      allowedFacilities: new Set(e.MLLP_ALLOWED_FACILITIES),
      tls:
        e.MLLP_TLS_CERT_FILE && e.MLLP_TLS_KEY_FILE
          ? {
              certFile: e.MLLP_TLS_CERT_FILE,
              keyFile: e.MLLP_TLS_KEY_FILE,
              caFile: e.MLLP_TLS_CA_FILE ?? null,
              requireClientCert: e.MLLP_TLS_REQUIRE_CLIENT_CERT,
            }
          : null,
    },
    ops: { host: e.OPS_HTTP_HOST },
    listener: {
      httpPort: e.LISTENER_HTTP_PORT,
      sweepIntervalMs: e.SWEEP_INTERVAL_MS,
      sweepGraceMs: e.SWEEP_GRACE_MS,
    },
    worker: {
      httpPort: e.WORKER_HTTP_PORT,
      concurrency: e.WORKER_CONCURRENCY,
      maxAttempts: e.WORKER_MAX_ATTEMPTS,
      lockMs: e.WORKER_LOCK_MS,
      stalledCheckMs: e.WORKER_STALLED_CHECK_MS,
    },
    api: {
      host: e.HTTP_HOST,
      port: e.HTTP_PORT,
      trustProxy: e.TRUST_PROXY,
      sessionIdleTimeoutMs: e.SESSION_IDLE_TIMEOUT_MS,
      sessionMaxAgeMs: e.SESSION_MAX_AGE_MS,
      rateLimits: {
        signInPerMinute: e.SIGN_IN_RATE_LIMIT_PER_MINUTE,
        apiPerMinute: e.API_RATE_LIMIT_PER_MINUTE,
      },
    },
    practice: {
      timeZone: e.PRACTICE_TZ,
      holidays: new Set(e.PRACTICE_HOLIDAYS),
      observationCodes: new Set(e.OBSERVATION_CODES),
      languages: new Set(e.PRACTICE_LANGUAGE),
      defaultTeam: e.DEFAULT_TEAM,
      escalateOverdueAfterMinutes: e.ESCALATE_OVERDUE_AFTER_MINUTES,
    },
    retention: { days: e.RETENTION_DAYS, pruneIntervalMs: e.PRUNE_INTERVAL_MS },
    alerts: {
      evaluationIntervalMs: e.ALERT_EVALUATION_INTERVAL_MS,
      webhookUrl: e.ALERT_WEBHOOK_URL ?? null,
      email:
        e.ALERT_SMTP_URL && e.ALERT_EMAIL_FROM
          ? { smtpUrl: e.ALERT_SMTP_URL, from: e.ALERT_EMAIL_FROM, to: e.ALERT_EMAIL_TO }
          : null,
      feedSilentMinutes: e.ALERT_FEED_SILENT_MINUTES,
      feedSilentMinutesByFacility: e.ALERT_FEED_SILENT_MINUTES_BY_FACILITY,
      queueBacklog: e.ALERT_QUEUE_BACKLOG,
      queueMaxAgeMinutes: e.ALERT_QUEUE_MAX_AGE_MINUTES,
      failureWindowMinutes: e.ALERT_FAILURE_WINDOW_MINUTES,
      failureRate: e.ALERT_FAILURE_RATE,
    },
  };
}
