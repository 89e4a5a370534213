import type { FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { findSessionPrincipal, findTokenPrincipal, userActor, type Role } from '@adt/db';
import { BACKGROUND_HEADER, readSessionCookie } from './session-cookie.js';

/** Who is calling: a script with an API bearer token, or a person signed in with a session cookie. */
export interface Principal {
  kind: 'token' | 'session';
  role: Role;
  /** The teams whose follow-ups a navigator may see (admins and ops see every team). */
  teams: readonly string[];
  /** How the caller is written in the audit log and the care-action log. */
  actor: string;
  /** A name for people: the user's display name, or the token's label. */
  displayName: string;
  userId: string | null;
  sessionId: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/**
 * HTTP error with a status the error handler sends as is (4xx messages are shown to the caller);
 * `detail` adds fields to the answer beside `error` and `message` (the route's schema lists them).
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly detail: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/**
 * Resolves the caller: `Authorization: Bearer <token>` when the header is sent (then a session
 * cookie is ignored), else the session cookie. Null when neither is valid.
 * @param request - the incoming request
 * @param idleTimeoutMs - how long a session survives without activity
 */
export async function resolvePrincipal(
  pool: pg.Pool,
  request: FastifyRequest,
  idleTimeoutMs: number,
): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) return null;
    const token = await findTokenPrincipal(pool, match[1]);
    if (!token) return null;
    // The role and teams are the owner's as they are now; the actor names the token, whose owner
    // `GET /api/tokens` shows.
    return {
      kind: 'token',
      role: token.role,
      teams: token.teams,
      actor: `${token.role}:${token.name}#${token.tokenId}`,
      displayName: token.name,
      userId: token.userId,
      sessionId: null,
    };
  }
  const cookie = readSessionCookie(request);
  if (!cookie) return null;
  const session = await findSessionPrincipal(pool, cookie, {
    idleTimeoutMs,
    // The inbox's background refresh is not activity: an unattended screen still times out.
    touch: request.headers[BACKGROUND_HEADER] !== '1',
  });
  if (!session) return null;
  return {
    kind: 'session',
    role: session.role,
    teams: session.teams,
    actor: userActor(session.username),
    displayName: session.displayName || session.username,
    userId: session.userId,
    sessionId: session.sessionId,
  };
}

/**
 * The caller of a route guarded by {@link requireRole}.
 * @param request - the request
 */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new HttpError(401, 'unauthenticated', 'Sign in first');
  return request.principal;
}

/**
 * The caller when they hold one of the roles; else a 401 (no valid credential) or 403 (HttpError).
 * @param principal - the caller, if any
 * @param roles - roles allowed
 */
export function assertRole(principal: Principal | null, roles: readonly Role[]): Principal {
  if (!principal)
    throw new HttpError(401, 'unauthenticated', 'Sign in or send Authorization: Bearer <token>');
  if (!roles.includes(principal.role)) {
    throw new HttpError(403, 'forbidden', `This needs one of the roles: ${roles.join(', ')}`);
  }
  return principal;
}

/**
 * A pre-handler that answers 401 without a valid credential and 403 for a role not listed.
 * @param roles - roles allowed on the route
 */
export function requireRole(...roles: Role[]) {
  return (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void => {
    try {
      assertRole(request.principal, roles);
      done();
    } catch (error) {
      done(error as Error);
    }
  };
}

/**
 * The team whose follow-ups to show; undefined means every team (admins). A navigator sees one of
 * their teams (the first, alphabetically, unless they ask for another of theirs); asking for a team
 * that is not theirs is refused.
 * @param principal - the caller
 * @param requestedTeam - the team asked for, if any
 */
export function visibleTeam(principal: Principal, requestedTeam: string | undefined): string | undefined {
  return visibleTeams(principal, requestedTeam)?.[0];
}

/**
 * The teams whose follow-ups to list; undefined means every team (admins without a filter). A
 * navigator's list is one queue across all of their teams unless they narrow it to one of theirs;
 * asking for a team that is not theirs is refused.
 * @param principal - the caller
 * @param requestedTeam - the team asked for, if any
 */
export function visibleTeams(
  principal: Principal,
  requestedTeam: string | undefined,
): readonly string[] | undefined {
  if (principal.role !== 'navigator') return requestedTeam === undefined ? undefined : [requestedTeam];
  if (principal.teams.length === 0) throw new HttpError(403, 'no_team', 'This navigator belongs to no team');
  if (requestedTeam === undefined) return principal.teams;
  if (!principal.teams.includes(requestedTeam)) {
    throw new HttpError(403, 'other_team', `Team ${requestedTeam} is not yours`);
  }
  return [requestedTeam];
}

/**
 * Refuses a navigator access to a follow-up of another team.
 * @param principal - the caller
 * @param team - the follow-up's team
 */
export function assertTeamAccess(principal: Principal, team: string): void {
  if (principal.role === 'navigator' && !principal.teams.includes(team)) {
    throw new HttpError(403, 'other_team', 'This follow-up belongs to another team');
  }
}
