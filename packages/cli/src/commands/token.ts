import { parseArgs } from 'node:util';
import {
  createApiToken,
  findUserByUsername,
  listApiTokens,
  revokeApiToken,
  type createPool,
  type Role,
} from '@adt/db';
import type { CommandIo } from './user.js';

type DatabasePool = ReturnType<typeof createPool>;

/** A parsed `create-token` or `token` command line. */
export type TokenCommand =
  | { action: 'create'; username: string; name?: string; role?: Role; team?: string }
  | { action: 'list'; username?: string }
  | { action: 'revoke'; id: string };

/** Usage lines for `create-token` and `token`. */
export const TOKEN_USAGE = `  create-token --user <username> [--name <label>]
                                            print a new API bearer token that acts as the user (their
                                            role and teams, as they are at each request); the token is
                                            shown this once only
  token list [--user <username>]            list tokens: id, label, user, created, last used, revoked
  token revoke <id>                         revoke a token at once
`;

const NO_USER = `create-token needs --user <username>: a token acts as a user, with the user's role and teams,
and ends when the user is disabled (add one with \`adt user create <username> --role <role>\`)`;

/** A token id as listed: a canonical positive integer. */
const TOKEN_ID = /^[1-9]\d{0,17}$/;

function roleOf(value: string | undefined): Role | undefined {
  if (value === undefined || value === 'navigator' || value === 'ops' || value === 'admin') return value;
  throw new Error('--role must be navigator, ops or admin');
}

/**
 * Parses `create-token` arguments. `--role` and `--team` are accepted only as checks that the
 * user has that role and only that team: a token cannot have rights of its own.
 * @param args - the words after `create-token`
 * @throws Error with a message for the operator when the arguments are wrong
 */
export function parseCreateTokenArgs(args: readonly string[]): TokenCommand {
  const { values } = parseArgs({
    args: [...args],
    options: {
      user: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      team: { type: 'string' },
    },
  });
  const username = values.user?.trim();
  if (!username) throw new Error(NO_USER);
  const name = values.name?.trim();
  if (name !== undefined && (name === '' || name.length > 100)) {
    throw new Error('--name must be 1 to 100 characters');
  }
  const role = roleOf(values.role);
  return {
    action: 'create',
    username,
    ...(name === undefined ? {} : { name }),
    ...(role === undefined ? {} : { role }),
    ...(values.team === undefined ? {} : { team: values.team.trim() }),
  };
}

/**
 * Parses `token list|revoke` arguments.
 * @param args - the words after `token`
 * @throws Error with a message for the operator when the arguments are wrong
 */
export function parseTokenArgs(args: readonly string[]): TokenCommand {
  const [action, ...rest] = args;
  switch (action) {
    case 'list': {
      const { values } = parseArgs({ args: [...rest], options: { user: { type: 'string' } } });
      return { action: 'list', ...(values.user === undefined ? {} : { username: values.user }) };
    }
    case 'revoke': {
      const { positionals } = parseArgs({ args: [...rest], allowPositionals: true, options: {} });
      const id = positionals[0];
      if (id === undefined || positionals.length > 1) throw new Error('usage: token revoke <id>');
      if (!TOKEN_ID.test(id)) throw new Error(`${id} is not a token id (see adt token list)`);
      return { action: 'revoke', id };
    }
    case undefined:
    default:
      throw new Error(`token needs list or revoke (create one with create-token)\n${TOKEN_USAGE}`);
  }
}

/** Why a `--role`/`--team` check fails, or null when it describes the user. */
function flagMismatch(
  command: { role?: Role; team?: string },
  user: { username: string; role: Role; teams: readonly string[] },
): string | null {
  if (command.role !== undefined && command.role !== user.role) {
    return `--role ${command.role} does not match ${user.username}, who is ${user.role}: a token has its user's role (drop --role, or change the user with adt user update)`;
  }
  if (command.team !== undefined && (user.teams.length !== 1 || user.teams[0] !== command.team)) {
    const teams = user.teams.length ? user.teams.join(', ') : 'no team';
    return `--team ${command.team} does not match ${user.username}'s teams (${teams}): a token has its user's teams (drop --team, or change them with adt team add-member/remove-member)`;
  }
  return null;
}

const when = (d: Date | null): string => d?.toISOString() ?? '-';

/**
 * Runs a token command. The new token is the only thing `create-token` prints on stdout, so it can
 * be captured; listings never show a token's secret (only its hash is stored).
 * @param command - the parsed command
 * @param io - output
 * @returns the exit code
 */
export async function runTokenCommand(
  pool: DatabasePool,
  command: TokenCommand,
  io: CommandIo,
): Promise<number> {
  switch (command.action) {
    case 'create': {
      const user = await findUserByUsername(pool, command.username);
      if (!user) {
        io.err(`no user ${command.username} (add one with adt user create)`);
        return 1;
      }
      if (user.disabledAt) {
        io.err(`${user.username} is disabled; a token for them would not work (adt user enable first)`);
        return 1;
      }
      const mismatch = flagMismatch(command, user);
      if (mismatch) {
        io.err(mismatch);
        return 1;
      }
      const created = await createApiToken(pool, {
        userId: user.id,
        name: command.name ?? `${user.username} token`,
      });
      if (!created) {
        io.err(`${user.username} was disabled or removed meanwhile; no token made`);
        return 1;
      }
      io.err(
        `created token ${created.id} for ${user.username} (${user.role}${user.teams.length ? `; teams: ${user.teams.join(', ')}` : ''}); it is not shown again`,
      );
      io.out(created.token);
      return 0;
    }
    case 'list': {
      let userId: string | undefined;
      if (command.username !== undefined) {
        const user = await findUserByUsername(pool, command.username);
        if (!user) {
          io.err(`no user ${command.username}`);
          return 1;
        }
        userId = user.id;
      }
      io.out(['id', 'name', 'user', 'created', 'last_used', 'revoked'].join('\t'));
      for (const t of await listApiTokens(pool, userId === undefined ? {} : { userId })) {
        io.out(
          [t.id, t.name, t.username ?? '-', when(t.createdAt), when(t.lastUsedAt), when(t.revokedAt)].join(
            '\t',
          ),
        );
      }
      return 0;
    }
    case 'revoke': {
      const revoked = await revokeApiToken(pool, command.id);
      if (!revoked) {
        io.err(`no token ${command.id}`);
        return 1;
      }
      io.err(
        `token ${revoked.id} (${revoked.name}, ${revoked.username ?? 'no user'}) revoked at ${when(revoked.revokedAt)}`,
      );
      return 0;
    }
    default:
      command satisfies never;
      return 1;
  }
}
