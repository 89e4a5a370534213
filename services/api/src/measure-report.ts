import type pg from 'pg';
import {
  ED_CONTACT_WINDOW_DAYS,
  MED_REC_WINDOW_DAYS,
  READMISSION_EXCLUDED_DISPOSITIONS,
  READMISSION_WINDOW_DAYS,
  TCM_TIMELY_ATTEMPTS,
  VISIT_WINDOW_DAYS,
  isReadmissionProvisional,
  nearestRankPercentile,
  rateOf,
  type MeasureId,
  type MeasureRate,
} from '@adt/adt';
import {
  countMeasureFollowUps,
  countMeasureIndexDischarges,
  listMeasureFollowUpFacts,
  listMeasureFollowUps,
  listMeasureIndexDischargeFacts,
  listMeasureIndexDischarges,
  type MeasureFollowUpFacts,
  type MeasureIndexDischargeFacts,
  type MeasurePatient,
  type MeasureScope,
  type Queryable,
  withMeasureWorkMem,
} from '@adt/db';
import { toCsv } from './csv.js';

/**
 * The impact-measures report (docs/measures.md): reads the period's counted follow-ups and index
 * discharges, decides each member's numerator by the measure rules, and counts. Figures are counted
 * from the same member lists the members endpoint shows, so each number can be checked by hand.
 */

/** One denominator member of a measure, without its patient: what counting a figure needs. */
export interface MeasureFact {
  /** The follow-up (follow-up measures) or the index encounter (`readmit_30d`). */
  followUpId: string | null;
  encounterId: string | null;
  eventDate: string;
  team: string | null;
  facility: string;
  /** The follow-up's kind; `discharge` for an index stay. */
  kind?: 'discharge' | 'ed_visit';
  /** The follow-up's risk; for an index stay its discharge follow-up's, null without one. */
  risk?: 'high' | 'normal' | null;
  inNumerator: boolean;
  /** `readmit_30d`: the readmission encounter. */
  readmissionEncounterId?: string | null;
  /** `readmit_30d`: whether the discharge follow-up met `tcm_contact_2bd`. */
  contacted2bd?: boolean;
  /** `first_contact_hours`: hours from the discharge to the first contact. */
  hours?: number;
}

/** One denominator member of a measure, with its patient. */
export interface MeasureMember extends MeasureFact {
  patient: MeasurePatient;
}

export type RateFigure = MeasureRate & { id: MeasureId };
export interface ReadmissionFigure extends MeasureRate {
  id: 'readmit_30d';
  provisional: boolean;
  groups: { contacted_2bd: MeasureRate; not_contacted_2bd: MeasureRate };
}
export interface HoursFigure {
  id: 'first_contact_hours';
  count: number;
  median: number | null;
  p90: number | null;
}
export type MeasureFigure = RateFigure | ReadmissionFigure | HoursFigure;

export interface MeasureReport {
  from: string;
  to: string;
  measures: MeasureFigure[];
}

const HOURS_DECIMALS = 100;
const roundHours = (hours: number) => Math.round(hours * HOURS_DECIMALS) / HOURS_DECIMALS;

const FOLLOW_UP_WINDOWS = {
  visitDays: [VISIT_WINDOW_DAYS.visit_7d, VISIT_WINDOW_DAYS.visit_14d],
  medRecDays: MED_REC_WINDOW_DAYS,
  edContactDays: ED_CONTACT_WINDOW_DAYS,
} as const;
const READMISSION_RULES = {
  excludedDispositions: READMISSION_EXCLUDED_DISPOSITIONS,
  windowDays: READMISSION_WINDOW_DAYS,
};

/**
 * Sorts the period's follow-ups and index discharges into each measure's members, with whatever
 * else each row carries (`more`: its patient, or nothing when only counting).
 */
