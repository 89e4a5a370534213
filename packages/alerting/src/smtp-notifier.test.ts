import net from 'node:net';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertNotice } from './alert-notifier.js';
import { alertEmail, createSmtpNotifier } from './smtp-notifier.js';

// A throw-away self-signed key and certificate for 127.0.0.1, for these tests only.
const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg/RMpcdbBdr7mTUQk
Eq0F8zrlXeiXRf7qIom0BfvC8tahRANCAARmxHoEFFR9nL/2obHf0RtYSYb6ojjw
iA8mj3Q9WP93+NKJ1ECc7xFxxsdLzgBZYDzawD7TzivzpWnB8uvkEmoj
-----END PRIVATE KEY-----`;
const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBmjCCAUGgAwIBAgIUbQTIX/CpACuRSmBf8i9ZlDsL1C0wCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyMzAwMjMzNVoYDzIxMjYxMDMw
MDAyMzM1WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAARmxHoEFFR9nL/2obHf0RtYSYb6ojjwiA8mj3Q9WP93+NKJ1ECc7xFx
xsdLzgBZYDzawD7TzivzpWnB8uvkEmojo28wbTAdBgNVHQ4EFgQULGe/HS1B88WJ
Q3g8xT2hpc40ARMwHwYDVR0jBBgwFoAULGe/HS1B88WJQ3g8xT2hpc40ARMwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDRwAwRAIgOHntfiAuEj8lkYkWvIkro2+wev1nEWXar2rhGBO7WD0CIDdE
zO8kKMU9flFLzomi2Gw1jBZHcf8m3nFvKziYF/km
-----END CERTIFICATE-----`;

const notice: AlertNotice = {
  key: 'queue_backlog',
  alert: 'queue_backlog',
  labels: {},
  firing: true,
  summary: '1200 messages wait for processing',
  since: new Date('2026-11-23T15:00:00Z'),
};

interface Session {
  /** Commands in order, with AUTH's secret decoded; `secure` tells whether TLS was on. */
  commands: { line: string; secure: boolean }[];
  data: string;
}

/** A minimal SMTP server: enough of RFC 5321 to hold the conversation and record it. */
async function fakeSmtp(options: { starttls: boolean; rejectRecipient?: string }) {
  const sessions: Session[] = [];
  const server = net.createServer((plain) => {
    const session: Session = { commands: [], data: '' };
    sessions.push(session);
    let socket: net.Socket = plain;
    let secure = false;
    let inData = false;
    let buffer = '';
    const reply = (text: string) => socket.write(`${text}\r\n`);
    const onLine = (line: string) => {
      if (inData) {
        if (line === '.') {
          inData = false;
          reply('250 queued');
        } else session.data += `${line}\n`;
        return;
      }
      const verb = line.split(' ')[0]?.toUpperCase();
      session.commands.push({
        line: verb === 'AUTH' ? `AUTH ${Buffer.from(line.split(' ')[2] ?? '', 'base64').toString()}` : line,
        secure,
      });
      if (verb === 'EHLO') {
        reply('250-fake.example.org');
        if (options.starttls && !secure) reply('250-STARTTLS');
        reply(options.starttls ? '250 AUTH PLAIN LOGIN' : '250 8BITMIME');
      } else if (verb === 'STARTTLS' && options.starttls) {
        reply('220 ready for TLS');
        plain.removeAllListeners('data');
        const upgraded = new tls.TLSSocket(plain, { isServer: true, key: TEST_KEY, cert: TEST_CERT });
        socket = upgraded;
        secure = true;
        upgraded.on('data', onData);
      } else if (verb === 'AUTH') reply('235 accepted');
      else if (verb === 'MAIL') reply('250 ok');
      else if (verb === 'RCPT')
        reply(line.includes(options.rejectRecipient ?? '\0') ? '550 no such user' : '250 ok');
      else if (verb === 'DATA') {
        inData = true;
        reply('354 end with .');
      } else if (verb === 'QUIT') {
        reply('221 bye');
        socket.end();
      } else reply('500 unknown');
    };
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        onLine(line);
      }
    };
    plain.on('data', onData);
    plain.on('error', () => undefined);
    reply('220 fake.example.org ESMTP');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    sessions,
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
}

