import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  checkCredentials,
  deleteEndedSessions,
  deleteStaleSignInFailures,
  findUserById,
  findUserByUsername,
  listLedTeams,
  recordAudit,
  revokeSession,
  setUserPassword,
  userActor,
  type User,
} from '@adt/db';
import { HttpError, principalOf, type Principal } from '../auth.js';
import type { ApiContext } from '../api-context.js';
import { sessionSchema, toWhoJson } from '../account-schemas.js';
import { filterText, passwordText } from '../input-schemas.js';
import { errorSchema } from '../schemas.js';
import { clearSessionCookie, csrfTokenFor, readSessionCookie } from '../session-cookie.js';
import { startSession as startUserSession } from '../session-start.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema };
// Ended sessions are deleted a while after they end; sign-ins and sign-outs stay in the audit log.
const ENDED_SESSION_KEEP_MS = 7 * 24 * 60 * 60_000;
/** The actor of a failed sign-in with a username nobody has. */
const UNKNOWN_USER_ACTOR = 'user:(unknown)';

/**
 * Sign-in, sign-out and who am I, for the browser. Sign-in always starts a new session (a session id
 * planted before sign-in is worthless) and a new CSRF secret. Every sign-in, failed sign-in and
 * sign-out is audit-logged.
 * @param app - the Fastify instance
 * @param options - shared API context
 */
export const sessionRoutes: FastifyPluginAsyncZod<{ context: ApiContext }> = (app, { context }) => {
  const { pool, config } = context;

  const sessionJson = async (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal | null,
    csrf: { fresh?: boolean; sessionToken?: string | null } = {},
  ) => ({
    user: principal
      ? toWhoJson(principal, principal.userId === null ? [] : await listLedTeams(pool, principal.userId))
      : null,
    csrfToken: csrfTokenFor(request, reply, csrf),
    practiceTimeZone: config.practice.timeZone,
    idleTimeoutMs: config.api.sessionIdleTimeoutMs,
    signIn: { password: config.signIn.password, provider: config.signIn.oidc?.providerName ?? null },
  });

  const assertPasswordSignIn = (): void => {
    if (config.signIn.password) return;
    const provider = config.signIn.oidc?.providerName ?? 'your identity provider';
    throw new HttpError(
      403,
      'password_sign_in_off',
      `Password sign-in is turned off here: use "Sign in with ${provider}"`,
    );
  };

  const startSession = (request: FastifyRequest, reply: FastifyReply, user: User) =>
    startUserSession(context, request, reply, user);

  app.get(
    '/api/session',
    {
      schema: {
        summary: 'Who is signed in, and the CSRF token for the page',
        description: 'Open to everyone: the sign-in page reads its CSRF token here.',
        security: [],
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) => sessionJson(request, reply, request.principal),
  );

  app.post(
    '/api/session',
    {
      schema: {
        summary: 'Sign in with username and password (sets the session cookie)',
        description:
          'Needs the X-CSRF-Token header from `GET /api/session`. Answers 403 `password_sign_in_off` where PASSWORD_SIGN_IN=false (sign in through the identity provider instead). Five wrong passwords in a row for one username from one address lock sign-in for that username from that address (1 minute, doubling with each further failure up to 15 minutes); other addresses are not affected. Unknown usernames get the same answers.',
        security: [],
        body: z.strictObject({ username: filterText(200), password: passwordText.pipe(z.string().min(1)) }),
        response: { 200: sessionSchema, ...errors },
      },
    },
    async (request, reply) => {
      assertPasswordSignIn();
      const { username, password } = request.body;
      const checked = await checkCredentials(pool, username, password, request.ip);
      if (!checked.ok) {
        // An unknown name may be a password typed into the wrong box: it is not written down.
        const known = await findUserByUsername(pool, username);
        await recordAudit(pool, {
          actor: known ? userActor(known.username) : UNKNOWN_USER_ACTOR,
          action: 'sign_in_failed',
          resource: 'session',
          remoteAddress: request.ip,
          detail: { reason: checked.reason },
        });
        if (checked.reason === 'locked') {
          throw new HttpError(
            401,
            'locked',
            `Too many wrong passwords: signing in with this username from your address is locked until ${checked.lockedUntil.toISOString()}. An admin can lift it sooner by setting a new password.`,
          );
        }
        throw new HttpError(401, 'invalid_credentials', 'Wrong username or password');
      }
      const { principal, token } = await startSession(request, reply, checked.user);
      await recordAudit(pool, {
        actor: principal.actor,
        action: 'sign_in',
        resource: 'session',
        resourceId: principal.sessionId,
        remoteAddress: request.ip,
      });
      await deleteEndedSessions(pool, ENDED_SESSION_KEEP_MS);
      await deleteStaleSignInFailures(pool);
      return sessionJson(request, reply, principal, { fresh: true, sessionToken: token });
    },
  );

  app.delete(
    '/api/session',
    {
      schema: {
        summary: 'Sign out (ends the session and removes the cookie)',
        security: [],
        response: { 200: sessionSchema, ...errors },
      },
    },
    async (request, reply) => {
      const token = readSessionCookie(request);
      if (token) await revokeSession(pool, token);
      clearSessionCookie(request, reply);
      if (request.principal?.kind === 'session') {
        await recordAudit(pool, {
          actor: request.principal.actor,
          action: 'sign_out',
          resource: 'session',
          resourceId: request.principal.sessionId,
          remoteAddress: request.ip,
        });
      }
      return sessionJson(request, reply, null, { fresh: true, sessionToken: null });
    },
  );

  app.post(
    '/api/session/password',
    {
      schema: {
        summary: 'Change your own password (ends your other sessions)',
        body: z.strictObject({
          currentPassword: passwordText.pipe(z.string().min(1)),
          newPassword: passwordText.pipe(z.string().min(1)),
        }),
        response: { 200: sessionSchema, ...errors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      assertPasswordSignIn();
      if (principal.kind !== 'session' || !principal.userId) {
        throw new HttpError(403, 'forbidden', 'Only a signed-in person changes their password');
      }
      const user = await findUserById(pool, principal.userId);
      if (!user) throw new HttpError(401, 'unauthenticated', 'Sign in first');
      const checked = await checkCredentials(pool, user.username, request.body.currentPassword, request.ip);
      if (!checked.ok) throw new HttpError(403, 'invalid_credentials', 'The current password is wrong');
      await setUserPassword(pool, user.id, request.body.newPassword);
      // Every session ended with the old password; this browser carries on in a new one.
      const { principal: renewed, token } = await startSession(request, reply, user);
      await recordAudit(pool, {
        actor: renewed.actor,
        action: 'update',
        resource: 'password',
        resourceId: user.id,
        remoteAddress: request.ip,
      });
      return sessionJson(request, reply, renewed, { fresh: true, sessionToken: token });
    },
  );
  return Promise.resolve();
};