function membersByMeasure<More extends object>(
  followUps: readonly (MeasureFollowUpFacts & More)[],
  discharges: readonly (MeasureIndexDischargeFacts & More)[],
  more: (row: More) => More,
): Record<MeasureId, (MeasureFact & More)[]> {
  // Object.assign onto a literal of fixed shape: spreading `more` first made each member several
  // times slower to build (a month's 36,000 members took ~250 ms).
  const member = (f: MeasureFollowUpFacts & More, inNumerator: boolean): MeasureFact & More =>
    Object.assign(
      {
        followUpId: f.followUpId,
        encounterId: null,
        eventDate: f.eventDate,
        team: f.team,
        facility: f.facility,
        kind: f.kind,
        risk: f.risk,
        inNumerator,
      },
      more(f),
    );
  const discharge = followUps.filter((f) => f.kind === 'discharge');
  const edVisits = followUps.filter((f) => f.kind === 'ed_visit');
  return {
    tcm_contact_2bd: discharge.map((f) => member(f, f.contactByDue)),
    tcm_outreach_2bd: discharge.map((f) =>
      member(f, f.contactByDue || f.attemptsByDue >= TCM_TIMELY_ATTEMPTS),
    ),
    visit_7d: discharge.map((f) => member(f, f.visitWithin7Days)),
    visit_14d: discharge.map((f) => member(f, f.visitWithin14Days)),
    med_rec_30d: discharge.map((f) => member(f, f.medRecWithin30Days)),
    ed_contact_7d: edVisits.map((f) => member(f, f.contactWithin7Days)),
    readmit_30d: discharges.map((d) =>
      Object.assign(
        {
          followUpId: null,
          encounterId: d.encounterId,
          eventDate: d.eventDate,
          team: d.team,
          facility: d.facility,
          kind: 'discharge' as const,
          risk: d.risk,
          inNumerator: d.readmissionEncounterId !== null,
          readmissionEncounterId: d.readmissionEncounterId,
          contacted2bd: d.contactedBy2BusinessDays,
        },
        more(d),
      ),
    ),
    first_contact_hours: discharge.flatMap((f) =>
      f.firstContactHours === null ? [] : [{ ...member(f, true), hours: roundHours(f.firstContactHours) }],
    ),
  };
}

/**
 * Every measure's denominator members with their patients, in event-date order.
 * @param scope - period, zone, teams and facility
 */
export async function measureMembers(
  db: Queryable,
  scope: MeasureScope,
): Promise<Record<MeasureId, MeasureMember[]>> {
  const [followUps, discharges] = await Promise.all([
    listMeasureFollowUps(db, scope, FOLLOW_UP_WINDOWS),
    listMeasureIndexDischarges(db, scope, READMISSION_RULES),
  ]);
  return membersByMeasure<{ patient: MeasurePatient }>(followUps, discharges, (row) => ({
    patient: row.patient,
  }));
}

/**
 * The same members as {@link measureMembers} without their patients, in no order: what the
 * figures are counted from, read without the patients' rows (most of what a long period reads).
 * @param scope - period, zone, teams and facility
 */
export async function measureFacts(
  pool: pg.Pool,
  scope: MeasureScope,
): Promise<Record<MeasureId, MeasureFact[]>> {
  // Two transactions, so the two queries still run side by side on two connections.
  const [followUps, discharges] = await Promise.all([
    withMeasureWorkMem(pool, (db) => listMeasureFollowUpFacts(db, scope, FOLLOW_UP_WINDOWS)),
    withMeasureWorkMem(pool, (db) => listMeasureIndexDischargeFacts(db, scope, READMISSION_RULES)),
  ]);
  return membersByMeasure<object>(followUps, discharges, () => ({}));
}

/**
 * Counts the figures of every measure from its members.
 * @param members - from {@link measureFacts} (or {@link measureMembers})
 * @param period - the period reported
 * @param today - today's practice date (a recent period's readmissions are provisional)
 */
export function measureReport(
  members: Record<MeasureId, MeasureFact[]>,
  period: { from: string; to: string },
  today: string,
): MeasureReport {
  const inNumerator = (m: MeasureFact) => m.inNumerator;
  const rate = (id: MeasureId): RateFigure => ({ id, ...rateOf(members[id], inNumerator) });
  const readmissions = members.readmit_30d;
  const hours = members.first_contact_hours.map((m) => m.hours ?? 0);
  return {
    from: period.from,
    to: period.to,
    measures: [
      rate('tcm_contact_2bd'),
      rate('tcm_outreach_2bd'),
      rate('visit_7d'),
      rate('visit_14d'),
      rate('med_rec_30d'),
      rate('ed_contact_7d'),
      {
        ...rate('readmit_30d'),
        id: 'readmit_30d',
        provisional: isReadmissionProvisional(period.to, today),
        groups: {
          contacted_2bd: rateOf(
            readmissions.filter((m) => m.contacted2bd === true),
            inNumerator,
          ),
          not_contacted_2bd: rateOf(
            readmissions.filter((m) => m.contacted2bd !== true),
            inNumerator,
          ),
        },
      },
      {
        id: 'first_contact_hours',
        count: hours.length,
        median: nearestRankPercentile(hours, 50),
        p90: nearestRankPercentile(hours, 90),
      },
    ],
  };
}

