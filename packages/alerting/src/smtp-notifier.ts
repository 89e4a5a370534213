/**
 * Alert notices by email over SMTP, with nodemailer: one short conversation per notice.
 * `smtps://` connects with TLS from the start (port 465); `smtp://` upgrades with STARTTLS
 * whenever the server offers it, and refuses to send credentials over a connection left in clear.
 */
import type tls from 'node:tls';
import nodemailer from 'nodemailer';
import { alertWebhookBody, type AlertNotice, type AlertNotifier } from './alert-notifier.js';

/** Options for {@link createSmtpNotifier}. */
export interface SmtpNotifierOptions {
  /** `smtp://[user:password@]host[:port]` (STARTTLS when offered) or `smtps://…` (TLS, port 465). */
  url: string;
  from: string;
  to: readonly string[];
  /** Extra TLS options (a private CA, for example). */
  tls?: tls.ConnectionOptions;
  timeoutMs?: number;
}

/** The server answered something other than what the step expects. */
export class SmtpError extends Error {
  override readonly name = 'SmtpError';
  readonly code = 'smtp_refused';
}

const SMTP_TIMEOUT_MS = 20_000;

/**
 * The email for a notice: its subject, and a plain-text body with one fact per line.
 * @param notice - the start or end to announce
 */
export function alertEmail(notice: AlertNotice): { subject: string; text: string } {
  const body = alertWebhookBody(notice);
  const lines = [
    body.summary,
    '',
    `Status: ${body.status}`,
    `Alert: ${body.alert}`,
    ...Object.entries(body.labels).map(([key, value]) => `${key}: ${value}`),
    `Since: ${body.since}`,
    ...(body.runbook ? [`What to do: ${body.runbook}`] : []),
  ];
  return { subject: body.text, text: lines.join('\n') };
}

/** What nodemailer adds to an error from the server (see its SMTP connection). */
interface SmtpFailure extends Error {
  code?: string;
  response?: string;
  rejected?: string[];
}

function refusal(error: SmtpFailure, withCredentials: boolean): SmtpError {
  if (error.rejected?.length) {
    return new SmtpError(
      `mail server refused recipient ${error.rejected.join(', ')}: ${error.response ?? ''}`,
      {
        cause: error,
      },
    );
  }
  // requireTLS: the server offered no STARTTLS, so the credentials were never sent.
  if (withCredentials && error.code === 'ETLS') {
    return new SmtpError('mail server offers no TLS; credentials are not sent in clear', { cause: error });
  }
  return new SmtpError(`mail server refused the notice: ${error.message}`, { cause: error });
}

/**
 * A target that mails each notice to `to`.
 * @param options - server URL, sender, recipients, TLS options and timeout
 */
export function createSmtpNotifier(options: SmtpNotifierOptions): AlertNotifier {
  const url = new URL(options.url);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error(`SMTP URL must start with smtp:// or smtps://, not ${url.protocol}//`);
  }
  const secure = url.protocol === 'smtps:';
  const user = decodeURIComponent(url.username);
  const timeoutMs = options.timeoutMs ?? SMTP_TIMEOUT_MS;
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || (secure ? 465 : 587)),
    secure,
    name: 'adt-followup',
    ...(user ? { auth: { user, pass: decodeURIComponent(url.password) }, requireTLS: true } : {}),
    ...(options.tls ? { tls: options.tls } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return {
    name: `email via ${url.host}`,
    send: async (notice) => {
      const info = await transport
        .sendMail({ from: options.from, to: [...options.to], ...alertEmail(notice) })
        .catch((error: unknown) => {
          throw error instanceof Error ? refusal(error, user !== '') : error;
        });
      // Every recipient must get the notice; one refused means it is sent again later.
      const rejected = info.rejected.map(String);
      if (rejected.length > 0) throw new SmtpError(`mail server refused recipient ${rejected.join(', ')}`);
    },
  };
}
