import { z } from 'zod';
import type { StoredAuditEntry, Team, User } from '@adt/db';
import type { Principal } from './auth.js';
import { lineText } from './input-schemas.js';

const isoDateTime = z.string().describe('ISO-8601 instant');
const role = z.enum(['navigator', 'ops', 'admin']);

/** A username as typed: letters, digits and `. _ @ -`, compared case-insensitively. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._@-]{0,99}$/, 'must be letters, digits and . _ @ - (at most 100)');

/** A team name as follow-ups carry it. */
export const teamNameSchema = lineText(100)
  .pipe(z.string().min(1))
  .refine((name) => name === name.trim(), 'may not start or end with spaces');

/** Who is signed in, as the inbox shows it. */
export const whoSchema = z
  .object({
    kind: z.enum(['session', 'token']),
    role,
    displayName: z.string(),
    actor: z.string(),
    teams: z.array(z.string()),
    leads: z.array(z.string()).describe('The teams this user leads (their team view is /team)'),
  })
  .meta({ id: 'Principal' });

/** The answer of `GET/POST /api/session`. */
export const sessionSchema = z
  .object({
    user: whoSchema.nullable().describe('null when nobody is signed in'),
    csrfToken: z.string().describe('Send as X-CSRF-Token on cookie-authenticated POST/PATCH/DELETE'),
    practiceTimeZone: z.string().describe('Dates in the inbox are shown in this IANA time zone'),
    idleTimeoutMs: z.number().int(),
    signIn: z
      .object({
        password: z.boolean().describe('Whether `POST /api/session` takes a username and password'),
        provider: z
          .string()
          .nullable()
          .describe('The identity provider of "Sign in with …" (`GET /auth/oidc/start`); null: none'),
      })
      .describe('How people sign in here'),
  })
  .meta({ id: 'Session' });

export const userSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role,
    teams: z.array(z.string()),
    disabled: z.boolean(),
    lastSignInAt: isoDateTime.nullable(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'User' });

export const teamSchema = z
  .object({
    name: z.string(),
    displayName: z.string(),
    members: z.array(z.string()).describe('usernames'),
    leads: z.array(z.string()).describe('usernames of the members who lead the team (`adt team lead`)'),
    isDefault: z
      .boolean()
      .describe('follow-ups no roster entry or team rule assigns go here (unless DEFAULT_TEAM is set)'),
    createdAt: isoDateTime,
  })
  .meta({ id: 'Team' });

export const auditEntrySchema = z.object({
  id: z.string(),
  at: isoDateTime,
  actor: z.string(),
  action: z
    .string()
    .describe(
      'list, export, read, search, sign_in, sign_in_failed, sign_out, create, update, revoke, denied (a 403)',
    ),
  resource: z.string(),
  resourceId: z.string().nullable(),
  remoteAddress: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});

/**
 * The signed-in caller as the inbox shows it.
 * @param principal - the caller
 */
export function toWhoJson(principal: Principal, leads: readonly string[] = []): z.infer<typeof whoSchema> {
  return {
    kind: principal.kind,
    role: principal.role,
    displayName: principal.displayName,
    actor: principal.actor,
    teams: [...principal.teams],
    leads: [...leads],
  };
}

/**
 * The JSON form of a user (never the password hash).
 * @param u - the stored user
 */
export function toUserJson(u: User): z.infer<typeof userSchema> {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    teams: u.teams,
    disabled: u.disabledAt !== null,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

/**
 * The JSON form of a team.
 * @param t - the stored team
 */
export function toTeamJson(t: Team): z.infer<typeof teamSchema> {
  return { ...t, createdAt: t.createdAt.toISOString() };
}

/**
 * The JSON form of an audit entry.
 * @param e - the stored entry
 */
export function toAuditEntryJson(e: StoredAuditEntry): z.infer<typeof auditEntrySchema> {
  return { ...e, at: e.at.toISOString() };
}
