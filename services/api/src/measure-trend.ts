import { MEASURE_IDS, reportBuckets, type DateRange, type MeasureId, type ReportInterval } from '@adt/adt';
import { measureReport, type MeasureFigure, type MeasureFact } from './measure-report.js';

/** One bucket of a trend: its dates and the figures of the members whose event date falls in it. */
export interface TrendBucket extends DateRange {
  measures: MeasureFigure[];
}

export interface MeasureTrend extends DateRange {
  interval: ReportInterval;
  buckets: TrendBucket[];
}

const noMembers = () =>
  Object.fromEntries(MEASURE_IDS.map((id) => [id, []])) as unknown as Record<MeasureId, MeasureFact[]>;

/**
 * The index of the bucket holding a date (buckets are contiguous and in order), or -1 outside them.
 * A binary search: a 12-month report of a large practice has 100,000 members and 53 weeks.
 */
function bucketIndexOf(buckets: readonly DateRange[], date: string): number {
  let low = 0;
  let high = buckets.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const bucket = buckets[middle];
    if (!bucket) return -1;
    if (date < bucket.from) high = middle - 1;
    else if (date > bucket.to) low = middle + 1;
    else return middle;
  }
  return -1;
}

/**
 * A period's figures week by week or month by month: the members read once for the whole period
 * are split by event date and each bucket counted as a report of its own, so every bucket's
 * figures equal `GET /api/reports/measures` for the bucket's dates.
 * @param members - from `measureFacts` over the whole period
 * @param period - the period reported
 * @param interval - ISO weeks or calendar months, clipped to the period
 * @param today - today's practice date (a recent bucket's readmissions are provisional)
 */
export function measureTrend(
  members: Record<MeasureId, MeasureFact[]>,
  period: DateRange,
  interval: ReportInterval,
  today: string,
): MeasureTrend {
  const ranges = reportBuckets(period, interval);
  const grouped = ranges.map(noMembers);
  for (const id of MEASURE_IDS) {
    for (const member of members[id]) {
      grouped[bucketIndexOf(ranges, member.eventDate)]?.[id].push(member);
    }
  }
  const buckets = ranges.map((range, i) => ({
    ...range,
    measures: measureReport(grouped[i] ?? noMembers(), range, today).measures,
  }));
  return { from: period.from, to: period.to, interval, buckets };
}
