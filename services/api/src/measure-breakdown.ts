import { MEASURE_IDS, type MeasureId } from '@adt/adt';
import { measureReport, type MeasureFigure, type MeasureFact } from './measure-report.js';

/** What a breakdown groups the members by. */
export const BREAKDOWN_SLICES = ['team', 'facility', 'kind', 'risk'] as const;
export type BreakdownSlice = (typeof BREAKDOWN_SLICES)[number];

/** The figures of one group; `key` null holds index stays without a discharge follow-up. */
export interface BreakdownGroup {
  key: string | null;
  measures: MeasureFigure[];
}

const keyOf = (member: MeasureFact, by: BreakdownSlice): string | null => {
  switch (by) {
    case 'team':
      return member.team;
    case 'facility':
      return member.facility;
    case 'kind':
      return member.kind ?? null;
    case 'risk':
      return member.risk ?? null;
    default:
      return by satisfies never;
  }
};

/**
 * Splits the members of every measure by a slice and counts each group's figures as the report
 * does, so the groups of a figure add up to it. Groups in key order, the null group last.
 * @param members - from `measureFacts`, read once for the whole period
 * @param by - the slice
 * @param period - the period reported
 * @param today - today's practice date (readmissions of a recent period are provisional)
 */
export function measureBreakdown(
  members: Record<MeasureId, MeasureFact[]>,
  by: BreakdownSlice,
  period: { from: string; to: string },
  today: string,
): BreakdownGroup[] {
  const keys = new Set<string | null>();
  for (const id of MEASURE_IDS) for (const m of members[id]) keys.add(keyOf(m, by));
  const ordered = [...keys].sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0));
  return ordered.map((key) => {
    const grouped = Object.fromEntries(
      MEASURE_IDS.map((id) => [id, members[id].filter((m) => keyOf(m, by) === key)]),
    ) as Record<MeasureId, MeasureFact[]>;
    return { key, measures: measureReport(grouped, period, today).measures };
  });
}
