import type { FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { RedisConnection } from '@adt/queue';
import { HttpError } from './auth.js';
import { isApiRoute, isOidcSignIn, isSignIn, matchedRoute } from './route-match.js';

/** How many requests one caller may make per minute. */
export interface RateLimitSettings {
  /**
   * `POST /api/session` per client address: slows password guessing across accounts. Each of the
   * identity provider's routes (start, callback) has the same limit of its own.
   */
  signInPerMinute: number;
  /** Any other `/api` request per caller (token or session, else client address). */
  apiPerMinute: number;
}

/**
 * Production limits. Sign-in is strict (the per-account lockout after five wrong passwords stops
 * guessing at one account; this stops spraying one password over many). The API limit is far above
 * what the inbox does (a worklist poll every few seconds per tab) and only stops runaway scripts.
 */
export const DEFAULT_RATE_LIMITS: RateLimitSettings = { signInPerMinute: 10, apiPerMinute: 1200 };

const RATE_LIMIT_WINDOW_MS = 60_000;

/** Where the counts live: Redis, shared by every API process of the installation. */
export interface RateLimitStore {
  redis: RedisConnection;
  /** Start of the counters' keys: the installation's queue prefix keeps installations apart. */
  keyPrefix: string;
}

/**
 * Registers the rate limits on every `/api` route and the identity provider's sign-in routes
 * registered after it (pages, assets, health and the queue dashboard are not counted). The counts
 * live in Redis, so several API processes behind one load balancer enforce one limit, not one each.
 * @param app - the root Fastify instance, before the routes
 * @param settings - the limits
 * @param store - the Redis connection and key prefix of the counts
 */
export async function registerRateLimits(
  app: FastifyInstance,
  settings: RateLimitSettings,
  store: RateLimitStore,
): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    timeWindow: RATE_LIMIT_WINDOW_MS,
    redis: store.redis,
    nameSpace: `${store.keyPrefix}:rate-limit:`,
    // With Redis down the API still serves navigators (Postgres holds everything they need); the
    // per-account sign-in lockout, kept in Postgres, still stops password guessing meanwhile.
    skipOnError: true,
    // Route-level onRequest hooks run after the app's, so the caller is already resolved here.
    allowList: (request) => !isApiRoute(request) && !isOidcSignIn(request),
    max: (request) =>
      isSignIn(request) || isOidcSignIn(request) ? settings.signInPerMinute : settings.apiPerMinute,
    // Sign-in counts by address (there is no caller yet); the API by caller, so a ward of navigators
    // behind one hospital address does not share one budget. Behind a proxy the address is the
    // client's only with TRUST_PROXY.
    keyGenerator: (request) => {
      if (isSignIn(request)) return `sign-in:${request.ip}`;
      if (isOidcSignIn(request)) return `sign-in:${request.ip}:${matchedRoute(request) ?? ''}`;
      const principal = request.principal;
      return principal ? `${principal.kind}:${principal.actor}` : `address:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) =>
      new HttpError(context.statusCode, 'rate_limited', `Too many requests: try again in ${context.after}`),
  });
}
