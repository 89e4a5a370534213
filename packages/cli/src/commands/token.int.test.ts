import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, ensureTeam, findTokenPrincipal, migrateDatabase, updateUser } from '@adt/db';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import { parseCreateTokenArgs, parseTokenArgs, runTokenCommand } from './token.js';
import { capturedIo, runCaptured } from '../testing/captured-io.js';
import { parseUserArgs, runUserCommand } from './user.js';

describe('adt create-token / adt token', () => {
  let db: TestDatabase;
  let userId = '';
  const run = (command: 'create-token' | 'token', args: string[]) => {
    const parsed = command === 'token' ? parseTokenArgs(args) : parseCreateTokenArgs(args);
    return runCaptured((io) => runTokenCommand(db.pool, parsed, io));
  };

  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'clitoken');
    await ensureTeam(db.pool, 'north');
    await ensureTeam(db.pool, 'south');
    userId = (await createUser(db.pool, { username: 'script', role: 'navigator', teams: ['north'] })).id;
  });

  afterAll(async () => {
    await db.drop();
  });

  it('refuses a token without a user, and ids that are not canonical integers', () => {
    expect(() => parseCreateTokenArgs(['--role', 'ops', '--name', 'nightly'])).toThrow(
      /create-token needs --user <username>/,
    );
    expect(() => parseCreateTokenArgs(['--user', 'script', '--role', 'nurse'])).toThrow(/--role/);
    expect(() => parseCreateTokenArgs(['--user', 'script', '--name', ' '])).toThrow(/--name/);
    for (const id of ['abc', '007', '1.5', '0', '12345678901234567890']) {
      expect(() => parseTokenArgs(['revoke', id])).toThrow(/not a token id/);
    }
    expect(() => parseTokenArgs(['revoke'])).toThrow(/token revoke <id>/);
    expect(() => parseTokenArgs([])).toThrow(/list or revoke/);
  });

  it('prints only the token, which acts with the role and teams its user has at each request', async () => {
    const created = await run('create-token', ['--user', 'SCRIPT', '--name', 'nightly export']);
    expect(created.code).toBe(0);
    expect(created.stdout).toHaveLength(1);
    const token = created.stdout[0] ?? '';
    expect(token).toMatch(/^adt_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr.join('\n')).not.toContain(token);
    expect(await findTokenPrincipal(db.pool, token)).toMatchObject({
      name: 'nightly export',
      userId,
      username: 'script',
      role: 'navigator',
      teams: ['north'],
    });
    await updateUser(db.pool, userId, { role: 'ops', teams: ['north', 'south'] });
    expect(await findTokenPrincipal(db.pool, token)).toMatchObject({
      role: 'ops',
      teams: ['north', 'south'],
    });
    await updateUser(db.pool, userId, { role: 'navigator', teams: ['north'] });
  });

  it('accepts --role and --team only when they describe the user', async () => {
    const same = await run('create-token', ['--user', 'script', '--role', 'navigator', '--team', 'north']);
    expect(same.code).toBe(0);
    expect(same.stdout).toHaveLength(1);
    const otherRole = await run('create-token', ['--user', 'script', '--role', 'admin']);
    expect(otherRole).toMatchObject({ code: 1, stdout: [] });
    expect(otherRole.stderr.join('\n')).toMatch(/--role admin does not match script, who is navigator/);
    const otherTeam = await run('create-token', ['--user', 'script', '--team', 'south']);
    expect(otherTeam).toMatchObject({ code: 1, stdout: [] });
    expect(otherTeam.stderr.join('\n')).toMatch(/--team south does not match script's teams \(north\)/);
    expect(await run('create-token', ['--user', 'ghost'])).toMatchObject({ code: 1, stdout: [] });
  });

  it('lists tokens without their secret and revokes one by id', async () => {
    const created = await run('create-token', ['--user', 'script', '--name', 'to revoke']);
    const token = created.stdout[0] ?? '';
    const id = /created token (\d+) for script/.exec(created.stderr.join('\n'))?.[1] ?? '';
    expect(id).not.toBe('');
    const listed = await run('token', ['list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout[0]).toBe('id\tname\tuser\tcreated\tlast_used\trevoked');
    const row = listed.stdout.find((line) => line.startsWith(`${id}\t`));
    expect(row).toMatch(new RegExp(`^${id}\\tto revoke\\tscript\\t\\d{4}-[^\\t]+Z\\t-\\t-$`));
    expect(listed.stdout.join('\n')).not.toContain('adt_');

    const revoked = await run('token', ['revoke', id]);
    expect(revoked.code).toBe(0);
    expect(revoked.stderr.join('\n')).toMatch(new RegExp(`token ${id} \\(to revoke, script\\) revoked at`));
    expect(await findTokenPrincipal(db.pool, token)).toBeNull();
    const after = await run('token', ['list', '--user', 'script']);
    expect(after.stdout.find((line) => line.startsWith(`${id}\t`))).toMatch(/\t\d{4}-[^\t]+Z$/);
    expect(await run('token', ['revoke', '999999'])).toMatchObject({ code: 1, stderr: ['no token 999999'] });
  });

  it('ends every token of a user who is disabled, and makes none for them', async () => {
    const tokens = [
      (await run('create-token', ['--user', 'script'])).stdout[0] ?? '',
      (await run('create-token', ['--user', 'script'])).stdout[0] ?? '',
    ];
    for (const token of tokens) expect(await findTokenPrincipal(db.pool, token)).not.toBeNull();
    const io = capturedIo();
    expect(await runUserCommand(db.pool, parseUserArgs(['disable', 'script']), io, 'default')).toBe(0);
    for (const token of tokens) expect(await findTokenPrincipal(db.pool, token)).toBeNull();
    const refused = await run('create-token', ['--user', 'script']);
    expect(refused).toMatchObject({ code: 1, stdout: [] });
    expect(refused.stderr.join('\n')).toMatch(/script is disabled/);
  });
});
