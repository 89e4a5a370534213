import type { OidcSettings } from '@adt/config';
import type { Role } from '@adt/db';

/** Why a person the identity provider vouched for is not let in. */
export type OidcRefusalReason =
  | 'no_username'
  | 'bad_username'
  | 'unverified_email'
  | 'no_role'
  | 'no_team'
  | 'unknown_user'
  | 'unknown_team'
  | 'username_taken'
  | 'disabled';

/** Who the identity provider says signed in, as read from their claims. */
export interface OidcPerson {
  /** The provider's subject (`sub`): with the issuer, the link to the account. */
  subject: string;
  /** The username the agreed claim gives, lower-case. */
  username: string;
  /** A display name for a new account (`name`), or empty. */
  displayName: string;
  groups: readonly string[];
}

const USERNAME = /^[a-z0-9][a-z0-9._@-]{0,99}$/;

/**
 * The groups in a claim: a list of strings, or one string (some providers send one group bare).
 * @param claim - the claim's value
 */
export function groupsOf(claim: unknown): string[] {
  if (typeof claim === 'string') return [claim];
  if (!Array.isArray(claim)) return [];
  return claim.filter((group): group is string => typeof group === 'string');
}

/**
 * Reads the person from the ID token's claims (and the UserInfo answer's, for claims the ID token
 * left out). A username claim that is missing, not text, or not a valid username refuses them, and
 * so does an email the provider says it did not verify when the email is the username.
 * @param claims - the claims, the ID token's first
 * @param settings - which claims name the account and list the groups
 */
export function readOidcPerson(
  claims: Readonly<Record<string, unknown>>,
  settings: Pick<OidcSettings, 'usernameClaim' | 'groupsClaim'>,
): { ok: true; person: OidcPerson } | { ok: false; reason: OidcRefusalReason } {
  const subject = claims['sub'];
  const claimed = claims[settings.usernameClaim];
  if (typeof subject !== 'string' || typeof claimed !== 'string' || !claimed.trim()) {
    return { ok: false, reason: 'no_username' };
  }
  const username = claimed.trim().toLowerCase();
  if (!USERNAME.test(username)) return { ok: false, reason: 'bad_username' };
  if (settings.usernameClaim === 'email' && claims['email_verified'] === false) {
    return { ok: false, reason: 'unverified_email' };
  }
  const name = claims['name'];
  return {
    ok: true,
    person: {
      subject,
      username,
      displayName: typeof name === 'string' ? name.trim().slice(0, 200) : '',
      groups: groupsOf(claims[settings.groupsClaim]),
    },
  };
}

/**
 * The role and teams the person's groups give. `role` is undefined when roles are managed in the
 * product (no role map), null when the map gives none of the person's groups a role; `teams` is
 * undefined when teams are managed in the product (no team map).
 * @param groups - the person's groups
 * @param settings - the role and team maps
 */
export function mappedAccess(
  groups: readonly string[],
  settings: Pick<OidcSettings, 'roleMap' | 'teamMap'>,
): { role: Role | null | undefined; teams: string[] | undefined; groups: string[] } {
  const member = new Set(groups);
  const roleEntry = settings.roleMap.find((m) => member.has(m.group));
  const teamEntries = settings.teamMap.filter((m) => member.has(m.group));
  return {
    role: settings.roleMap.length === 0 ? undefined : (roleEntry?.value ?? null),
    teams: settings.teamMap.length === 0 ? undefined : [...new Set(teamEntries.map((m) => m.value))].sort(),
    // Only the groups that mean something here: the audit log need not list every group someone is in.
    groups: [...new Set([...(roleEntry ? [roleEntry.group] : []), ...teamEntries.map((m) => m.group)])],
  };
}
