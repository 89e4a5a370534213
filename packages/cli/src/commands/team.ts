import { parseArgs } from 'node:util';
import { addTeam, changeTeamMembership, listTeams, type createPool } from '@adt/db';
import type { CommandIo } from './user.js';

type DatabasePool = ReturnType<typeof createPool>;

/** A parsed `team` command line. */
export type TeamCommand =
  | { action: 'add'; name: string; displayName: string }
  | { action: 'list' }
  | { action: 'add-member' | 'remove-member'; team: string; username: string };

/** Usage lines for `team`. */
export const TEAM_USAGE = `  team add <team> [--name "<display name>"] add a team (the name follow-ups, roster and rules use)
  team list                                 list teams and their members
  team add-member <team> <username>         put a user on a team (a navigator sees its follow-ups)
  team remove-member <team> <username>      take a user off a team
`;

/**
 * Parses `team add|list|add-member|remove-member` arguments.
 * @param args - the words after `team`
 * @throws Error with a message for the operator when the arguments are wrong
 */
export function parseTeamArgs(args: readonly string[]): TeamCommand {
  const [action, ...rest] = args;
  switch (action) {
    case 'add': {
      const { values, positionals } = parseArgs({
        args: [...rest],
        allowPositionals: true,
        options: { name: { type: 'string' } },
      });
      const name = positionals[0];
      if (!name) throw new Error('team add needs a team name');
      return { action: 'add', name, displayName: values.name?.trim() ?? '' };
    }
    case 'list':
      return { action: 'list' };
    case 'add-member':
    case 'remove-member': {
      const [team, username] = rest;
      if (!team || !username) throw new Error(`team ${action} needs a team and a username`);
      return { action, team, username };
    }
    case undefined:
    default:
      throw new Error(`team needs add, list, add-member or remove-member\n${TEAM_USAGE}`);
  }
}

/**
 * Runs a `team` command.
 * @param pool - database pool
 * @param command - the parsed command
 * @param io - output
 * @returns the exit code (1 when the user does not exist)
 */
export async function runTeamCommand(
  pool: DatabasePool,
  command: TeamCommand,
  io: CommandIo,
): Promise<number> {
  switch (command.action) {
    case 'add': {
      const team = await addTeam(pool, { name: command.name, displayName: command.displayName });
      io.err(`added team ${team.name}`);
      return 0;
    }
    case 'list': {
      io.out(['team', 'name', 'members'].join('\t'));
      for (const team of await listTeams(pool)) {
        io.out([team.name, team.displayName, team.members.join(',') || '-'].join('\t'));
      }
      return 0;
    }
    case 'add-member':
    case 'remove-member': {
      const member = command.action === 'add-member';
      const found = await changeTeamMembership(pool, {
        team: command.team,
        username: command.username,
        member,
      });
      if (!found) {
        io.err(`no user ${command.username}`);
        return 1;
      }
      io.err(
        `${member ? 'added' : 'removed'} ${command.username} ${member ? 'to' : 'from'} team ${command.team}`,
      );
      return 0;
    }
    default:
      command satisfies never;
      return 1;
  }
}