describe('SMTP notifier', () => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  it('mails a notice to every recipient in one conversation', async () => {
    const smtp = await fakeSmtp({ starttls: false });
    close = smtp.close;
    const notifier = createSmtpNotifier({
      url: `smtp://127.0.0.1:${smtp.port}`,
      from: 'adt-followup@example.org',
      to: ['ops@example.org', 'oncall@example.org'],
    });
    await notifier.send(notice);
    const [session] = smtp.sessions;
    expect(session?.commands.map((c) => c.line)).toEqual([
      'EHLO adt-followup',
      'MAIL FROM:<adt-followup@example.org>',
      'RCPT TO:<ops@example.org>',
      'RCPT TO:<oncall@example.org>',
      'DATA',
    ]);
    // Long header lines arrive folded; unfolding removes the line break before the white space.
    expect(session?.data.replace(/\n(?=[ \t])/g, '')).toContain(
      'Subject: [FIRING] adt-followup queue_backlog: 1200 messages wait for processing',
    );
    expect(session?.data).toContain('To: ops@example.org, oncall@example.org');
    expect(session?.data).toContain('What to do: docs/operations.md#queue-backlog');
  });

  it('upgrades with STARTTLS before it sends credentials', async () => {
    const smtp = await fakeSmtp({ starttls: true });
    close = smtp.close;
    const notifier = createSmtpNotifier({
      url: `smtp://alerts%40example.org:s3cret@127.0.0.1:${smtp.port}`,
      from: 'alerts@example.org',
      to: ['ops@example.org'],
      tls: { ca: TEST_CERT, servername: 'localhost' },
    });
    await notifier.send({ ...notice, firing: false, summary: 'Processing keeps up' });
    const commands = smtp.sessions[0]?.commands ?? [];
    expect(commands.map((c) => [c.line, c.secure])).toEqual([
      ['EHLO adt-followup', false],
      ['STARTTLS', false],
      ['EHLO adt-followup', true],
      ['AUTH \0alerts@example.org\0s3cret', true],
      ['MAIL FROM:<alerts@example.org>', true],
      ['RCPT TO:<ops@example.org>', true],
      ['DATA', true],
    ]);
    expect(smtp.sessions[0]?.data).toContain('Subject: [RESOLVED] adt-followup queue_backlog');
    expect(notifier.name).not.toContain('s3cret');
  });

  it('never sends credentials over a connection without TLS', async () => {
    const smtp = await fakeSmtp({ starttls: false });
    close = smtp.close;
    const notifier = createSmtpNotifier({
      url: `smtp://user:s3cret@127.0.0.1:${smtp.port}`,
      from: 'alerts@example.org',
      to: ['ops@example.org'],
    });
    await expect(notifier.send(notice)).rejects.toThrow('credentials are not sent in clear');
    expect(JSON.stringify(smtp.sessions)).not.toContain('s3cret');
  });

  it('rejects when the server refuses a recipient, so the notice is retried', async () => {
    const smtp = await fakeSmtp({ starttls: false, rejectRecipient: 'gone@example.org' });
    close = smtp.close;
    const notifier = createSmtpNotifier({
      url: `smtp://127.0.0.1:${smtp.port}`,
      from: 'alerts@example.org',
      to: ['gone@example.org'],
    });
    await expect(notifier.send(notice)).rejects.toThrow(
      'mail server refused recipient gone@example.org: 550',
    );
  });

  it('dot-stuffs lines and encodes a subject that is not ASCII', async () => {
    const smtp = await fakeSmtp({ starttls: false });
    close = smtp.close;
    const notifier = createSmtpNotifier({
      url: `smtp://127.0.0.1:${smtp.port}`,
      from: 'a@example.org',
      to: ['b@example.org'],
    });
    const hopital = { ...notice, alert: 'feed_silent', labels: { facility: 'HÔPITAL' } } as const;
    expect(alertEmail({ ...hopital, summary: '.HÔPITAL has sent nothing' })).toEqual({
      subject: '[FIRING] adt-followup feed_silent: .HÔPITAL has sent nothing',
      text: [
        '.HÔPITAL has sent nothing',
        '',
        'Status: firing',
        'Alert: feed_silent',
        'facility: HÔPITAL',
        'Since: 2026-11-23T15:00:00.000Z',
        'What to do: docs/operations.md#feed-silent',
      ].join('\n'),
    });
    await notifier.send({ ...hopital, summary: '.HÔPITAL has sent nothing' });
    const data = smtp.sessions[0]?.data ?? '';
    // A body line starting with "." gets a second one on the wire; the receiving server strips it.
    expect(data).toContain('\n\n..H=C3=94PITAL has sent nothing\n');
    expect(data).toMatch(
      /^Subject: =\?UTF-8\?Q\?=5BFIRING=5D_adt-followup_feed=5Fsilent\?=\n =\?UTF-8\?Q\?=3A_=2EH=C3=94PITAL/m,
    );
  });
});
