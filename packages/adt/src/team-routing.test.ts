import { describe, expect, it } from 'vitest';

import { chooseTeam, orderTeamRules, type TeamRule } from './team-routing.js';

const rule = (id: string, fields: Partial<TeamRule> & Pick<TeamRule, 'team'>): TeamRule => ({
  id,
  facility: null,
  kind: null,
  patientClass: null,
  priority: 100,
  ...fields,
});

const edAtGeneral = {
  rosterTeam: null,
  facility: 'GENERAL_HOSP',
  kind: 'ed_visit',
  patientClass: 'E',
} as const;

describe('chooseTeam', () => {
  it("uses the roster's team before any rule", () => {
    const rules = [rule('1', { team: 'ed-team' })];
    expect(chooseTeam({ ...edAtGeneral, rosterTeam: 'north' }, rules, 'default')).toEqual({
      team: 'north',
      source: 'roster',
    });
  });

  it('falls through to the rules when the roster entry has no team', () => {
    const rules = [rule('1', { team: 'ed-team' })];
    expect(chooseTeam({ ...edAtGeneral, rosterTeam: '  ' }, rules, 'default')).toEqual({
      team: 'ed-team',
      source: 'rule',
      ruleId: '1',
    });
  });

  it('matches facility, kind and patient class, treating null as a wildcard', () => {
    const rules = [
      rule('1', { facility: 'OTHER_HOSP', team: 'other' }),
      rule('2', { kind: 'discharge', team: 'transitions' }),
      rule('3', { patientClass: 'I', team: 'inpatient' }),
      rule('4', { facility: 'general_hosp', kind: 'ed_visit', patientClass: 'e', team: 'general-ed' }),
    ];
    expect(chooseTeam(edAtGeneral, rules, 'default')).toMatchObject({ team: 'general-ed', ruleId: '4' });
    expect(
      chooseTeam({ ...edAtGeneral, kind: 'discharge', patientClass: 'I' }, rules, 'default'),
    ).toMatchObject({ team: 'transitions', ruleId: '2' });
  });

  it('tries rules by ascending priority, then in the order they were added', () => {
    const rules = [
      rule('10', { team: 'added-later', priority: 5 }),
      rule('9', { team: 'added-first', priority: 5 }),
      rule('2', { team: 'catch-all', priority: 1000 }),
    ];
    expect(orderTeamRules(rules).map((r) => r.id)).toEqual(['9', '10', '2']);
    expect(chooseTeam(edAtGeneral, rules, 'default')).toMatchObject({ team: 'added-first' });
  });

  it('uses the default team when nothing matches', () => {
    const rules = [rule('1', { facility: 'OTHER_HOSP', team: 'other' })];
    expect(chooseTeam(edAtGeneral, rules, 'default')).toEqual({ team: 'default', source: 'default' });
    expect(chooseTeam(edAtGeneral, [], 'default')).toEqual({ team: 'default', source: 'default' });
  });
});