const rateFigure = (numerator: number, denominator: number): MeasureRate => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : numerator / denominator,
});

/**
 * The same report as {@link measureReport} of {@link measureFacts}, counted by the database: only
 * the figures cross the wire, not a row per member. The member lists stay the way to check each
 * figure, and a test holds the two equal.
 * @param scope - period, zone, teams and facility
 * @param today - today's practice date (a recent period's readmissions are provisional)
 */
export async function countedMeasureReport(
  pool: pg.Pool,
  scope: MeasureScope,
  today: string,
): Promise<MeasureReport> {
  const [f, d] = await Promise.all([
    withMeasureWorkMem(pool, (db) =>
      countMeasureFollowUps(db, scope, FOLLOW_UP_WINDOWS, {
        timelyAttempts: TCM_TIMELY_ATTEMPTS,
        percentiles: [50, 90],
      }),
    ),
    withMeasureWorkMem(pool, (db) => countMeasureIndexDischarges(db, scope, READMISSION_RULES)),
  ]);
  const rate = (id: MeasureId, numerator: number, denominator: number): RateFigure => ({
    id,
    ...rateFigure(numerator, denominator),
  });
  // Rounding keeps the order of the hours, so the rounded percentile is the percentile of the
  // rounded hours the member lists show.
  const hours = (value: number | null) => (value === null ? null : roundHours(value));
  return {
    from: scope.from,
    to: scope.to,
    measures: [
      rate('tcm_contact_2bd', f.contactByDue, f.discharges),
      rate('tcm_outreach_2bd', f.outreachByDue, f.discharges),
      rate('visit_7d', f.visitWithin7Days, f.discharges),
      rate('visit_14d', f.visitWithin14Days, f.discharges),
      rate('med_rec_30d', f.medRecWithin30Days, f.discharges),
      rate('ed_contact_7d', f.edContactWithin7Days, f.edVisits),
      {
        ...rate('readmit_30d', d.readmitted, d.discharges),
        id: 'readmit_30d',
        provisional: isReadmissionProvisional(scope.to, today),
        groups: {
          contacted_2bd: rateFigure(d.contactedReadmitted, d.contacted),
          not_contacted_2bd: rateFigure(d.readmitted - d.contactedReadmitted, d.discharges - d.contacted),
        },
      },
      {
        id: 'first_contact_hours',
        count: f.contactHours.count,
        median: hours(f.contactHours.median),
        p90: hours(f.contactHours.p90),
      },
    ],
  };
}

// Columns added later go at the end, so scripts reading by position keep working.
const CSV_COLUMNS = [
  'id',
  'numerator',
  'denominator',
  'rate',
  'count',
  'median',
  'p90',
  'provisional',
  'contacted_2bd_numerator',
  'contacted_2bd_denominator',
  'not_contacted_2bd_numerator',
  'not_contacted_2bd_denominator',
] as const;

const cell = (value: number | boolean | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

/**
 * The report as CSV: one row per measure, blank cells where a column does not apply.
 * @param report - from {@link measureReport}
 */
export function measureReportToCsv(report: MeasureReport): string {
  const rows = report.measures.map((m) => {
    const values: Record<(typeof CSV_COLUMNS)[number], string> = {
      id: m.id,
      numerator: 'numerator' in m ? cell(m.numerator) : '',
      denominator: 'denominator' in m ? cell(m.denominator) : '',
      rate: 'rate' in m ? cell(m.rate) : '',
      count: 'count' in m ? cell(m.count) : '',
      median: 'median' in m ? cell(m.median) : '',
      p90: 'p90' in m ? cell(m.p90) : '',
      provisional: 'provisional' in m ? cell(m.provisional) : '',
      contacted_2bd_numerator: 'groups' in m ? cell(m.groups.contacted_2bd.numerator) : '',
      contacted_2bd_denominator: 'groups' in m ? cell(m.groups.contacted_2bd.denominator) : '',
      not_contacted_2bd_numerator: 'groups' in m ? cell(m.groups.not_contacted_2bd.numerator) : '',
      not_contacted_2bd_denominator: 'groups' in m ? cell(m.groups.not_contacted_2bd.denominator) : '',
    };
    return CSV_COLUMNS.map((c) => values[c]);
  });
  return toCsv(CSV_COLUMNS, rows);
}
