import type { FastifyReply, FastifyRequest } from 'fastify';
import { createSession, revokeSession, userActor, type User } from '@adt/db';
import type { Principal } from './auth.js';
import type { ApiContext } from './api-context.js';
import { readSessionCookie, setSessionCookie } from './session-cookie.js';

/**
 * Starts a browser session for a user who just proved who they are (password or identity
 * provider): a session id the browser brought along is ended, never promoted (no session fixation),
 * and the new one is set in the cookie.
 * @param context - the pool and the session lifetime
 * @param request - the sign-in request
 * @param reply - its reply (gets the cookie)
 * @param user - who signed in
 * @returns the new session's caller and its token (the CSRF token is bound to it)
 */
export async function startSession(
  context: Pick<ApiContext, 'pool' | 'config'>,
  request: FastifyRequest,
  reply: FastifyReply,
  user: User,
): Promise<{ principal: Principal; token: string }> {
  const previous = readSessionCookie(request);
  if (previous) await revokeSession(context.pool, previous);
  const session = await createSession(context.pool, {
    userId: user.id,
    maxAgeMs: context.config.api.sessionMaxAgeMs,
    remoteAddress: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
  });
  setSessionCookie(request, reply, session.token);
  const principal: Principal = {
    kind: 'session',
    role: user.role,
    teams: user.teams,
    actor: userActor(user.username),
    displayName: user.displayName || user.username,
    userId: user.id,
    sessionId: session.sessionId,
  };
  return { principal, token: session.token };
}
