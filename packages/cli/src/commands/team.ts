import { parseArgs } from 'node:util';
import {
  addTeam,
  changeTeamMembership,
  FALLBACK_DEFAULT_TEAM,
  findDefaultTeam,
  listTeams,
  setDefaultTeam,
  setTeamLead,
  type createPool,
} from '@adt/db';
import type { CommandIo } from './user.js';

type DatabasePool = ReturnType<typeof createPool>;

/** A parsed `team` command line. */
export type TeamCommand =
  | { action: 'add'; name: string; displayName: string }
  | { action: 'list' }
  | { action: 'default'; team: string | null; moveOpen: boolean }
  | { action: 'add-member' | 'remove-member'; team: string; username: string }
  | { action: 'lead'; team: string; username: string; lead: boolean };

/** Usage lines for `team`. */
export const TEAM_USAGE = `  team add <team> [--name "<display name>"] add a team (the name follow-ups, roster and rules use)
  team list                                 list teams and their members (leads marked)
  team default [<team> [--move-open]]       show or choose the team follow-ups go to when no roster
                                            entry or team rule names one (the first team added;
                                            DEFAULT_TEAM, when set, overrides it); --move-open also
                                            moves the previous default team's open follow-ups
  team add-member <team> <username>         put a user on a team (a navigator sees its follow-ups)
  team remove-member <team> <username>      take a user off a team
  team lead <team> <username> [--remove]    make a member a lead of the team (overdue work is
                                            escalated to the leads; they see the team view);
                                            --remove takes the lead away
`;

/**
 * Parses `team add|list|default|add-member|remove-member|lead` arguments.
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
    case 'default': {
      const { values, positionals } = parseArgs({
        args: [...rest],
        allowPositionals: true,
        options: { 'move-open': { type: 'boolean', default: false } },
      });
      const team = positionals[0] ?? null;
      if (team === null && values['move-open']) throw new Error('team default --move-open needs a team');
      return { action: 'default', team, moveOpen: values['move-open'] };
    }
    case 'add-member':
    case 'remove-member': {
      const [team, username] = rest;
      if (!team || !username) throw new Error(`team ${action} needs a team and a username`);
      return { action, team, username };
    }
    case 'lead': {
      const { values, positionals } = parseArgs({
        args: [...rest],
        allowPositionals: true,
        options: { remove: { type: 'boolean', default: false } },
      });
      const [team, username] = positionals;
      if (!team || !username) throw new Error('team lead needs a team and a username');
      return { action: 'lead', team, username, lead: !values.remove };
    }
    case undefined:
    default:
      throw new Error(`team needs add, list, default, add-member, remove-member or lead\n${TEAM_USAGE}`);
  }
}

/**
 * Runs a `team` command.
 * @param command - the parsed command
 * @param io - output
 * @param configuredDefaultTeam - `DEFAULT_TEAM`, null when not set (it overrides the marked team)
 * @returns the exit code (1 when the user does not exist)
 */
export async function runTeamCommand(
  pool: DatabasePool,
  command: TeamCommand,
  io: CommandIo,
  configuredDefaultTeam: string | null,
): Promise<number> {
  const overridden = (team: string) =>
    configuredDefaultTeam !== null && configuredDefaultTeam !== team
      ? ` (but DEFAULT_TEAM=${configuredDefaultTeam} is set and overrides it)`
      : '';
  switch (command.action) {
    case 'add': {
      const team = await addTeam(pool, { name: command.name, displayName: command.displayName });
      io.err(
        team.isDefault
          ? `added team ${team.name}; as the first team, it gets the follow-ups no roster entry or team rule assigns${overridden(team.name)}`
          : `added team ${team.name}`,
      );
      return 0;
    }
    case 'list': {
      io.out(['team', 'name', 'default', 'members'].join('\t'));
      for (const team of await listTeams(pool)) {
        io.out(
          [
            team.name,
            team.displayName,
            team.isDefault ? 'yes' : '-',
            team.members.map((m) => (team.leads.includes(m) ? `${m} (lead)` : m)).join(',') || '-',
          ].join('\t'),
        );
      }
      return 0;
    }
    case 'default': {
      if (command.team !== null) {
        const { previous, moved } = await setDefaultTeam(pool, command.team, { moveOpen: command.moveOpen });
        io.err(
          `follow-ups no roster entry or team rule assigns now go to ${command.team}${overridden(command.team)}`,
        );
        io.err(
          command.moveOpen
            ? `moved ${moved} open follow-ups to ${command.team}`
            : `follow-ups already routed stay where they are (--move-open moves those open in ${previous})`,
        );
        return 0;
      }
      const marked = await findDefaultTeam(pool);
      io.out(configuredDefaultTeam ?? marked ?? FALLBACK_DEFAULT_TEAM);
      if (configuredDefaultTeam !== null) io.err('set by DEFAULT_TEAM');
      else if (marked === null) io.err('no team added yet; the first team added becomes the default');
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
    case 'lead': {
      await setTeamLead(pool, { team: command.team, username: command.username, lead: command.lead });
      io.err(
        command.lead
          ? `${command.username} now leads team ${command.team}: overdue work is escalated to them`
          : `${command.username} no longer leads team ${command.team}`,
      );
      return 0;
    }
    default:
      command satisfies never;
      return 1;
  }
}
