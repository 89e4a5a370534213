import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCredentials, createSession, findSessionPrincipal, migrateDatabase } from '@adt/db';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import { parseTeamArgs, runTeamCommand } from './team.js';
import { runCaptured } from '../testing/captured-io.js';
import { parseUserArgs, runUserCommand } from './user.js';

describe('adt user / adt team', () => {
  let db: TestDatabase;
  const user = (args: string[], stdin = '') =>
    runCaptured((io) => runUserCommand(db.pool, parseUserArgs(args), io, null), stdin);
  const team = (args: string[], configuredDefaultTeam: string | null = null) =>
    runCaptured((io) => runTeamCommand(db.pool, parseTeamArgs(args), io, configuredDefaultTeam));

  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'cliuser');
  });

  afterAll(async () => {
    await db.drop();
  });

  it('parses the command lines, refusing a bad role', () => {
    expect(
      parseUserArgs(['create', 'jdoe', '--role', 'navigator', '--team', 'north', '--team', 'south']),
    ).toEqual({
      action: 'create',
      username: 'jdoe',
      role: 'navigator',
      teams: ['north', 'south'],
      displayName: '',
      passwordFromStdin: false,
    });
    expect(() => parseUserArgs(['create', 'jdoe', '--role', 'nurse'])).toThrow(/--role/);
    expect(() => parseUserArgs(['create', '--role', 'ops'])).toThrow(/username/);
    expect(parseTeamArgs(['add-member', 'north', 'jdoe'])).toEqual({
      action: 'add-member',
      team: 'north',
      username: 'jdoe',
    });
  });

  it('adds a team, the first one becoming the default, then a navigator on it with a password from stdin who can sign in', async () => {
    const added = await team(['add', 'north', '--name', 'North clinic']);
    expect(added.code).toBe(0);
    expect(added.stderr[0]).toMatch(/^added team north; as the first team, it gets the follow-ups/);
    const created = await user(
      [
        'create',
        'JRivera',
        '--role',
        'navigator',
        '--team',
        'north',
        '--name',
        'Jo Rivera, RN',
        '--password-stdin',
      ],
      'a long enough password\n',
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toEqual([]);
    expect(created.stderr).toEqual(['created navigator jrivera (teams: north)']);
    const checked = await checkCredentials(db.pool, 'jrivera', 'a long enough password');
    expect(checked).toMatchObject({ ok: true, user: { displayName: 'Jo Rivera, RN', teams: ['north'] } });
  });

  it('refuses a team nobody added, and a username taken', async () => {
    await expect(user(['create', 'x', '--role', 'navigator', '--team', 'nowhere'])).rejects.toThrow(
      /No team nowhere; add it first/,
    );
    await expect(team(['add-member', 'nowhere', 'jrivera'])).rejects.toThrow(/No team nowhere; add it first/);
    await expect(team(['default', 'nowhere'])).rejects.toThrow(/No team nowhere; add it first/);
    await expect(user(['create', 'jrivera', '--role', 'ops'])).rejects.toThrow(/already exists/);
  });

  it('generates and prints a password when none is piped in; a navigator without --team joins the default team', async () => {
    const created = await user(['create', 'float', '--role', 'navigator']);
    const [password] = created.stdout;
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(await checkCredentials(db.pool, 'float', password ?? '')).toMatchObject({
      ok: true,
      user: { teams: ['north'] },
    });
  });

  it('manages memberships and lists users and teams', async () => {
    expect((await team(['add', 'south'])).stderr).toEqual(['added team south']);
    expect((await team(['add-member', 'south', 'float'])).code).toBe(0);
    expect((await team(['add-member', 'south', 'ghost'])).code).toBe(1);
    const teams = await team(['list']);
    expect(teams.stdout).toEqual([
      'team\tname\tdefault\tmembers',
      'north\tNorth clinic\tyes\tfloat,jrivera',
      'south\t\t-\tfloat',
    ]);
    expect((await team(['remove-member', 'north', 'float'])).code).toBe(0);
    const users = await user(['list']);
    expect(users.stdout[0]).toBe('username\tname\trole\tteams\tstatus\tlast_sign_in');
    expect(users.stdout.find((l) => l.startsWith('float\t'))).toMatch(/\tnavigator\tsouth\tactive\t/);
  });

  it('shows and moves the default team; DEFAULT_TEAM, when set, overrides it', async () => {
    expect((await team(['default'])).stdout).toEqual(['north']);
    const moved = await team(['default', 'south']);
    expect(moved.code).toBe(0);
    expect(moved.stderr).toEqual([
      'follow-ups no roster entry or team rule assigns now go to south',
      'follow-ups already routed stay where they are (--move-open moves those open in north)',
    ]);
    expect((await team(['default'])).stdout).toEqual(['south']);
    expect((await team(['list'])).stdout.filter((l) => l.includes('\tyes\t'))).toEqual([
      'south\t\tyes\tfloat',
    ]);
    const pinned = await team(['default'], 'west');
    expect(pinned.stdout).toEqual(['west']);
    expect(pinned.stderr).toEqual(['set by DEFAULT_TEAM']);
    expect((await team(['default', 'north'], 'west')).stderr[0]).toMatch(/but DEFAULT_TEAM=west is set/);
    expect((await team(['default'])).stdout).toEqual(['north']);
  });

  it('disables a user, ending their sessions, and enables them again', async () => {
    const found = await checkCredentials(db.pool, 'jrivera', 'a long enough password');
    if (!found.ok) throw new Error('sign-in failed');
    const session = await createSession(db.pool, { userId: found.user.id, maxAgeMs: 60_000 });
    expect((await user(['disable', 'jrivera'])).code).toBe(0);
    expect(
      await findSessionPrincipal(db.pool, session.token, { idleTimeoutMs: 60_000, touch: false }),
    ).toBeNull();
    expect(await checkCredentials(db.pool, 'jrivera', 'a long enough password')).toMatchObject({ ok: false });
    expect((await user(['enable', 'jrivera'])).code).toBe(0);
    expect(await checkCredentials(db.pool, 'jrivera', 'a long enough password')).toMatchObject({ ok: true });
    expect((await user(['disable', 'ghost'])).code).toBe(1);
  });

  it('sets a new password and changes role and name', async () => {
    const reset = await user(['set-password', 'jrivera', '--password-stdin'], 'another long password');
    expect(reset.code).toBe(0);
    expect(await checkCredentials(db.pool, 'jrivera', 'another long password')).toMatchObject({ ok: true });
    await expect(user(['set-password', 'jrivera', '--password-stdin'], 'short')).rejects.toThrow(
      /12 characters/,
    );
    expect((await user(['update', 'jrivera', '--role', 'admin', '--name', 'Jo Rivera'])).code).toBe(0);
    expect(await checkCredentials(db.pool, 'jrivera', 'another long password')).toMatchObject({
      user: { role: 'admin', displayName: 'Jo Rivera' },
    });
  });
});
