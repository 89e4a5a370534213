import { z } from 'zod';
import { addCalendarDays, MAX_MEASURE_PERIOD_DAYS } from '@adt/adt';
import type { MeasureScope, Queryable } from '@adt/db';
import { visibleTeams, type Principal } from './auth.js';
import { dateText, filterText } from './input-schemas.js';
import { assertKnownTeam } from './team-filter.js';

/** The query fields every report shares: a period and the slices that narrow it. */
export const periodFields = {
  from: dateText.describe('first practice date of the period, inclusive'),
  to: dateText.describe('last practice date of the period, inclusive'),
  team: filterText().optional().describe("only this team's follow-ups (a navigator: one of theirs)"),
  facility: filterText()
    .optional()
    .describe('only this facility, as follow-ups and encounters name it (the `facility` of a follow-up)'),
  kind: z
    .enum(['discharge', 'ed_visit'])
    .optional()
    .describe(
      'only follow-ups of this kind; `ed_visit` leaves `readmit_30d` empty (its index stays are discharges)',
    ),
  risk: z
    .enum(['high', 'normal'])
    .optional()
    .describe(
      "only follow-ups of this risk (their priority); `readmit_30d` counts index stays by their discharge follow-up's risk",
    ),
};

/** The period and slices of a report request, as validated by `periodFields`. */
export interface PeriodQuery {
  from: string;
  to: string;
  team?: string | undefined;
  facility?: string | undefined;
  kind?: 'discharge' | 'ed_visit' | undefined;
  risk?: 'high' | 'normal' | undefined;
}

/** Refuses a reversed or overlong period with 400 at validation, before any query. */
export function checkPeriod(query: { from: string; to: string }, ctx: z.RefinementCtx): void {
  // Zod runs this refinement even when a field failed: a malformed date is reported by its field.
  if (!dateText.safeParse(query.from).success || !dateText.safeParse(query.to).success) return;
  if (query.from > query.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  } else if (addCalendarDays(query.from, MAX_MEASURE_PERIOD_DAYS - 1) < query.to) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `period may span at most ${MAX_MEASURE_PERIOD_DAYS} days`,
    });
  }
}

/**
 * The teams a caller's report covers: a navigator's own teams (or the one of theirs asked for,
 * 403 for another), an admin's every team (or the one asked for).
 */
export function reportTeams(principal: Principal, team: string | undefined): readonly string[] | null {
  return visibleTeams(principal, team) ?? null;
}

/** The measure scope of a report request: the caller's teams, a known team, the practice's zone. */
export async function reportScope(
  db: Queryable,
  principal: Principal,
  query: PeriodQuery,
  timeZone: string,
): Promise<MeasureScope> {
  const teams = reportTeams(principal, query.team);
  await assertKnownTeam(db, query.team);
  return {
    from: query.from,
    to: query.to,
    timeZone,
    teams,
    facility: query.facility ?? null,
    kind: query.kind ?? null,
    risk: query.risk ?? null,
  };
}
