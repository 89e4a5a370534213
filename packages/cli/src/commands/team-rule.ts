import { parseArgs } from 'node:util';
import { addTeamRule, listTeamRules, removeTeamRule, type createPool, type NewTeamRule } from '@adt/db';

type DatabasePool = ReturnType<typeof createPool>;

/** A parsed `team-rule` command line. */
export type TeamRuleCommand =
  { action: 'add'; rule: NewTeamRule } | { action: 'list' } | { action: 'remove'; id: string };

/** Usage lines for `team-rule`. */
export const TEAM_RULE_USAGE = `  team-rule add --team <team> [--facility <MSH-4>] [--kind discharge|ed_visit]
                [--patient-class <PV1-2>] [--priority <n>]
                                            route matching follow-ups to a team (omitted = any;
                                            lower priority is tried first, default 100)
  team-rule list                            list the rules in the order they are tried
  team-rule remove <id>                     delete a rule
`;

function optional(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/**
 * Parses `team-rule add|list|remove` arguments.
 * @param args - the words after `team-rule`
 * @throws Error with a message for the operator when the arguments are wrong
 */
export function parseTeamRuleArgs(args: readonly string[]): TeamRuleCommand {
  const [action, ...rest] = args;
  switch (action) {
    case 'add': {
      const { values } = parseArgs({
        args: [...rest],
        options: {
          team: { type: 'string' },
          facility: { type: 'string' },
          kind: { type: 'string' },
          'patient-class': { type: 'string' },
          priority: { type: 'string' },
        },
      });
      const team = optional(values.team);
      if (team === null) throw new Error('team-rule add needs --team');
      const kind = optional(values.kind);
      if (kind !== null && kind !== 'discharge' && kind !== 'ed_visit') {
        throw new Error('--kind must be discharge or ed_visit');
      }
      const priority = values.priority === undefined ? undefined : Number(values.priority);
      if (priority !== undefined && !Number.isInteger(priority)) {
        throw new Error('--priority must be a whole number');
      }
      return {
        action: 'add',
        rule: {
          team,
          facility: optional(values.facility),
          kind,
          patientClass: optional(values['patient-class'])?.toUpperCase() ?? null,
          ...(priority === undefined ? {} : { priority }),
        },
      };
    }
    case 'list':
      return { action: 'list' };
    case 'remove': {
      const id = rest[0];
      if (!id || !/^\d{1,18}$/.test(id)) throw new Error('team-rule remove needs a rule id');
      return { action: 'remove', id };
    }
    case undefined:
    default:
      throw new Error(`team-rule needs add, list or remove\n${TEAM_RULE_USAGE}`);
  }
}

/**
 * Runs a `team-rule` command and prints its result on stdout.
 * @param command - the parsed command
 * @returns the exit code (1 when removing a rule that does not exist)
 */
export async function runTeamRuleCommand(pool: DatabasePool, command: TeamRuleCommand): Promise<number> {
  switch (command.action) {
    case 'add': {
      const rule = await addTeamRule(pool, command.rule);
      process.stdout.write(`${rule.id}\n`);
      return 0;
    }
    case 'list': {
      const any = (value: string | null) => value ?? '*';
      const lines = (await listTeamRules(pool)).map((rule) =>
        [rule.id, rule.priority, any(rule.facility), any(rule.kind), any(rule.patientClass), rule.team].join(
          '\t',
        ),
      );
      process.stdout.write(['id\tpriority\tfacility\tkind\tpatient_class\tteam', ...lines, ''].join('\n'));
      return 0;
    }
    case 'remove': {
      const removed = await removeTeamRule(pool, command.id);
      process.stdout.write(removed ? `removed ${command.id}\n` : `no team rule ${command.id}\n`);
      return removed ? 0 : 1;
    }
    default:
      command satisfies never;
      return 1;
  }
}
