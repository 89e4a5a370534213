import { isIP } from 'node:net';
import { z } from 'zod';

// Schemas of the kinds of value variables hold; each converts the text of the environment.

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
export const positiveMs = (fallback: number) => z.coerce.number().int().positive().default(fallback);
export const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');
export const csv = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

export const minutes = (fallback: number) => z.coerce.number().positive().default(fallback);
// `FACILITY=MINUTES,…`: feeds with their own rhythm (a clinic silent every night) get their own limit.
export const facilityMinutes = csv.pipe(
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
export const isAddressOrCidr = (entry: string): boolean => {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
};

export const isIanaZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** `host:port` (`[::1]:26379` for IPv6) of a Redis Sentinel or cluster node. */
const redisNode = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[^:[\]\s]+):\d{1,5}$/, {
    message: 'must be a comma-separated list of host:port',
  })
  .transform((entry) => {
    const at = entry.lastIndexOf(':');
    return { host: entry.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(entry.slice(at + 1)) };
  })
  .refine((node) => node.port > 0 && node.port <= 65535, { message: 'port must be 1-65535' });
export const redisNodes = csv.pipe(z.array(redisNode));
