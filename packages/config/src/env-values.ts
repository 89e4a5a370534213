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

/** The roles a group of the identity provider can be mapped to. */
export const ROLES = ['navigator', 'ops', 'admin'] as const;

/** One entry of a `GROUP:VALUE,…` list (`adt-admins:admin`). */
export interface GroupMapping<V extends string> {
  readonly group: string;
  readonly value: V;
}

/**
 * `GROUP:VALUE,…`, in the order written. A group name may itself hold colons (Keycloak paths, URNs):
 * the value is what follows the last one. A group listed twice is refused: which entry wins would be
 * a guess.
 * @param value - checks one value and names what it must be
 */
export const groupMap = <V extends string>(value: z.ZodType<V>) =>
  csv.transform((entries, ctx): readonly GroupMapping<V>[] => {
    const mappings: GroupMapping<V>[] = [];
    for (const entry of entries) {
      const at = entry.lastIndexOf(':');
      const group = entry.slice(0, at).trim();
      const parsed = value.safeParse(entry.slice(at + 1).trim());
      if (at <= 0 || !group || !parsed.success) {
        const why = parsed.error?.issues[0]?.message ?? 'must not be empty';
        ctx.addIssue({ code: 'custom', message: `"${entry}" is not GROUP:VALUE (the value ${why})` });
        return z.NEVER;
      }
      mappings.push({ group, value: parsed.data });
    }
    return mappings;
  });

/**
 * Whether a URL may be used for sign-in traffic: `https`, or `http` to this machine only (a
 * development identity provider, tests).
 * @param url - a URL that parsed
 */
export const isHttpsOrLoopback = (url: string): boolean => {
  const { protocol, hostname } = new URL(url);
  return (
    protocol === 'https:' || (protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(hostname))
  );
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
