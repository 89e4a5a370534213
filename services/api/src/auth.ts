import type { FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { findTokenPrincipal, type Role, type TokenPrincipal } from '@adt/db';

declare module 'fastify' {
  interface FastifyRequest {
    principal: TokenPrincipal | null;
  }
}

/** HTTP error with a status the error handler sends as is (4xx messages are shown to the caller). */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads `Authorization: Bearer <token>` and resolves it to a principal (null when absent or unknown).
 * @param pool - database pool
 * @param request - the incoming request
 */
export async function resolvePrincipal(
  pool: pg.Pool,
  request: FastifyRequest,
): Promise<TokenPrincipal | null> {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return null;
  return findTokenPrincipal(pool, match[1]);
}

/**
 * A pre-handler that answers 401 without a valid credential and 403 for a role not listed.
 * @param roles - roles allowed on the route
 */
export function requireRole(...roles: Role[]) {
  return (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void => {
    const principal = request.principal;
    if (!principal) {
      done(new HttpError(401, 'unauthenticated', 'Sign in or send Authorization: Bearer <token>'));
      return;
    }
    if (!roles.includes(principal.role)) {
      done(new HttpError(403, 'forbidden', `This needs one of the roles: ${roles.join(', ')}`));
      return;
    }
    done();
  };
}

/**
 * The team a navigator may see; null means every team (admins). A navigator asking for another
 * team's data is refused.
 * @param principal - the caller
 * @param requestedTeam - the team asked for, if any
 */
export function visibleTeam(
  principal: TokenPrincipal,
  requestedTeam: string | undefined,
): string | undefined {
  if (principal.role !== 'navigator') return requestedTeam;
  if (principal.team === null) throw new HttpError(403, 'no_team', 'This navigator belongs to no team');
  if (requestedTeam !== undefined && requestedTeam !== principal.team) {
    throw new HttpError(403, 'other_team', `Team ${requestedTeam} is not yours`);
  }
  return principal.team;
}

/**
 * Refuses a navigator access to a follow-up of another team.
 * @param principal - the caller
 * @param team - the follow-up's team
 */
export function assertTeamAccess(principal: TokenPrincipal, team: string): void {
  if (principal.role === 'navigator' && principal.team !== team) {
    throw new HttpError(403, 'other_team', 'This follow-up belongs to another team');
  }
}
