import { describe, expect, it } from 'vitest';
import { parseTeamRuleArgs } from './team-rule.js';

describe('parseTeamRuleArgs', () => {
  it('parses add with every match field, upper-casing the patient class', () => {
    expect(
      parseTeamRuleArgs([
        'add',
        '--team',
        'ed-team',
        '--facility',
        'GENERAL_HOSP',
        '--kind',
        'ed_visit',
        '--patient-class',
        'e',
        '--priority',
        '10',
      ]),
    ).toEqual({
      action: 'add',
      rule: { team: 'ed-team', facility: 'GENERAL_HOSP', kind: 'ed_visit', patientClass: 'E', priority: 10 },
    });
  });

  it('leaves omitted match fields as wildcards and the priority to the default', () => {
    expect(parseTeamRuleArgs(['add', '--team', 'north'])).toEqual({
      action: 'add',
      rule: { team: 'north', facility: null, kind: null, patientClass: null },
    });
  });

  it('parses list and remove', () => {
    expect(parseTeamRuleArgs(['list'])).toEqual({ action: 'list' });
    expect(parseTeamRuleArgs(['remove', '42'])).toEqual({ action: 'remove', id: '42' });
  });

  it('refuses bad arguments with a message', () => {
    expect(() => parseTeamRuleArgs(['add'])).toThrow(/needs --team/);
    expect(() => parseTeamRuleArgs(['add', '--team', 't', '--kind', 'visit'])).toThrow(/--kind/);
    expect(() => parseTeamRuleArgs(['add', '--team', 't', '--priority', '1.5'])).toThrow(/--priority/);
    expect(() => parseTeamRuleArgs(['remove', 'x'])).toThrow(/rule id/);
    expect(() => parseTeamRuleArgs([])).toThrow(/add, list or remove/);
    expect(() => parseTeamRuleArgs(['add', '--team', 't', '--bogus', 'x'])).toThrow();
  });
});
