/**
 * Which team inbox a new follow-up goes to: the roster's team for the patient, else the first team
 * rule that matches the sending facility, the follow-up kind and the patient class, else the
 * practice's default team (`DEFAULT_TEAM`). Rules are data an admin edits, not code.
 */
import type { FollowUpKind } from './follow-up.js';

/**
 * One routing rule. A null match field is a wildcard. Rules are tried in ascending `priority`, then
 * in the order they were added; the first match wins.
 */
export interface TeamRule {
  id: string;
  /** MSH-4 sending facility, or null for any. */
  facility: string | null;
  /** Follow-up kind, or null for any. */
  kind: FollowUpKind | null;
  /** PV1-2 patient class (`E`, `I`, `O`…), or null for any. */
  patientClass: string | null;
  team: string;
  /** Lower is tried first. */
  priority: number;
}

/** What a new follow-up is routed by. */
export interface TeamRoutingInput {
  /** The patient's team on the roster; null or empty when not on it or without a team. */
  rosterTeam: string | null;
  facility: string;
  kind: FollowUpKind;
  patientClass: string;
}

/** The chosen team and why, for the log and the tests. */
export type TeamChoice =
  | { team: string; source: 'roster' }
  | { team: string; source: 'rule'; ruleId: string }
  | { team: string; source: 'default' };

/** Codes are compared trimmed and case-insensitively: feeds pad and case them inconsistently. */
function sameCode(ruleValue: string | null, value: string): boolean {
  return ruleValue === null || ruleValue.trim().toUpperCase() === value.trim().toUpperCase();
}

/** Ids are bigint text: compare them as numbers, not strings ("10" after "9"). */
function byIdNumber(a: TeamRule, b: TeamRule): number {
  return a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Orders rules the way {@link chooseTeam} tries them.
 * @param rules - rules in any order
 */
export function orderTeamRules(rules: readonly TeamRule[]): TeamRule[] {
  return [...rules].sort((a, b) => a.priority - b.priority || byIdNumber(a, b));
}

/**
 * Whether a rule applies to a follow-up.
 * @param rule - the rule
 * @param input - the follow-up's facility, kind and patient class
 */
export function teamRuleMatches(rule: TeamRule, input: Omit<TeamRoutingInput, 'rosterTeam'>): boolean {
  return (
    sameCode(rule.facility, input.facility) &&
    (rule.kind === null || rule.kind === input.kind) &&
    sameCode(rule.patientClass, input.patientClass)
  );
}

/**
 * Chooses the team for a new follow-up: roster team, else the first matching rule, else the default.
 * @param input - the patient's roster team and the follow-up's facility, kind and patient class
 * @param rules - the team rules, in any order
 * @param defaultTeam - the practice's default team
 */
export function chooseTeam(
  input: TeamRoutingInput,
  rules: readonly TeamRule[],
  defaultTeam: string,
): TeamChoice {
  const rosterTeam = input.rosterTeam?.trim() ?? '';
  if (rosterTeam !== '') return { team: rosterTeam, source: 'roster' };
  const rule = orderTeamRules(rules).find((candidate) => teamRuleMatches(candidate, input));
  if (rule) return { team: rule.team, source: 'rule', ruleId: rule.id };
  return { team: defaultTeam, source: 'default' };
}
