import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addTeam,
  createUser,
  isTeamLead,
  migrateDatabase,
  NotTeamMemberError,
  UnknownTeamError,
  UnknownUserError,
} from '@adt/db';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import { runCaptured } from '../testing/captured-io.js';
import { parseTeamArgs, runTeamCommand } from './team.js';

describe('adt team lead', () => {
  let db: TestDatabase;
  let leadId: string;
  const team = async (args: string[]) => {
    const { code, stderr } = await runCaptured((io) =>
      runTeamCommand(db.pool, parseTeamArgs(args), io, null),
    );
    return { code, stderr };
  };

  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'clilead');
    await addTeam(db.pool, { name: 'north' });
    await addTeam(db.pool, { name: 'south' });
    leadId = (await createUser(db.pool, { username: 'mlead', role: 'navigator', teams: ['north'] })).id;
    await createUser(db.pool, { username: 'other', role: 'navigator', teams: ['south'] });
  });

  afterAll(async () => {
    await db.drop();
  });

  it('parses the command line', () => {
    expect(parseTeamArgs(['lead', 'north', 'mlead'])).toEqual({
      action: 'lead',
      team: 'north',
      username: 'mlead',
      lead: true,
    });
    expect(parseTeamArgs(['lead', 'north', 'mlead', '--remove'])).toMatchObject({ lead: false });
    expect(() => parseTeamArgs(['lead', 'north'])).toThrow(/team and a username/);
  });

  it('makes a member the lead, and takes it away with --remove', async () => {
    const made = await team(['lead', 'north', 'mlead']);
    expect(made).toEqual({
      code: 0,
      stderr: ['mlead now leads team north: overdue work is escalated to them'],
    });
    expect(await isTeamLead(db.pool, leadId, 'north')).toBe(true);
    const { stdout: lines } = await runCaptured((io) =>
      runTeamCommand(db.pool, parseTeamArgs(['list']), io, null),
    );
    expect(lines).toContain('north\t\tyes\tmlead (lead)');
    const removed = await team(['lead', 'north', 'mlead', '--remove']);
    expect(removed.code).toBe(0);
    expect(await isTeamLead(db.pool, leadId, 'north')).toBe(false);
  });

  it('refuses a user who is not on the team, an unknown user and an unknown team', async () => {
    await expect(team(['lead', 'north', 'other'])).rejects.toThrow(NotTeamMemberError);
    await expect(team(['lead', 'north', 'other'])).rejects.toThrow(
      'other is not on team north; add them first (adt team add-member north other)',
    );
    await expect(team(['lead', 'north', 'nobody'])).rejects.toThrow(UnknownUserError);
    await expect(team(['lead', 'east', 'mlead'])).rejects.toThrow(UnknownTeamError);
  });
});
