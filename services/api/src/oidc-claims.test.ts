import { describe, expect, it } from 'vitest';
import { groupsOf, mappedAccess, readOidcPerson } from './oidc-claims.js';

const claimsSettings = { usernameClaim: 'email', groupsClaim: 'groups' };
const maps = {
  roleMap: [
    { group: 'adt-admins', value: 'admin' as const },
    { group: 'adt-ops', value: 'ops' as const },
    { group: 'adt-nav', value: 'navigator' as const },
  ],
  teamMap: [
    { group: 'north-nurses', value: 'north' },
    { group: 'float-pool', value: 'south' },
    { group: 'float-pool', value: 'north' },
  ],
};

describe('readOidcPerson', () => {
  it('reads the subject, a lower-case username, the display name and the groups', () => {
    expect(
      readOidcPerson(
        { sub: 'abc', email: ' Jo.Rivera@Example.org', name: 'Jo Rivera', groups: ['a', 7, 'b'] },
        claimsSettings,
      ),
    ).toEqual({
      ok: true,
      person: {
        subject: 'abc',
        username: 'jo.rivera@example.org',
        displayName: 'Jo Rivera',
        groups: ['a', 'b'],
      },
    });
  });

  it('refuses a missing or unusable username and an email the provider did not verify', () => {
    expect(readOidcPerson({ sub: 'abc' }, claimsSettings)).toEqual({ ok: false, reason: 'no_username' });
    expect(readOidcPerson({ sub: 'abc', email: 42 }, claimsSettings)).toEqual({
      ok: false,
      reason: 'no_username',
    });
    expect(readOidcPerson({ sub: 'abc', email: 'jo rivera' }, claimsSettings)).toEqual({
      ok: false,
      reason: 'bad_username',
    });
    expect(
      readOidcPerson({ sub: 'abc', email: 'jo@example.org', email_verified: false }, claimsSettings),
    ).toEqual({ ok: false, reason: 'unverified_email' });
    // Another username claim is not an email: its verification flag is not its business.
    expect(
      readOidcPerson(
        { sub: 'abc', preferred_username: 'jo', email_verified: false },
        { ...claimsSettings, usernameClaim: 'preferred_username' },
      ).ok,
    ).toBe(true);
  });

  it('takes one group sent bare as a list of one', () => {
    expect(groupsOf('adt-nav')).toEqual(['adt-nav']);
    expect(groupsOf(undefined)).toEqual([]);
    expect(groupsOf({ group: 'x' })).toEqual([]);
  });
});

describe('mappedAccess', () => {
  it('gives the role of the first map entry whose group the person is in, and every mapped team', () => {
    expect(mappedAccess(['float-pool', 'adt-nav', 'adt-ops', 'other'], maps)).toEqual({
      role: 'ops',
      teams: ['north', 'south'],
      groups: ['adt-ops', 'float-pool'],
    });
  });

  it('gives no role (null) when none of the groups is mapped, and no teams', () => {
    expect(mappedAccess(['payroll'], maps)).toEqual({ role: null, teams: [], groups: [] });
  });

  it('leaves role and teams to the product when their maps are empty', () => {
    expect(mappedAccess(['adt-nav'], { roleMap: [], teamMap: [] })).toEqual({
      role: undefined,
      teams: undefined,
      groups: [],
    });
  });
});
