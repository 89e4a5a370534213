import { pino, type Logger, type LoggerOptions } from 'pino';

/**
 * Paths pino censors wherever they appear. Patient data must never reach a log line, so every
 * field name the domain uses for a person is listed, at the top level and one level down.
 */
const PHI_KEYS = [
  'patient',
  'patients',
  'name',
  'familyName',
  'givenName',
  'middleName',
  'birthDate',
  'dob',
  'phone',
  'address',
  'mrn',
  'identifiers',
  'raw',
  'rawText',
  'payload',
  'body',
  'segments',
  'note',
  'ssn',
];

const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'token',
  'password',
  ...PHI_KEYS,
  ...PHI_KEYS.map((k) => `*.${k}`),
];

/** Options for {@link createLogger}. */
export interface CreateLoggerOptions {
  /** The service or tool writing the log, put on every line. */
  service: string;
  level?: LoggerOptions['level'];
  /** Where lines go; stdout by default (tests pass a stream to read them back). */
  destination?: pino.DestinationStream;
}

/**
 * Builds the structured JSON logger every process uses, with patient fields redacted.
 * @param options - service name, level and optional destination
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const config: LoggerOptions = {
    level: options.level ?? 'info',
    base: { service: options.service },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}

export type { Logger };
