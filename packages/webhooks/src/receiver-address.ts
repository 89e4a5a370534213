import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Why a receiver was refused. */
export type WebhookReceiverProblem = 'bad_scheme' | 'private_address' | 'unresolvable' | 'bad_url';

/**
 * A receiver URL or address that may not be used. `code` is the same for every refusal (the API
 * answers it as a bad request); `reason` tells them apart, and the message says it in words.
 */
export class WebhookReceiverError extends Error {
  override readonly name = 'WebhookReceiverError';
  readonly code = 'invalid_receiver';
  constructor(
    readonly reason: WebhookReceiverProblem,
    message: string,
  ) {
    super(`receiver URL ${message}`);
  }
}

/**
 * True for an address on the public internet. Everything ipaddr.js does not classify as plain
 * unicast is refused: loopback, private, link-local (cloud metadata at 169.254.169.254), unique
 * local, carrier-grade NAT, multicast, reserved, and the IPv6 forms that embed an IPv4 address.
 * IPv4-mapped IPv6 (`::ffff:10.0.0.1`) is judged as the IPv4 address it carries.
 * @param address - an IPv4 or IPv6 address
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** What a receiver may be. */
export interface ReceiverPolicy {
  /** `WEBHOOK_ALLOW_PRIVATE`: plain http and loopback or private addresses are allowed. */
  allowPrivate: boolean;
}

/**
 * Checks a receiver URL's form: `https` (or `http` when private receivers are allowed), no user
 * name or password in it.
 * @param url - the subscriber's URL
 * @param policy - whether private receivers are allowed
 * @returns the parsed URL
 */
export function parseReceiverUrl(url: string, policy: ReceiverPolicy): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new WebhookReceiverError('bad_url', 'must be an absolute URL');
  }
  const schemes = policy.allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(parsed.protocol)) {
    throw new WebhookReceiverError(
      'bad_scheme',
      policy.allowPrivate ? 'must be an http or https URL' : 'must be an https URL',
    );
  }
  if (parsed.username || parsed.password) {
    throw new WebhookReceiverError('bad_url', 'must not carry a user name or password');
  }
  return parsed;
}

/**
 * Refuses an address that is not public, unless private receivers are allowed.
 * @param address - the address a receiver's name resolved to (or the literal in the URL)
 * @param policy - whether private receivers are allowed
 */
export function assertReceiverAddress(address: string, policy: ReceiverPolicy): void {
  if (policy.allowPrivate || isPublicAddress(address)) return;
  throw new WebhookReceiverError(
    'private_address',
    `resolves to ${address}, a loopback, private or otherwise non-public address (WEBHOOK_ALLOW_PRIVATE is off)`,
  );
}

/**
 * The hostname of a URL as an address when it is an IP literal (`[::1]` loses its brackets).
 * @param url - a parsed URL
 */
export function literalAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) === 0 ? null : host;
}

/**
 * Checks a receiver URL at subscription time: its form, then every address its name resolves to.
 * Delivery checks again, on the address it connects to (a name may resolve elsewhere later).
 * @param url - the subscriber's URL
 * @param policy - whether private receivers are allowed
 */
export async function checkReceiverUrl(url: string, policy: ReceiverPolicy): Promise<URL> {
  const parsed = parseReceiverUrl(url, policy);
  const literal = literalAddress(parsed);
  if (literal !== null) {
    assertReceiverAddress(literal, policy);
    return parsed;
  }
  let addresses: { address: string }[];
  try {
    addresses = await lookup(parsed.hostname, { all: true, verbatim: true });
  } catch {
    throw new WebhookReceiverError('unresolvable', `host ${parsed.hostname} does not resolve`);
  }
  for (const { address } of addresses) assertReceiverAddress(address, policy);
  return parsed;
}
