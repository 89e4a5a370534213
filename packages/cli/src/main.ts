#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { loadConfig } from '@adt/config';
import { createPool, enqueueReplay, migrateDatabase } from './commands/database-commands.js';
import { loadEnvFile, REPOSITORY_ENV_FILE } from './env-file.js';
import {
  FACILITY_USAGE,
  parseFacilityArgs,
  runFacilityCommand,
  runInterfaceSpecCommand,
} from './commands/facility.js';
import { FILE_DROP_USAGE, parseFileDropArgs, runFileDropCommand } from './commands/file-drop.js';
import { describeRosterImport, importRosterFile } from './commands/roster.js';
import { sendCommand } from './commands/send.js';
import { parseTeamRuleArgs, runTeamRuleCommand, TEAM_RULE_USAGE } from './commands/team-rule.js';
import { parseTeamArgs, runTeamCommand, TEAM_USAGE } from './commands/team.js';
import { parseCreateTokenArgs, parseTokenArgs, runTokenCommand, TOKEN_USAGE } from './commands/token.js';
import { parseUserArgs, runUserCommand, USER_USAGE, type CommandIo } from './commands/user.js';

const USAGE = `Usage: adt <command>
  migrate                                   apply database migrations
${TOKEN_USAGE}  send <file-or-dir> [--host h] [--port p]  send HL7 files over MLLP, print each ACK code
  replay <message-id> | --failed            re-run stored messages through processing
  roster import <file.csv> [--replace]      load the attributed-patient roster (columns: identifier,
                                            assigning_authority, family_name, given_name, birth_date,
                                            sex, team, pcp); --replace removes patients not in the file
${TEAM_RULE_USAGE}${USER_USAGE}${TEAM_USAGE}${FACILITY_USAGE}${FILE_DROP_USAGE}`;

const io: CommandIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // The same settings as the services `npm start` runs: `.env`, under what the shell sets.
  loadEnvFile(REPOSITORY_ENV_FILE);
  const config = loadConfig();
  switch (command) {
    case 'migrate': {
      const applied = await migrateDatabase(config.migrationDatabaseUrl ?? config.databaseUrl);
      process.stderr.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
      return 0;
    }
    case 'create-token':
    case 'token': {
      const tokenCommand = command === 'token' ? parseTokenArgs(rest) : parseCreateTokenArgs(rest);
      const pool = createPool({ connectionString: config.databaseUrl, max: 1, applicationName: 'adt-cli' });
      try {
        return await runTokenCommand(pool, tokenCommand, io);
      } finally {
        await pool.end();
      }
    }
    case 'send': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string' } },
      });
      const target = positionals[0];
      if (!target) throw new Error('send needs a file or folder');
      const port = values.port ? Number(values.port) : config.mllp.port;
      if (!Number.isInteger(port) || port <= 0 || port > 65535)
        throw new Error(`--port ${values.port ?? ''} is not a port`);
      return sendCommand(target, { host: values.host, port });
    }
    case 'replay': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { failed: { type: 'boolean', default: false } },
      });
      const id = positionals[0];
      if (!values.failed && !(id && /^\d+$/.test(id)))
        throw new Error('replay needs a message id or --failed');
      const replayed = await enqueueReplay(config, values.failed ? 'failed' : [id ?? '']);
      process.stdout.write(`${replayed.length ? replayed.join('\n') : 'nothing to replay'}\n`);
      return 0;
    }
    case 'roster': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { replace: { type: 'boolean', default: false } },
      });
      const [action, file] = positionals;
      if (action !== 'import' || !file) throw new Error('usage: roster import <file.csv> [--replace]');
      const pool = createPool({ connectionString: config.databaseUrl, max: 1, applicationName: 'adt-cli' });
      try {
        const report = await importRosterFile(pool, file, {
          replace: values.replace,
          backfill: {
            rules: {
              calendar: { zone: config.practice.timeZone, holidays: config.practice.holidays },
              observationCodes: config.practice.observationCodes,
            },
            defaultTeam: config.practice.defaultTeam,
            zone: config.practice.timeZone,
          },
        });
        const { out, err } = describeRosterImport(report, values.replace);
        process.stderr.write(err.map((line) => `${line}\n`).join(''));
        process.stdout.write(out.map((line) => `${line}\n`).join(''));
        return report.imported !== null && report.rejected.length === 0 ? 0 : 1;
      } finally {
        await pool.end();
      }
    }
    case 'team-rule': {
      const teamRule = parseTeamRuleArgs(rest);
      const pool = createPool({ connectionString: config.databaseUrl, max: 1, applicationName: 'adt-cli' });
      try {
        return await runTeamRuleCommand(pool, teamRule);
      } finally {
        await pool.end();
      }
    }
    case 'user': {
      const userCommand = parseUserArgs(rest);
      const pool = createPool({ connectionString: config.databaseUrl, max: 1, applicationName: 'adt-cli' });
      try {
        return await runUserCommand(pool, userCommand, io, config.practice.defaultTeam);
      } finally {
        await pool.end();
      }
    }
    case 'team': {
      const teamCommand = parseTeamArgs(rest);
      const pool = createPool({ connectionString: config.databaseUrl, max: 1, applicationName: 'adt-cli' });
      try {
        return await runTeamCommand(pool, teamCommand, io, config.practice.defaultTeam);
      } finally {
        await pool.end();
      }
    }
    case 'facility': {
      const facilityCommand = parseFacilityArgs(rest);
      const pool = createPool({ connectionString: config.databaseUrl, max: 1, applicationName: 'adt-cli' });
      try {
        return await runFacilityCommand(pool, facilityCommand, io);
      } finally {
        await pool.end();
      }
    }
    case 'interface-spec': {
      const code = rest[0]?.trim();
      if (!code || rest.length > 1) throw new Error('usage: interface-spec <facility code (MSH-4)>');
      const pool = createPool({ connectionString: config.databaseUrl, max: 1, applicationName: 'adt-cli' });
      try {
        return await runInterfaceSpecCommand(pool, code, config, io);
      } finally {
        await pool.end();
      }
    }
    case 'file-drop': {
      const fileDropCommand = parseFileDropArgs(rest);
      const pool = createPool({ connectionString: config.databaseUrl, max: 1, applicationName: 'adt-cli' });
      try {
        return await runFileDropCommand(pool, fileDropCommand, io);
      } finally {
        await pool.end();
      }
    }
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return command === undefined ? 1 : 0;
    default:
      process.stderr.write(`unknown command: ${command}\n${USAGE}`);
      return 1;
  }
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`adt: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
