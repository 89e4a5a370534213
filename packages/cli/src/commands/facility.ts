import { parseArgs } from 'node:util';
import {
  buildInterfaceSpec,
  isFacilityTimeZone,
  normalizeFingerprint,
  parseProcessingIds,
  type InterfaceSpecSettings,
} from '@adt/adt';
import {
  findFacility,
  listFacilities,
  nameFacility,
  saveFacilitySettings,
  type createPool,
  type FacilitySettings,
  type FacilitySettingsChanges,
} from '@adt/db';
import type { CommandIo } from './user.js';

type DatabasePool = ReturnType<typeof createPool>;

/** The longest display name accepted (it is shown in lists and headings). */
export const MAX_FACILITY_NAME_LENGTH = 120;
/** The longest ACK mode note accepted. */
export const MAX_ACK_NOTES_LENGTH = 2000;
/** The longest certificate subject CN accepted (X.509 caps a CN at 64 characters). */
export const MAX_CERTIFICATE_SUBJECT_LENGTH = 64;

/** A parsed `facility` command line. */
export type FacilityCommand =
  | { action: 'name'; code: string; displayName: string }
  | { action: 'set'; code: string; changes: FacilitySettingsChanges }
  | { action: 'show'; code: string }
  | { action: 'list' };

/** Usage lines for `facility` and `interface-spec`. */
export const FACILITY_USAGE = `  facility name <code> "<display name>"    name a sending facility (MSH-4 code as sent) for people
  facility set <code> [--name "<display name>"] [--time-zone <IANA zone>|none]
               [--processing-ids P,T,D|none] [--certificate-subject <CN>|none]
               [--certificate-fingerprint <SHA-256>|none] [--ack-notes "<text>"]
               [--mode test|live]               set a facility's interface settings (none: back
                                            to the installation default)
  facility show <code>                      one facility's settings
  facility list                             list facilities and their settings
  interface-spec <code>                     print the facility's interface specification (Markdown)
`;

/** `none` clears a setting back to the installation default. */
const CLEAR = 'none';

