/**
 * Alert notices by email over SMTP (RFC 5321), with no mail library: one short conversation per
 * notice (EHLO, STARTTLS when offered, AUTH PLAIN when credentials are given, MAIL, RCPT, DATA,
 * QUIT). `smtps://` connects with TLS from the start (port 465); `smtp://` upgrades with STARTTLS
 * whenever the server offers it, and refuses to send credentials over a connection left in clear.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
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

/** Reads SMTP replies (possibly multi-line: `250-…` then `250 …`) off a socket. */
class ReplyReader {
  private buffer = '';
  private lines: string[] = [];
  private waiting: ((reply: { code: number; text: string }) => void) | null = null;
  private failure: Error | null = null;
  private failWaiting: ((error: Error) => void) | null = null;

  constructor(private socket: net.Socket) {
    this.attach(socket);
  }

  /** Follows the conversation onto the TLS socket after STARTTLS. */
  attach(socket: net.Socket): void {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.buffer += chunk.toString('utf8');
      this.drain();
    });
    socket.on('error', (error) => {
      this.fail(error);
    });
    socket.on('close', () => {
      this.fail(new SmtpError('connection closed by the mail server'));
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.failWaiting?.(error);
    this.waiting = null;
    this.failWaiting = null;
  }

  private drain(): void {
    for (;;) {
      const end = this.buffer.indexOf('\r\n');
      if (end < 0) return;
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.lines.push(line);
      // A reply ends with a line whose code is followed by a space (or nothing).
      if (/^\d{3}(?: |$)/.test(line)) {
        const code = Number(line.slice(0, 3));
        const text = this.lines.map((l) => l.slice(4)).join('\n');
        this.lines = [];
        const resolve = this.waiting;
        this.waiting = null;
        this.failWaiting = null;
        resolve?.({ code, text });
      }
    }
  }

  /** The next reply. */
  next(): Promise<{ code: number; text: string }> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  /**
   * Sends a command and checks the reply code.
   * @param command - the command line, without CRLF; null to read a reply only
   * @param expected - accepted reply codes
   * @param step - names the step in errors (never the credentials)
   */
  async exchange(command: string | null, expected: readonly number[], step: string): Promise<string> {
    const reply = this.next();
    if (command !== null) this.socket.write(`${command}\r\n`);
    const { code, text } = await reply;
    if (!expected.includes(code)) throw new SmtpError(`mail server refused ${step}: ${code} ${text}`);
    return text;
  }
}

function connect(url: URL, options: SmtpNotifierOptions): Promise<net.Socket> {
  const secure = url.protocol === 'smtps:';
  const host = url.hostname;
  const port = Number(url.port || (secure ? 465 : 587));
  return new Promise((resolve, reject) => {
    const socket = secure
      ? tls.connect({ host, port, servername: host, ...options.tls }, () => {
          resolve(socket);
        })
      : net.connect({ host, port }, () => {
          resolve(socket);
        });
    socket.once('error', reject);
  });
}

function startTls(socket: net.Socket, host: string, options: SmtpNotifierOptions): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const secured = tls.connect({ socket, servername: host, ...options.tls }, () => {
      resolve(secured);
    });
    secured.once('error', reject);
  });
}

/** RFC 2047 for a header that is not plain ASCII (facility names may not be). */
function headerText(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;
}

/**
 * The email for a notice: plain text, one fact per line.
 * @param notice - the start or end to announce
 * @param from - sender address
 * @param to - recipients
 */
export function alertEmail(notice: AlertNotice, from: string, to: readonly string[]): string {
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
  const headers = [
    `From: ${from}`,
    `To: ${to.join(', ')}`,
    `Subject: ${headerText(body.text)}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${randomUUID()}@adt-followup>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  // Dot-stuffing: a line starting with "." would otherwise end the DATA section early.
  return [...headers, '', ...lines.map((line) => (line.startsWith('.') ? `.${line}` : line))].join('\r\n');
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
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return {
    name: `email via ${url.host}`,
    send: async (notice) => {
      const limitTime = (target: net.Socket) => {
        target.setTimeout(options.timeoutMs ?? SMTP_TIMEOUT_MS, () => {
          target.destroy(new SmtpError('mail server timed out'));
        });
      };
      let socket = await connect(url, options);
      limitTime(socket);
      const reader = new ReplyReader(socket);
      try {
        await reader.exchange(null, [220], 'the connection');
        let features = await reader.exchange('EHLO adt-followup', [250], 'EHLO');
        let secure = url.protocol === 'smtps:';
        if (!secure && /^STARTTLS$/im.test(features)) {
          await reader.exchange('STARTTLS', [220], 'STARTTLS');
          socket.removeAllListeners('data');
          socket.removeAllListeners('close');
          socket = await startTls(socket, url.hostname, options);
          limitTime(socket);
          reader.attach(socket);
          secure = true;
          features = await reader.exchange('EHLO adt-followup', [250], 'EHLO');
        }
        if (user) {
          if (!secure) throw new SmtpError('mail server offers no TLS; credentials are not sent in clear');
          if (!/^AUTH\b.*\bPLAIN\b/im.test(features)) throw new SmtpError('mail server offers no AUTH PLAIN');
          const token = Buffer.from(`\0${user}\0${password}`).toString('base64');
          await reader.exchange(`AUTH PLAIN ${token}`, [235], 'the credentials');
        }
        await reader.exchange(`MAIL FROM:<${options.from}>`, [250], 'the sender');
        for (const recipient of options.to) {
          await reader.exchange(`RCPT TO:<${recipient}>`, [250, 251], `recipient ${recipient}`);
        }
        await reader.exchange('DATA', [354], 'DATA');
        await reader.exchange(`${alertEmail(notice, options.from, options.to)}\r\n.`, [250], 'the message');
        await reader.exchange('QUIT', [221], 'QUIT').catch(() => undefined);
      } finally {
        socket.destroy();
      }
    },
  };
}
