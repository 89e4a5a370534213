import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import {
  assertReceiverAddress,
  literalAddress,
  parseReceiverUrl,
  WebhookReceiverError,
  type ReceiverPolicy,
} from './receiver-address.js';

/** One delivery attempt's input. */
export interface WebhookRequest {
  url: string;
  /** The subscriber's `whsec_…` secret; null sends the delivery unsigned (FHIR rest-hooks). */
  secret: string | null;
  /** Headers the subscriber asked for (a FHIR channel's `header`), `Name: value`. */
  extraHeaders?: readonly string[];
  /** `application/json` unless given. */
  contentType?: string;
  /** `webhook-id`: the same on every attempt of one delivery, so receivers can deduplicate. */
  messageId: string;
  /** The serialised body; the signature covers these bytes. */
  body: string;
  /** Attempt time: `webhook-timestamp` and the signed content. */
  now: Date;
  timeoutMs: number;
  policy: ReceiverPolicy;
}

/** What one attempt came to; `statusCode` is absent when no response arrived. */
export type WebhookAttempt =
  { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string };

// The receiver's reply body is not kept (it may say anything); a little is read so the socket ends.
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * The three Standard Webhooks headers for a body.
 * @param secret - the subscriber's `whsec_…` secret
 * @param messageId - `webhook-id`
 * @param now - the attempt time
 * @param body - the exact bytes sent
 */
export function signWebhook(
  secret: string,
  messageId: string,
  now: Date,
  body: string,
): Record<string, string> {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(messageId, now, body),
  };
}

/**
 * A DNS lookup that refuses non-public addresses before the socket connects to them, so a name that
 * resolves to a private address at delivery time (DNS rebinding) is caught on the address used.
 */
function guardedLookup(policy: ReceiverPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      try {
        for (const { address } of addresses) assertReceiverAddress(address, policy);
      } catch (refused) {
        callback(refused as NodeJS.ErrnoException, '', 0);
        return;
      }
      if (options.all) {
        (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
        return;
      }
      const first = addresses[0];
      if (!first) {
        callback(new Error(`host ${hostname} does not resolve`), '', 0);
        return;
      }
      callback(null, first.address, first.family);
    });
  };
}

/**
 * POSTs one signed delivery. Any 2xx is success; anything else (a redirect included: redirects are
 * not followed) or no answer within `timeoutMs` is a failure to retry. Never throws.
 * @param request - receiver, secret, body and limits
 */
export async function sendWebhook(request: WebhookRequest): Promise<WebhookAttempt> {
  let url: URL;
  try {
    url = parseReceiverUrl(request.url, request.policy);
    const literal = literalAddress(url);
    if (literal !== null) assertReceiverAddress(literal, request.policy);
  } catch (error) {
    return { ok: false, statusCode: null, error: (error as Error).message };
  }
  const headers: Record<string, string> = {};
  for (const line of request.extraHeaders ?? []) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  Object.assign(headers, {
    'content-type': request.contentType ?? 'application/json',
    'user-agent': 'adt-followup-webhooks',
    ...(request.secret === null
      ? { 'webhook-id': request.messageId }
      : signWebhook(request.secret, request.messageId, request.now, request.body)),
  });
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<WebhookAttempt>((resolve) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(request.body) },
        lookup: guardedLookup(request.policy),
        signal: AbortSignal.timeout(request.timeoutMs),
        agent: false,
      },
      (response) => {
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) response.destroy();
        });
        const statusCode = response.statusCode ?? 0;
        const settle = () => {
          resolve(
            statusCode >= 200 && statusCode < 300
              ? { ok: true, statusCode }
              : { ok: false, statusCode, error: `receiver answered ${statusCode}` },
          );
        };
        response.on('end', settle);
        response.on('close', settle);
        response.on('error', settle);
      },
    );
    req.on('error', (error) => {
      const message =
        error instanceof WebhookReceiverError
          ? error.message
          : error.name === 'AbortError' || error.name === 'TimeoutError'
            ? `no answer within ${request.timeoutMs} ms`
            : `could not connect: ${(error as NodeJS.ErrnoException).code ?? error.message}`;
      resolve({ ok: false, statusCode: null, error: message });
    });
    req.end(request.body);
  });
}
