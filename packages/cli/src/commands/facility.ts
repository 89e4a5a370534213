import { listFacilities, nameFacility, type createPool } from '@adt/db';
import type { CommandIo } from './user.js';

type DatabasePool = ReturnType<typeof createPool>;

/** The longest display name accepted (it is shown in lists and headings). */
export const MAX_FACILITY_NAME_LENGTH = 120;

/** A parsed `facility` command line. */
export type FacilityCommand = { action: 'name'; code: string; displayName: string } | { action: 'list' };

/** Usage lines for `facility`. */
export const FACILITY_USAGE = `  facility name <code> "<display name>"    name a sending facility (MSH-4 code as sent) for people
  facility list                             list named facilities
`;

/**
 * Parses `facility name|list` arguments.
 * @param args - the words after `facility`
 * @throws Error with a message for the operator when the arguments are wrong
 */
export function parseFacilityArgs(args: readonly string[]): FacilityCommand {
  const [action, ...rest] = args;
  switch (action) {
    case 'name': {
      const [code, ...words] = rest;
      const displayName = words.join(' ').trim();
      if (!code?.trim() || displayName === '') {
        throw new Error(
          'facility name needs the MSH-4 code and a display name, e.g. facility name GENERAL_HOSP "General Hospital"',
        );
      }
      if (displayName.length > MAX_FACILITY_NAME_LENGTH) {
        throw new Error(`a facility display name is at most ${MAX_FACILITY_NAME_LENGTH} characters`);
      }
      return { action: 'name', code: code.trim(), displayName };
    }
    case 'list':
      return { action: 'list' };
    case undefined:
    default:
      throw new Error(`facility needs name or list\n${FACILITY_USAGE}`);
  }
}

/**
 * Runs a `facility` command.
 * @param command - the parsed command
 * @param io - output
 * @returns the exit code
 */
export async function runFacilityCommand(
  pool: DatabasePool,
  command: FacilityCommand,
  io: CommandIo,
): Promise<number> {
  switch (command.action) {
    case 'name': {
      const facility = await nameFacility(pool, command.code, command.displayName);
      io.err(`facility ${facility.code} is shown as "${facility.displayName}"`);
      return 0;
    }
    case 'list': {
      io.out(['facility', 'name'].join('\t'));
      for (const facility of await listFacilities(pool))
        io.out([facility.code, facility.displayName].join('\t'));
      return 0;
    }
    default:
      command satisfies never;
      return 1;
  }
}
