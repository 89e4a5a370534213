import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  createUser,
  ensureTeam,
  findUserByUsername,
  resolveDefaultTeam,
  listUsers,
  setUserPassword,
  updateUser,
  type createPool,
  type Role,
} from '@adt/db';

type DatabasePool = ReturnType<typeof createPool>;

/** Where a command writes, and how it reads a password piped in. */
export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  readStdin: () => Promise<string>;
}

/** A parsed `user` command line. */
export type UserCommand =
  | {
      action: 'create';
      username: string;
      role: Role;
      teams: string[];
      displayName: string;
      passwordFromStdin: boolean;
    }
  | { action: 'list' }
  | { action: 'disable' | 'enable'; username: string }
  | { action: 'set-password'; username: string; passwordFromStdin: boolean }
  | { action: 'update'; username: string; role?: Role; displayName?: string };

/** Usage lines for `user`. */
export const USER_USAGE = `  user create <username> --role navigator|ops|admin [--team <team>]... [--name "<display name>"]
              [--password-stdin]     add a person who signs in to the inbox; without
                                            --password-stdin a password is generated and printed
  user list                                 list users, their roles, teams and last sign-in
  user update <username> [--role <role>] [--name "<display name>"]
  user disable <username> | enable <username>
                                            disabling ends the user's sessions and API tokens at once
  user set-password <username> [--password-stdin]
                                            set a new password (generated and printed unless piped
                                            in); ends the user's sessions
`;

function roleOf(value: string | undefined): Role {
  if (value !== 'navigator' && value !== 'ops' && value !== 'admin') {
    throw new Error('--role must be navigator, ops or admin');
  }
  return value;
}

function usernameArg(positionals: readonly string[], action: string): string {
  const username = positionals[0];
  if (!username) throw new Error(`user ${action} needs a username`);
  return username;
}

/**
 * Parses `user create|list|update|disable|enable|set-password` arguments.
 * @param args - the words after `user`
 * @throws Error with a message for the operator when the arguments are wrong
 */
export function parseUserArgs(args: readonly string[]): UserCommand {
  const [action, ...rest] = args;
  switch (action) {
    case 'create': {
      const { values, positionals } = parseArgs({
        args: [...rest],
        allowPositionals: true,
        options: {
          role: { type: 'string' },
          team: { type: 'string', multiple: true },
          name: { type: 'string' },
          'password-stdin': { type: 'boolean', default: false },
        },
      });
      return {
        action: 'create',
        username: usernameArg(positionals, 'create'),
        role: roleOf(values.role),
        teams: (values.team ?? []).map((t) => t.trim()).filter(Boolean),
        displayName: values.name?.trim() ?? '',
        passwordFromStdin: values['password-stdin'],
      };
    }
    case 'list':
      return { action: 'list' };
    case 'update': {
      const { values, positionals } = parseArgs({
        args: [...rest],
        allowPositionals: true,
        options: { role: { type: 'string' }, name: { type: 'string' } },
      });
      return {
        action: 'update',
        username: usernameArg(positionals, 'update'),
        ...(values.role === undefined ? {} : { role: roleOf(values.role) }),
        ...(values.name === undefined ? {} : { displayName: values.name }),
      };
    }
    case 'disable':
    case 'enable':
      return { action, username: usernameArg(rest, action) };
    case 'set-password': {
      const { values, positionals } = parseArgs({
        args: [...rest],
        allowPositionals: true,
        options: { 'password-stdin': { type: 'boolean', default: false } },
      });
      return {
        action: 'set-password',
        username: usernameArg(positionals, 'set-password'),
        passwordFromStdin: values['password-stdin'],
      };
    }
    case undefined:
    default:
      throw new Error(`user needs create, list, update, disable, enable or set-password\n${USER_USAGE}`);
  }
}

/** A password people can type from a note: 20 URL-safe characters (120 bits). */
function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

async function passwordFor(
  fromStdin: boolean,
  io: CommandIo,
): Promise<{ password: string; generated: boolean }> {
  if (!fromStdin) return { password: generatePassword(), generated: true };
  const password = (await io.readStdin()).split(/\r?\n/)[0] ?? '';
  if (password === '') throw new Error('--password-stdin read no password');
  return { password, generated: false };
}

/**
 * Runs a `user` command. A generated password is the only thing printed on stdout, so it can be
 * captured; everything else goes to stderr, except `list`.
 * @param command - the parsed command
 * @param io - output and stdin
 * @param configuredDefaultTeam - `DEFAULT_TEAM` (null when not set): with the team marked
 *   default, decides the team a navigator joins when created without --team
 * @returns the exit code
 */
export async function runUserCommand(
  pool: DatabasePool,
  command: UserCommand,
  io: CommandIo,
  configuredDefaultTeam: string | null,
): Promise<number> {
  switch (command.action) {
    case 'create': {
      let teams = command.teams;
      if (command.role === 'navigator' && teams.length === 0) {
        // A navigator always belongs to a team: without --team, the one unassigned follow-ups go to.
        const defaultTeam = await resolveDefaultTeam(pool, configuredDefaultTeam);
        await ensureTeam(pool, defaultTeam);
        teams = [defaultTeam];
      }
      const { password, generated } = await passwordFor(command.passwordFromStdin, io);
      const user = await createUser(pool, {
        username: command.username,
        displayName: command.displayName,
        role: command.role,
        teams,
        password,
      });
      io.err(
        `created ${user.role} ${user.username}${user.teams.length ? ` (teams: ${user.teams.join(', ')})` : ''}`,
      );
      if (generated) io.out(password);
      return 0;
    }
    case 'list': {
      io.out(['username', 'name', 'role', 'teams', 'status', 'last_sign_in'].join('\t'));
      for (const u of await listUsers(pool)) {
        io.out(
          [
            u.username,
            u.displayName,
            u.role,
            u.teams.join(',') || '-',
            u.disabledAt ? 'disabled' : 'active',
            u.lastSignInAt?.toISOString() ?? '-',
          ].join('\t'),
        );
      }
      return 0;
    }
    case 'update':
    case 'disable':
    case 'enable':
    case 'set-password': {
      const user = await findUserByUsername(pool, command.username);
      if (!user) {
        io.err(`no user ${command.username}`);
        return 1;
      }
      if (command.action === 'set-password') {
        const { password, generated } = await passwordFor(command.passwordFromStdin, io);
        await setUserPassword(pool, user.id, password);
        io.err(`password set for ${user.username}; their sessions have ended`);
        if (generated) io.out(password);
        return 0;
      }
      const change =
        command.action === 'update'
          ? { role: command.role, displayName: command.displayName }
          : { disabled: command.action === 'disable' };
      await updateUser(pool, user.id, change);
      io.err(`${command.action === 'update' ? 'updated' : `${command.action}d`} ${user.username}`);
      return 0;
    }
    default:
      command satisfies never;
      return 1;
  }
}
