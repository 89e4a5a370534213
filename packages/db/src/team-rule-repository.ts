import type { FollowUpKind, TeamRule } from '@adt/adt';
import type { Queryable } from './pool.js';
import { assertTeamsExist } from './team-repository.js';

/** A rule to add; null match fields are wildcards. */
export interface NewTeamRule {
  facility: string | null;
  kind: FollowUpKind | null;
  patientClass: string | null;
  team: string;
  /** Lower is tried first; 100 when not given. */
  priority?: number;
}

/** Default rule priority: leaves room to put rules before and after. */
export const DEFAULT_TEAM_RULE_PRIORITY = 100;

// Columns named as the TeamRule's fields, so a row is the value.
const TEAM_RULE_COLUMNS = 'id, facility, kind, patient_class AS "patientClass", team, priority';

/**
 * Adds a team routing rule.
 * @param rule - match fields, team and priority
 * @returns the stored rule
 * @throws UnknownTeamError when the rule names a team nobody added
 */
export async function addTeamRule(db: Queryable, rule: NewTeamRule): Promise<TeamRule> {
  await assertTeamsExist(db, [rule.team]);
  const result = await db.query<TeamRule>(
    `INSERT INTO team_rules (facility, kind, patient_class, team, priority)
     VALUES ($1, $2, $3, $4, $5)
     RETURNING ${TEAM_RULE_COLUMNS}`,
    [rule.facility, rule.kind, rule.patientClass, rule.team, rule.priority ?? DEFAULT_TEAM_RULE_PRIORITY],
  );
  const row = result.rows[0];
  if (!row) throw new Error('team rule insert returned no row');
  return row;
}

/**
 * Every team rule, in the order routing tries them (priority, then the order they were added).
 */
export async function listTeamRules(db: Queryable): Promise<TeamRule[]> {
  const result = await db.query<TeamRule>(
    `SELECT ${TEAM_RULE_COLUMNS} FROM team_rules ORDER BY priority, id`,
  );
  return result.rows;
}

/**
 * Removes a team rule.
 * @param id - rule id
 * @returns false when there was no such rule
 */
export async function removeTeamRule(db: Queryable, id: string): Promise<boolean> {
  const result = await db.query('DELETE FROM team_rules WHERE id = $1', [id]);
  return result.rowCount === 1;
}
