import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as openid from 'openid-client';
import { z } from 'zod';
import type { OidcSettings } from '@adt/config';
import { recordAudit, saveOidcSignInAttempt, takeOidcSignInAttempt, userActor } from '@adt/db';
import type { ApiContext } from '../api-context.js';
import { resolveOidcAccount } from '../oidc-account.js';
import { OidcUnavailableError, type OidcClient } from '../oidc-client.js';
import { OIDC_CALLBACK_ROUTE, OIDC_START_ROUTE } from '../route-match.js';
import { csrfTokenFor } from '../session-cookie.js';
import { startSession } from '../session-start.js';

/** The cookie that ties the provider's answer to the browser that went there. */
const OIDC_COOKIE = 'adt_oidc';
/** How long a person has to sign in at the provider. */
const SIGN_IN_ATTEMPT_TTL_MS = 10 * 60_000;
/** The actor of a failed sign-in whose person is not known. */
const UNKNOWN_USER_ACTOR = 'user:(unknown)';

// The attempt cookie must come back on the provider's redirect, a top-level navigation from another
// site: SameSite=Lax (Strict would withhold it). It is useless alone: the attempt is single-use,
// short-lived, and the provider's code only works with the PKCE verifier kept in Postgres.
const attemptCookie = (request: FastifyRequest) => ({
  path: '/auth/oidc/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: request.protocol === 'https',
  maxAge: SIGN_IN_ATTEMPT_TTL_MS / 1000,
});

/**
 * The sign-in page, with a next page or a refusal. The page, not the server, decides whether
 * `next` is a page of this site (`next-page.js`); and it is the page's own navigation that opens
 * it, so the SameSite=Strict session cookie goes along (after a trip through another site, the
 * browser withholds it from the first navigation).
 * @param query - what the page is told
 */
function signInPage(query: { next?: string | null; error?: string }): string {
  const params = new URLSearchParams();
  if (query.error) params.set('error', query.error);
  if (query.next) params.set('next', query.next);
  const search = params.toString();
  return search ? `/sign-in?${search}` : '/sign-in';
}

const noStore = (reply: FastifyReply): FastifyReply =>
  reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');

/**
 * Sign-in through the identity provider (OpenID Connect authorization code flow with PKCE). The
 * state, nonce and PKCE verifier stay in Postgres, found by a random value in a short-lived
 * cookie; the callback verifies the ID token, finds or creates the account (`oidc-account.ts`) and
 * starts an ordinary session. Sign-ins, refusals and account changes are audit-logged.
 * @param app - the Fastify instance
 * @param options - shared API context, the provider's settings and a client of it
 */
export const oidcRoutes: FastifyPluginAsyncZod<{
  context: ApiContext;
  settings: OidcSettings;
  client: OidcClient;
}> = (app, { context, settings, client }) => {
  const { pool } = context;
  const hidden = { hide: true };

  app.get(
    OIDC_START_ROUTE,
    { schema: { ...hidden, querystring: z.object({ next: z.string().max(2000).optional() }) } },
    async (request, reply) => {
      noStore(reply);
      const next = request.query.next ?? null;
      const checks = {
        state: openid.randomState(),
        nonce: openid.randomNonce(),
        codeVerifier: openid.randomPKCECodeVerifier(),
      };
      let url: URL;
      try {
        url = await client.authorizationUrl(checks);
      } catch (error) {
        if (!(error instanceof OidcUnavailableError)) throw error;
        request.log.warn(
          { error: { name: error.name, message: error.message } },
          'identity provider unavailable',
        );
        return reply.redirect(signInPage({ error: 'unavailable', next }), 303);
      }
      const token = await saveOidcSignInAttempt(pool, {
        ...checks,
        nextPage: next,
        ttlMs: SIGN_IN_ATTEMPT_TTL_MS,
      });
      reply.setCookie(OIDC_COOKIE, token, attemptCookie(request));
      return reply.redirect(url.href, 303);
    },
  );

  app.get(OIDC_CALLBACK_ROUTE, { schema: hidden }, async (request, reply) => {
    noStore(reply);
    const cookie = request.cookies[OIDC_COOKIE];
    reply.clearCookie(OIDC_COOKIE, attemptCookie(request));
    const attempt =
      cookie && /^[A-Za-z0-9_-]{20,100}$/.test(cookie) ? await takeOidcSignInAttempt(pool, cookie) : null;
    const refuse = async (reason: string, actor: string, detail: Record<string, unknown> = {}) => {
      await recordAudit(pool, {
        actor,
        action: 'sign_in_failed',
        resource: 'session',
        remoteAddress: request.ip,
        detail: { method: 'oidc', reason, ...detail },
      });
      return reply.redirect(signInPage({ error: reason, next: attempt?.nextPage }), 303);
    };
    // No attempt: too slow, used already, another browser's answer, or a forged callback link.
    if (!attempt) return refuse('expired', UNKNOWN_USER_ACTOR);

    let claims: Record<string, unknown>;
    try {
      claims = await client.signIn(new URL(request.url, 'http://callback').search, attempt);
    } catch (error) {
      if (error instanceof openid.AuthorizationResponseError) {
        // The provider's own refusal (the person cancelled, or is not assigned to the application).
        return refuse('provider_error', UNKNOWN_USER_ACTOR, { error: error.error.slice(0, 100) });
      }
      const unavailable = error instanceof OidcUnavailableError;
      // The message names the check that failed (state, nonce, signature…); the error's cause may
      // hold the ID token's claims, which stay out of the log.
      const { name, message } = error instanceof Error ? error : { name: 'unknown', message: String(error) };
      request.log.warn({ error: { name, message } }, 'identity provider sign-in failed');
      return refuse(unavailable ? 'unavailable' : 'failed', UNKNOWN_USER_ACTOR);
    }

    const account = await resolveOidcAccount(pool, settings, claims);
    if (!account.ok) {
      const actor = account.username ? userActor(account.username) : UNKNOWN_USER_ACTOR;
      return refuse(account.reason, actor, account.detail);
    }
    const { user } = account;
    const actor = userActor(user.username);
    if (account.created || account.changed) {
      await recordAudit(pool, {
        actor,
        action: account.created ? 'create' : 'update',
        resource: 'user',
        resourceId: user.id,
        remoteAddress: request.ip,
        detail: {
          source: 'oidc',
          groups: account.groups,
          ...(account.created ? { role: user.role, teams: user.teams } : account.changed),
        },
      });
    }
    const { principal, token } = await startSession(context, request, reply, user);
    // A new CSRF secret for the new session, as at password sign-in; the page reads its token.
    csrfTokenFor(request, reply, { fresh: true, sessionToken: token });
    await recordAudit(pool, {
      actor,
      action: 'sign_in',
      resource: 'session',
      resourceId: principal.sessionId,
      remoteAddress: request.ip,
      detail: { method: 'oidc', groups: account.groups },
    });
    return reply.redirect(signInPage({ next: attempt.nextPage ?? '/' }), 303);
  });
  return Promise.resolve();
};