/**
 * Parses `facility name|set|show|list` arguments.
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
      return { action: 'name', code: code.trim(), displayName: checkedName(displayName) };
    }
    case 'set':
      return parseSet(rest);
    case 'show': {
      const code = rest[0]?.trim();
      if (!code || rest.length > 1) throw new Error('facility show needs one MSH-4 code');
      return { action: 'show', code };
    }
    case 'list':
      return { action: 'list' };
    case undefined:
    default:
      throw new Error(`facility needs name, set, show or list\n${FACILITY_USAGE}`);
  }
}

function checkedName(displayName: string): string {
  if (displayName.length > MAX_FACILITY_NAME_LENGTH) {
    throw new Error(`a facility display name is at most ${MAX_FACILITY_NAME_LENGTH} characters`);
  }
  return displayName;
}

function parseSet(args: readonly string[]): FacilityCommand {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      'time-zone': { type: 'string' },
      'processing-ids': { type: 'string' },
      'certificate-subject': { type: 'string' },
      'certificate-fingerprint': { type: 'string' },
      'ack-notes': { type: 'string' },
      mode: { type: 'string' },
    },
  });
  const code = positionals[0]?.trim();
  if (!code || positionals.length > 1) {
    throw new Error(
      `facility set needs one MSH-4 code, e.g. facility set GENERAL_HOSP --mode test\n${FACILITY_USAGE}`,
    );
  }
  const changes: FacilitySettingsChanges = {};
  const clearable = (value: string | undefined) => {
    const trimmed = value?.trim();
    if (trimmed === undefined) return undefined;
    return trimmed === '' || trimmed.toLowerCase() === CLEAR ? null : trimmed;
  };
  if (values.name !== undefined) {
    const name = values.name.trim();
    if (name === '') throw new Error('--name needs a display name');
    changes.displayName = checkedName(name);
  }
  const zone = clearable(values['time-zone']);
  if (zone !== undefined) {
    if (zone !== null && !isFacilityTimeZone(zone)) {
      throw new Error(`--time-zone ${zone} is not an IANA time zone (e.g. America/Chicago)`);
    }
    changes.timeZone = zone;
  }
  const ids = clearable(values['processing-ids']);
  if (ids !== undefined) changes.processingIds = ids === null ? null : parseProcessingIds(ids);
  const subject = clearable(values['certificate-subject']);
  if (subject !== undefined) {
    if (subject !== null && subject.length > MAX_CERTIFICATE_SUBJECT_LENGTH) {
      throw new Error(
        `--certificate-subject is a certificate's CN: at most ${MAX_CERTIFICATE_SUBJECT_LENGTH} characters`,
      );
    }
    changes.certificateSubject = subject;
  }
  const fingerprint = clearable(values['certificate-fingerprint']);
  if (fingerprint !== undefined) {
    const normalized = fingerprint === null ? null : normalizeFingerprint(fingerprint);
    if (fingerprint !== null && normalized === null) {
      throw new Error(
        '--certificate-fingerprint must be a SHA-256 fingerprint (64 hex digits, colons allowed), as `openssl x509 -noout -fingerprint -sha256` prints it',
      );
    }
    changes.certificateFingerprint = normalized;
  }
  if (values['ack-notes'] !== undefined) {
    const notes = values['ack-notes'].trim();
    if (notes.length > MAX_ACK_NOTES_LENGTH)
      throw new Error(`--ack-notes is at most ${MAX_ACK_NOTES_LENGTH} characters`);
    changes.ackModeNotes = notes;
  }
  if (values.mode !== undefined) {
    if (values.mode !== 'test' && values.mode !== 'live') throw new Error('--mode must be test or live');
    changes.mode = values.mode;
  }
  if (Object.keys(changes).length === 0)
    throw new Error(`facility set needs at least one setting\n${FACILITY_USAGE}`);
  return { action: 'set', code, changes };
}

const SHOWN: readonly (readonly [string, (f: FacilitySettings) => string])[] = [
  ['facility', (f) => f.code],
  ['name', (f) => f.displayName],
  ['mode', (f) => f.mode],
  ['time zone', (f) => f.timeZone ?? 'practice default'],
  ['processing ids', (f) => f.processingIds?.join(',') ?? 'installation default'],
  ['certificate subject', (f) => f.certificateSubject ?? 'not bound'],
  ['certificate fingerprint', (f) => f.certificateFingerprint ?? 'not bound'],
  ['ack notes', (f) => f.ackModeNotes],
];

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
    case 'set': {
      const facility = await saveFacilitySettings(pool, command.code, command.changes);
      io.err(
        `facility ${facility.code} saved; the listener and the worker apply it within FACILITY_SETTINGS_REFRESH_MS`,
      );
      for (const [label, value] of SHOWN) io.out(`${label}\t${value(facility)}`);
      return 0;
    }
    case 'show': {
      const facility = await findFacility(pool, command.code);
      if (facility === null) {
        io.err(`facility ${command.code} has no settings: installation defaults apply`);
        return 1;
      }
      for (const [label, value] of SHOWN) io.out(`${label}\t${value(facility)}`);
      return 0;
    }
    case 'list': {
      io.out(['facility', 'name', 'mode', 'time zone', 'processing ids', 'certificate'].join('\t'));
      for (const f of await listFacilities(pool)) {
        const bound = f.certificateSubject !== null || f.certificateFingerprint !== null;
        io.out(
          [
            f.code,
            f.displayName,
            f.mode,
            f.timeZone ?? '-',
            f.processingIds?.join(',') ?? '-',
            bound ? 'bound' : '-',
          ].join('\t'),
        );
      }
      return 0;
    }
    default:
      command satisfies never;
      return 1;
  }
}

/**
 * Prints a facility's interface specification sheet (Markdown) on stdout. A facility without
 * settings gets a sheet with the installation defaults, named by its code.
 * @param code - MSH-4
 * @param settings - the installation's configuration
 * @param io - output
 * @returns the exit code
 */
export async function runInterfaceSpecCommand(
  pool: DatabasePool,
  code: string,
  settings: InterfaceSpecSettings,
  io: CommandIo,
): Promise<number> {
  const facility = await findFacility(pool, code);
  if (facility === null)
    io.err(`facility ${code} has no settings: the sheet shows the installation defaults`);
  const sheet = buildInterfaceSpec(
    facility ?? {
      code,
      displayName: code,
      timeZone: null,
      processingIds: null,
      certificateSubject: null,
      certificateFingerprint: null,
      ackModeNotes: '',
      mode: 'live',
    },
    settings,
    new Date(),
  );
  io.out(sheet);
  return 0;
}
