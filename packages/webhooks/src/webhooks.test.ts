import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import {
  isPublicAddress,
  parseReceiverUrl,
  signWebhook,
  webhookRetryDelayMs,
  webhookSecretProblem,
  checkReceiverUrl,
} from './index.js';

const secret = `whsec_${randomBytes(32).toString('base64')}`;

describe('webhook secrets', () => {
  it('accepts whsec_ and the base64 of 24 to 64 bytes', () => {
    expect(webhookSecretProblem(secret)).toBeNull();
    expect(webhookSecretProblem(`whsec_${randomBytes(24).toString('base64')}`)).toBeNull();
  });

  it('refuses other forms with a reason', () => {
    expect(webhookSecretProblem(randomBytes(32).toString('base64'))).toMatch(/whsec_/);
    expect(webhookSecretProblem('whsec_not base64!')).toMatch(/base64/);
    expect(webhookSecretProblem(`whsec_${randomBytes(8).toString('base64')}`)).toMatch(/24 to 64 bytes/);
  });
});

describe('receiver addresses', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fe80::1',
    'fd00::1',
    '::ffff:10.0.0.1',
    '::ffff:127.0.0.1',
  ])('%s is not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.216.34', '2606:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it('needs https unless private receivers are allowed', () => {
    expect(() => parseReceiverUrl('http://example.org/hook', { allowPrivate: false })).toThrow(/https/);
    expect(parseReceiverUrl('http://example.org/hook', { allowPrivate: true }).host).toBe('example.org');
    expect(() => parseReceiverUrl('ftp://example.org/', { allowPrivate: true })).toThrow(/http/);
    expect(() => parseReceiverUrl('https://u:p@example.org/', { allowPrivate: false })).toThrow(/password/);
  });

  it('refuses loopback and private literals and names at subscription time', async () => {
    await expect(checkReceiverUrl('https://127.0.0.1/hook', { allowPrivate: false })).rejects.toThrow(
      /non-public/,
    );
    await expect(checkReceiverUrl('https://[::1]/hook', { allowPrivate: false })).rejects.toThrow(
      /non-public/,
    );
    await expect(checkReceiverUrl('https://localhost/hook', { allowPrivate: false })).rejects.toThrow(
      /non-public/,
    );
    await expect(checkReceiverUrl('http://127.0.0.1:9/hook', { allowPrivate: true })).resolves.toBeInstanceOf(
      URL,
    );
  });
});

describe('signing', () => {
  it('signs so that the standardwebhooks verifier accepts the delivery', () => {
    const body = JSON.stringify({ type: 'follow_up.created', timestamp: new Date().toISOString(), data: {} });
    const headers = signWebhook(secret, 'whd_1_0', new Date(), body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });
});

describe('retry delays', () => {
  it('starts at the first delay, doubles, and stops at the cap', () => {
    const schedule = { firstDelayMs: 5_000, maxDelayMs: 300_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 8, 40].map((n) => webhookRetryDelayMs(n, schedule))).toEqual([
      5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000,
    ]);
  });
});
