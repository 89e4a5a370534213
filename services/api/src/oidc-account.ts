import type pg from 'pg';
import type { OidcSettings } from '@adt/config';
import {
  createUser,
  findUserByIdentity,
  findUserByUsername,
  hasIdentityAt,
  recordIdentitySignIn,
  UnknownTeamError,
  updateUser,
  UserExistsError,
  withTransaction,
  type Role,
  type User,
} from '@adt/db';
import { mappedAccess, readOidcPerson, type OidcRefusalReason } from './oidc-claims.js';

/** The account a person the identity provider vouched for signs in to, or why they may not. */
export type OidcAccount =
  | {
      ok: true;
      user: User;
      /** A new account was made for them. */
      created: boolean;
      /** What their groups changed on an existing account (undefined: nothing). */
      changed: { role?: Role; teams?: string[] } | undefined;
      /** The person's groups that the role and team maps name. */
      groups: string[];
    }
  | {
      ok: false;
      reason: OidcRefusalReason;
      /** The account or claimed username, when known (for the audit log). */
      username: string | null;
      detail: Record<string, unknown>;
    };

const sameTeams = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((team) => b.includes(team));

/**
 * Finds the account of a person the identity provider vouched for: by the provider's issuer and
 * subject once linked; at the first sign-in by the username claim, linking the account; else a new
 * account when the role map gives them a role. Their groups set the role and teams at every sign-in
 * (where the maps are configured). Disabled accounts, and people whose groups give no role (or a
 * navigator no team), are refused.
 * @param pool - the pool (the account is found, changed and linked in one transaction)
 * @param settings - the identity provider's settings
 * @param claims - the verified claims (ID token, then UserInfo)
 */
export async function resolveOidcAccount(
  pool: pg.Pool,
  settings: OidcSettings,
  claims: Readonly<Record<string, unknown>>,
): Promise<OidcAccount> {
  const read = readOidcPerson(claims, settings);
  if (!read.ok) return { ok: false, reason: read.reason, username: null, detail: {} };
  const { person } = read;
  const access = mappedAccess(person.groups, settings);
  const refuse = (reason: OidcRefusalReason, detail: Record<string, unknown> = {}): OidcAccount => ({
    ok: false,
    reason,
    username: person.username,
    detail: { ...detail, groups: access.groups },
  });
  const identity = { issuer: settings.issuer, subject: person.subject };
  return withTransaction(pool, async (db) => {
    let user = await findUserByIdentity(db, identity);
    if (!user) {
      user = await findUserByUsername(db, person.username);
      // That account belongs to someone else at the provider: a username claim that changed hands.
      if (user && (await hasIdentityAt(db, user.id, settings.issuer))) return refuse('username_taken');
    }
    if (user?.disabledAt) return refuse('disabled');
    if (access.role === null) return refuse('no_role');
    const role = access.role ?? user?.role;
    if (!role) return refuse('unknown_user');
    const teams = access.teams ?? user?.teams ?? [];
    if (role === 'navigator' && access.teams !== undefined && teams.length === 0) return refuse('no_team');
    let created = false;
    let changed: { role?: Role; teams?: string[] } | undefined;
    try {
      if (!user) {
        user = await createUser(db, {
          username: person.username,
          displayName: person.displayName,
          role,
          teams,
        });
        created = true;
      } else if (role !== user.role || !sameTeams(teams, user.teams)) {
        changed = {
          ...(role === user.role ? {} : { role }),
          ...(sameTeams(teams, user.teams) ? {} : { teams }),
        };
        user = (await updateUser(db, user.id, changed)) ?? user;
      }
    } catch (error) {
      if (error instanceof UnknownTeamError) return refuse('unknown_team', { teams: error.teams });
      if (error instanceof UserExistsError) return refuse('username_taken');
      throw error;
    }
    await recordIdentitySignIn(db, { ...identity, userId: user.id });
    return { ok: true, user, created, changed, groups: access.groups };
  });
}
