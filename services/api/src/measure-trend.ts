import { MEASURE_IDS, reportBuckets, type DateRange, type MeasureId, type ReportInterval } from '@adt/adt';
import { measureReport, type MeasureFigure, type MeasureMember } from './measure-report.js';

/** One bucket of a trend: its dates and the figures of the members whose event date falls in it. */
export interface TrendBucket extends DateRange {
  measures: MeasureFigure[];
}

export interface MeasureTrend extends DateRange {
  interval: ReportInterval;
  buckets: TrendBucket[];
}

/**
 * A period's figures week by week or month by month: the members read once for the whole period
 * are split by event date and each bucket counted as a report of its own, so every bucket's
 * figures equal `GET /api/reports/measures` for the bucket's dates.
 * @param members - from `measureMembers` over the whole period
 * @param period - the period reported
 * @param interval - ISO weeks or calendar months, clipped to the period
 * @param today - today's practice date (a recent bucket's readmissions are provisional)
 */
export function measureTrend(
  members: Record<MeasureId, MeasureMember[]>,
  period: DateRange,
  interval: ReportInterval,
  today: string,
): MeasureTrend {
  const buckets = reportBuckets(period, interval).map((range) => {
    const inRange = (m: MeasureMember) => m.eventDate >= range.from && m.eventDate <= range.to;
    const bucketMembers = Object.fromEntries(
      MEASURE_IDS.map((id) => [id, members[id].filter(inRange)]),
    ) as Record<MeasureId, MeasureMember[]>;
    return { ...range, measures: measureReport(bucketMembers, range, today).measures };
  });
  return { from: period.from, to: period.to, interval, buckets };
}
