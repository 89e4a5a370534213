import { SUPERSEDED_WITHOUT_WORK } from './follow-up-queries.js';
import { samePersonOfManyCte } from './same-person.js';
import type { Queryable } from './pool.js';
import { liveRow } from './sandbox-rows.js';

/**
 * Queries behind the impact measures (docs/measures.md): every denominator member of a period with
 * the facts its numerators need, so a figure and its member list come from one read.
 */

/** Which follow-ups and encounters a report covers. */
export interface MeasureScope {
  /** First and last practice date of the period, `YYYY-MM-DD`, both inclusive. */
  from: string;
  to: string;
  /** `PRACTICE_TZ`: event dates and "by the end of day" are read in it. */
  timeZone: string;
  /** Only follow-ups (and index encounters) of these teams; null for every team. */
  teams: readonly string[] | null;
  /** Only this facility; null for every facility. */
  facility: string | null;
  /**
   * Only follow-ups of this kind; `ed_visit` leaves no index discharges for readmissions (an
   * inpatient discharge is a `discharge` event). Null or absent: both kinds.
   */
  kind?: 'discharge' | 'ed_visit' | null;
  /**
   * Only follow-ups of this risk (their priority: high when the readmission risk is high or the
   * patient left against advice); index discharges by the risk of their discharge follow-up, so
   * one without a follow-up drops out. Null or absent: every risk.
   */
  risk?: 'high' | 'normal' | null;
}

/** The patient a member stands for, as a navigator finds them in the inbox. */
export interface MeasurePatient {
  id: string;
  mrn: string;
  assigningAuthority: string;
  familyName: string;
  givenName: string;
}

/** A counted follow-up of the period and what was done for it in time, without its patient. */
export interface MeasureFollowUpFacts {
  followUpId: string;
  kind: 'discharge' | 'ed_visit';
  /** Its priority: `high` for a high readmission risk. */
  risk: 'high' | 'normal';
  team: string;
  facility: string;
  /** Practice date of the discharge (or ED departure, else arrival), `YYYY-MM-DD`. */
  eventDate: string;
  /** A `contact_made` at or before the follow-up's TCM due time. */
  contactByDue: boolean;
  /** `contact_attempt` actions at or before the TCM due time. */
  attemptsByDue: number;
  /** An `appointment_scheduled` whose visit date is no later than the event date + 7 / + 14. */
  visitWithin7Days: boolean;
  visitWithin14Days: boolean;
  /** A `med_reconciliation` by the end of the event date + 30 days. */
  medRecWithin30Days: boolean;
  /** A `contact_made` by the end of the event date + 7 days. */
  contactWithin7Days: boolean;
  /** Hours from the discharge (or ED event) to the first `contact_made`; null without one. */
  firstContactHours: number | null;
}

/** A counted follow-up of the period, its patient and what was done for it in time. */
export interface MeasureFollowUp extends MeasureFollowUpFacts {
  patient: MeasurePatient;
}

/** An inpatient discharge of the period that counts for readmissions, without its patient. */
export interface MeasureIndexDischargeFacts {
  encounterId: string;
  facility: string;
  /** Team of the encounter's discharge follow-up; null when it has none. */
  team: string | null;
  /** Risk (priority) of that follow-up; null when it has none. */
  risk: 'high' | 'normal' | null;
  eventDate: string;
  /** The first inpatient encounter of the same person admitted within the window, if any. */
  readmissionEncounterId: string | null;
  /** Its counted discharge follow-up had a `contact_made` by its TCM due time. */
  contactedBy2BusinessDays: boolean;
}

/** An inpatient discharge of the period that counts for readmissions, with its patient. */
export interface MeasureIndexDischarge extends MeasureIndexDischargeFacts {
  patient: MeasurePatient;
}

// The period as instants: from the start of `from` to the start of the day after `to`, in the
// practice zone (a date cast to timestamp is its midnight; AT TIME ZONE reads it as local time).
const PERIOD_START = `($1::date::timestamp AT TIME ZONE $3)`;
const PERIOD_END = `(($2::date + 1)::timestamp AT TIME ZONE $3)`;
// "By the end of day X" is before the next local midnight: X + 1 read as local time.
const MED_REC_DEADLINE = `((d.event_date + $8::int + 1)::timestamp AT TIME ZONE $3)`;
const ED_CONTACT_DEADLINE = `((d.event_date + $9::int + 1)::timestamp AT TIME ZONE $3)`;

const PATIENT_COLUMNS = `p.id AS patient_id, p.mrn, p.assigning_authority, p.family_name, p.given_name`;

// The counted follow-ups of MEASURE_FOLLOW_UPS_SQL with their timely actions, shared by both reads.
const FOLLOW_UP_FACTS_CTES = `
WITH counted AS (
  SELECT f.id, f.kind, f.priority, f.team, f.due_at, f.patient_id, e.facility,
         CASE WHEN f.kind = 'discharge' THEN e.discharged_at
              ELSE COALESCE(e.discharged_at, e.admitted_at) END AS event_at
    FROM follow_ups f
    JOIN encounters e ON e.id = f.encounter_id
   WHERE f.status <> 'cancelled' AND NOT f.discharge_cancelled AND NOT ${SUPERSEDED_WITHOUT_WORK}
     AND ${liveRow('f')}
     AND ($4::text[] IS NULL OR f.team = ANY ($4::text[]))
     AND ($5::text IS NULL OR e.facility = $5)
     AND ($10::text IS NULL OR f.kind = $10) AND ($11::text IS NULL OR f.priority = $11)
), dated AS (
  SELECT c.*, (c.event_at AT TIME ZONE $3)::date AS event_date
    FROM counted c
   WHERE c.event_at >= ${PERIOD_START} AND c.event_at < ${PERIOD_END}
), timely AS (
  -- One pass over the period's care actions (a hash join for a long period, an index scan per
  -- follow-up for a short one) rather than one probe per flag and follow-up. Every window is "by a
  -- deadline", so the earliest qualifying action decides it; only attempts are counted.
  SELECT d.id,
         count(*) FILTER (WHERE a.type = 'contact_attempt' AND a.at <= d.due_at)::int AS attempts_by_due,
         min(a.at) FILTER (WHERE a.type = 'contact_made') AS first_contact_at,
         min(a.outcome) FILTER (WHERE a.type = 'appointment_scheduled'
                                  AND a.outcome ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$') AS first_visit_date,
         min(a.at) FILTER (WHERE a.type = 'med_reconciliation') AS first_med_rec_at
    FROM dated d
    JOIN care_actions a ON a.follow_up_id = d.id
   WHERE a.type IN ('contact_made', 'contact_attempt', 'appointment_scheduled', 'med_reconciliation')
   GROUP BY d.id
)`;

const FOLLOW_UP_FACT_COLUMNS = `d.id, d.kind, d.priority, d.team, d.facility, to_char(d.event_date, 'YYYY-MM-DD') AS event_date,
       COALESCE(t.first_contact_at <= d.due_at, false) AS contact_by_due,
       COALESCE(t.attempts_by_due, 0) AS attempts_by_due,
       COALESCE(t.first_visit_date <= to_char(d.event_date + $6::int, 'YYYY-MM-DD'), false) AS visit_7d,
       COALESCE(t.first_visit_date <= to_char(d.event_date + $7::int, 'YYYY-MM-DD'), false) AS visit_14d,
       COALESCE(t.first_med_rec_at < ${MED_REC_DEADLINE}, false) AS med_rec_30d,
       COALESCE(t.first_contact_at < ${ED_CONTACT_DEADLINE}, false) AS contact_7d,
       EXTRACT(EPOCH FROM t.first_contact_at - d.event_at)::float8 / 3600 AS first_contact_hours`;

/**
 * Counted follow-ups: in the period by event date, not cancelled, discharge not flagged cancelled,
 * not superseded by a readmission's follow-up without work logged (those read as cancelled).
 * $6, $7: visit windows, $8 the med rec window, $9 the ED contact window (days); $10 kind, $11 risk.
 */
export const MEASURE_FOLLOW_UPS_SQL = `${FOLLOW_UP_FACTS_CTES}
SELECT ${FOLLOW_UP_FACT_COLUMNS}, ${PATIENT_COLUMNS}
  FROM dated d
  JOIN patients p ON p.id = d.patient_id
  LEFT JOIN timely t ON t.id = d.id
 ORDER BY d.event_date, d.id`;

/**
 * The same follow-ups and facts as {@link MEASURE_FOLLOW_UPS_SQL}, without the patients and in no
 * order: what counting the figures needs (the patients' rows are most of what a long period reads).
 */
export const MEASURE_FOLLOW_UP_FACTS_SQL = `${FOLLOW_UP_FACTS_CTES}
SELECT ${FOLLOW_UP_FACT_COLUMNS}
  FROM dated d
  LEFT JOIN timely t ON t.id = d.id`;

interface PatientRow {
  patient_id: string;
  mrn: string;
  assigning_authority: string;
  family_name: string;
  given_name: string;
}

const patientOf = (row: PatientRow): MeasurePatient => ({
  id: row.patient_id,
  mrn: row.mrn,
  assigningAuthority: row.assigning_authority,
  familyName: row.family_name,
  givenName: row.given_name,
});

/**
 * The two reads of one kind of counted row: with the patients (a measure's members) and without
 * them (to count), from the same query parameters and the same row mapping.
 */
// Row is the query's row type, which db.query needs and each caller's row mapping names.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
function measureReads<Row, Facts, Rules>(
  sql: { withPatients: string; factsOnly: string },
  parameters: (scope: MeasureScope, rules: Rules) => unknown[],
  factsOf: (row: Row) => Facts,
) {
  return {
    withPatients: async (
      db: Queryable,
      scope: MeasureScope,
      rules: Rules,
    ): Promise<(Facts & { patient: MeasurePatient })[]> => {
      const result = await db.query<Row & PatientRow>(sql.withPatients, parameters(scope, rules));
      return result.rows.map((row) => ({ ...factsOf(row), patient: patientOf(row) }));
    },
    factsOnly: async (db: Queryable, scope: MeasureScope, rules: Rules): Promise<Facts[]> => {
      const result = await db.query<Row & PatientRow>(sql.factsOnly, parameters(scope, rules));
      return result.rows.map(factsOf);
    },
  };
}

/** The measure windows in days (rules from `@adt/adt`). */
export interface MeasureWindows {
  visitDays: readonly [number, number];
  medRecDays: number;
  edContactDays: number;
}

interface FollowUpFactsRow {
  id: string;
  kind: 'discharge' | 'ed_visit';
  priority: 'high' | 'normal';
  team: string;
  facility: string;
  event_date: string;
  contact_by_due: boolean;
  attempts_by_due: number;
  visit_7d: boolean;
  visit_14d: boolean;
  med_rec_30d: boolean;
  contact_7d: boolean;
  first_contact_hours: number | null;
}

const followUpParameters = (scope: MeasureScope, windows: MeasureWindows) => [
  scope.from,
  scope.to,
  scope.timeZone,
  scope.teams,
  scope.facility,
  windows.visitDays[0],
  windows.visitDays[1],
  windows.medRecDays,
  windows.edContactDays,
  scope.kind ?? null,
  scope.risk ?? null,
];

const followUpFactsOf = (row: FollowUpFactsRow): MeasureFollowUpFacts => ({
  followUpId: row.id,
  kind: row.kind,
  risk: row.priority,
  team: row.team,
  facility: row.facility,
  eventDate: row.event_date,
  contactByDue: row.contact_by_due,
  attemptsByDue: row.attempts_by_due,
  visitWithin7Days: row.visit_7d,
  visitWithin14Days: row.visit_14d,
  medRecWithin30Days: row.med_rec_30d,
  contactWithin7Days: row.contact_7d,
  firstContactHours: row.first_contact_hours,
});

/**
 * The counted follow-ups of a period: {@link listMeasureFollowUps} with their patients and timely
 * actions, in event-date order (a measure's members); {@link listMeasureFollowUpFacts} the same
 * follow-ups without their patients, in no order (for counting the figures).
 */
export const { withPatients: listMeasureFollowUps, factsOnly: listMeasureFollowUpFacts } = measureReads<
  FollowUpFactsRow,
  MeasureFollowUpFacts,
  MeasureWindows
>(
  { withPatients: MEASURE_FOLLOW_UPS_SQL, factsOnly: MEASURE_FOLLOW_UP_FACTS_SQL },
  followUpParameters,
  followUpFactsOf,
);

// The index discharges of MEASURE_INDEX_DISCHARGES_SQL with their readmissions, shared by both reads.
const INDEX_DISCHARGE_CTES = `
WITH RECURSIVE idx AS (
  SELECT e.id, e.patient_id, e.facility, e.discharged_at, (e.discharged_at AT TIME ZONE $3)::date AS event_date,
         fu.team, fu.priority, COALESCE(fu.contacted, false) AS contacted
    FROM encounters e
    LEFT JOIN LATERAL (
      SELECT f.team, f.priority,
             (f.status <> 'cancelled' AND NOT f.discharge_cancelled
              AND EXISTS (SELECT 1 FROM care_actions a WHERE a.follow_up_id = f.id AND a.type = 'contact_made'
                             AND a.at <= f.due_at)) AS contacted
        FROM follow_ups f
       WHERE f.encounter_id = e.id AND f.kind = 'discharge'
       ORDER BY (f.status <> 'cancelled' AND NOT f.discharge_cancelled) DESC, f.id DESC
       LIMIT 1
    ) fu ON true
   WHERE e.patient_class = 'I' AND e.merged_into IS NULL AND ${liveRow('e')}
     AND e.discharged_at >= ${PERIOD_START} AND e.discharged_at < ${PERIOD_END}
     AND (CASE WHEN btrim(e.disposition) ~ '^[0-9]$' THEN '0' || btrim(e.disposition)
               ELSE btrim(e.disposition) END) <> ALL ($6::text[])
     AND ($4::text[] IS NULL OR fu.team = ANY ($4::text[]))
     AND ($5::text IS NULL OR e.facility = $5)
     AND ($8::text IS NULL OR $8::text = 'discharge') AND ($9::text IS NULL OR fu.priority = $9)
), ${samePersonOfManyCte('SELECT DISTINCT patient_id FROM idx')}, readmission AS (
  -- One set-based join for every index discharge at once: a per-discharge subquery would scan
  -- \`same_person\` (a CTE has no index) once per discharge.
  SELECT DISTINCT ON (i.id) i.id AS index_id, r.id
    FROM idx i
    JOIN same_person s ON s.seed = i.patient_id
    JOIN encounters r ON r.patient_id = s.patient_id
   WHERE r.id <> i.id AND r.patient_class = 'I'
     AND r.merged_into IS NULL AND r.admitted_at > i.discharged_at
     AND (r.admitted_at AT TIME ZONE $3)::date <= i.event_date + $7::int
   ORDER BY i.id, r.admitted_at, r.id
)`;

const INDEX_DISCHARGE_FACT_COLUMNS = `i.id, i.facility, i.team, i.priority, i.contacted, to_char(i.event_date, 'YYYY-MM-DD') AS event_date,
       readmission.id AS readmission_id`;

/**
 * Index discharges for readmissions: inpatient encounters discharged in the period (an A13 clears
 * the discharge, so cancelled ones are not here), less the excluded dispositions ($6, normalised
 * two-digit codes), $8 kind and $9 risk slices, each with the first inpatient admission of the same person, at any facility,
 * after the discharge and no later than its date + $7 days.
 */
export const MEASURE_INDEX_DISCHARGES_SQL = `${INDEX_DISCHARGE_CTES}
SELECT ${INDEX_DISCHARGE_FACT_COLUMNS}, ${PATIENT_COLUMNS}
  FROM idx i
  JOIN patients p ON p.id = i.patient_id
  LEFT JOIN readmission ON readmission.index_id = i.id
 ORDER BY i.event_date, i.id`;

/**
 * The same index discharges and readmissions as {@link MEASURE_INDEX_DISCHARGES_SQL}, without the
 * patients and in no order: what counting the figures needs.
 */
export const MEASURE_INDEX_DISCHARGE_FACTS_SQL = `${INDEX_DISCHARGE_CTES}
SELECT ${INDEX_DISCHARGE_FACT_COLUMNS}
  FROM idx i
  LEFT JOIN readmission ON readmission.index_id = i.id`;

/** Excluded dispositions and the readmission window (rules from `@adt/adt`). */
export interface ReadmissionRules {
  excludedDispositions: readonly string[];
  windowDays: number;
}

interface IndexDischargeFactsRow {
  id: string;
  facility: string;
  team: string | null;
  priority: 'high' | 'normal' | null;
  contacted: boolean;
  event_date: string;
  readmission_id: string | null;
}

const indexDischargeParameters = (scope: MeasureScope, rules: ReadmissionRules) => [
  scope.from,
  scope.to,
  scope.timeZone,
  scope.teams,
  scope.facility,
  rules.excludedDispositions,
  rules.windowDays,
  scope.kind ?? null,
  scope.risk ?? null,
];

const indexDischargeFactsOf = (row: IndexDischargeFactsRow): MeasureIndexDischargeFacts => ({
  encounterId: row.id,
  facility: row.facility,
  team: row.team,
  risk: row.priority,
  eventDate: row.event_date,
  readmissionEncounterId: row.readmission_id,
  contactedBy2BusinessDays: row.contacted,
});

/**
 * The index discharges of a period: {@link listMeasureIndexDischarges} with their patients and
 * readmissions, in event-date order; {@link listMeasureIndexDischargeFacts} the same without their
 * patients, in no order.
 */
export const { withPatients: listMeasureIndexDischarges, factsOnly: listMeasureIndexDischargeFacts } =
  measureReads<IndexDischargeFactsRow, MeasureIndexDischargeFacts, ReadmissionRules>(
    { withPatients: MEASURE_INDEX_DISCHARGES_SQL, factsOnly: MEASURE_INDEX_DISCHARGE_FACTS_SQL },
    indexDischargeParameters,
    indexDischargeFactsOf,
  );

/**
 * The figures of the counted follow-ups, counted in SQL from the rows of
 * {@link MEASURE_FOLLOW_UP_FACTS_SQL}: each figure is the number of those rows that are its members
 * and numerators, as the member lists count them. $12: contact attempts by the due time that make
 * outreach timely; $13, $14: the fractions of the nearest-rank percentiles of the hours to first
 * contact (`percentile_disc` takes the value at rank ceil(fraction × count)).
 */
export const MEASURE_FOLLOW_UP_COUNTS_SQL = `${FOLLOW_UP_FACTS_CTES}, facts AS (
  SELECT ${FOLLOW_UP_FACT_COLUMNS}
    FROM dated d
    LEFT JOIN timely t ON t.id = d.id
)
SELECT count(*) FILTER (WHERE kind = 'discharge')::int AS discharges,
       count(*) FILTER (WHERE kind = 'discharge' AND contact_by_due)::int AS contact_by_due,
       count(*) FILTER (WHERE kind = 'discharge' AND (contact_by_due OR attempts_by_due >= $12::int))::int AS outreach_by_due,
       count(*) FILTER (WHERE kind = 'discharge' AND visit_7d)::int AS visit_7d,
       count(*) FILTER (WHERE kind = 'discharge' AND visit_14d)::int AS visit_14d,
       count(*) FILTER (WHERE kind = 'discharge' AND med_rec_30d)::int AS med_rec_30d,
       count(*) FILTER (WHERE kind = 'ed_visit')::int AS ed_visits,
       count(*) FILTER (WHERE kind = 'ed_visit' AND contact_7d)::int AS ed_contact_7d,
       count(first_contact_hours) FILTER (WHERE kind = 'discharge')::int AS contact_hours_count,
       percentile_disc($13::float8) WITHIN GROUP (ORDER BY first_contact_hours)
         FILTER (WHERE kind = 'discharge') AS contact_hours_median,
       percentile_disc($14::float8) WITHIN GROUP (ORDER BY first_contact_hours)
         FILTER (WHERE kind = 'discharge') AS contact_hours_p90
  FROM facts`;

/**
 * The readmission figures of the index discharges, counted in SQL from the rows of
 * {@link MEASURE_INDEX_DISCHARGE_FACTS_SQL}, in all and by whether the discharge follow-up met
 * `tcm_contact_2bd`.
 */
export const MEASURE_INDEX_DISCHARGE_COUNTS_SQL = `${INDEX_DISCHARGE_CTES}
SELECT count(*)::int AS discharges,
       count(readmission.id)::int AS readmitted,
       count(*) FILTER (WHERE i.contacted)::int AS contacted,
       count(readmission.id) FILTER (WHERE i.contacted)::int AS contacted_readmitted
  FROM idx i
  LEFT JOIN readmission ON readmission.index_id = i.id`;

/** The follow-up figures of a period, as counts of {@link listMeasureFollowUpFacts}' rows. */
export interface MeasureFollowUpCounts {
  /** Counted discharge follow-ups: the denominator of the discharge measures. */
  discharges: number;
  contactByDue: number;
  /** A contact, or the timely number of attempts, by the due time. */
  outreachByDue: number;
  visitWithin7Days: number;
  visitWithin14Days: number;
  medRecWithin30Days: number;
  edVisits: number;
  edContactWithin7Days: number;
  /** Hours to first contact of the discharge follow-ups with one: how many, median and p90. */
  contactHours: { count: number; median: number | null; p90: number | null };
}

/** The readmission figures of a period, as counts of {@link listMeasureIndexDischargeFacts}' rows. */
export interface MeasureIndexDischargeCounts {
  discharges: number;
  readmitted: number;
  /** Index discharges whose discharge follow-up met `tcm_contact_2bd`, and of them readmitted. */
  contacted: number;
  contactedReadmitted: number;
}

/**
 * Counts the follow-up figures of a period in SQL.
 * @param scope - period, zone, teams and facility
 * @param counting - contact attempts that make outreach timely, and the percentiles (in %) of the
 *   hours to first contact, median first
 */
export async function countMeasureFollowUps(
  db: Queryable,
  scope: MeasureScope,
  windows: MeasureWindows,
  counting: { timelyAttempts: number; percentiles: readonly [median: number, p90: number] },
): Promise<MeasureFollowUpCounts> {
  const result = await db.query<{
    discharges: number;
    contact_by_due: number;
    outreach_by_due: number;
    visit_7d: number;
    visit_14d: number;
    med_rec_30d: number;
    ed_visits: number;
    ed_contact_7d: number;
    contact_hours_count: number;
    contact_hours_median: number | null;
    contact_hours_p90: number | null;
  }>(MEASURE_FOLLOW_UP_COUNTS_SQL, [
    ...followUpParameters(scope, windows),
    counting.timelyAttempts,
    // The fraction as the nearest-rank rule computes it (percent / 100), so both take one rank.
    counting.percentiles[0] / 100,
    counting.percentiles[1] / 100,
  ]);
  const row = result.rows[0];
  if (!row) throw new Error('an aggregate query returned no row');
  return {
    discharges: row.discharges,
    contactByDue: row.contact_by_due,
    outreachByDue: row.outreach_by_due,
    visitWithin7Days: row.visit_7d,
    visitWithin14Days: row.visit_14d,
    medRecWithin30Days: row.med_rec_30d,
    edVisits: row.ed_visits,
    edContactWithin7Days: row.ed_contact_7d,
    contactHours: {
      count: row.contact_hours_count,
      median: row.contact_hours_median,
      p90: row.contact_hours_p90,
    },
  };
}

/**
 * Counts the readmission figures of a period in SQL.
 * @param scope - period, zone, teams and facility
 */
export async function countMeasureIndexDischarges(
  db: Queryable,
  scope: MeasureScope,
  rules: ReadmissionRules,
): Promise<MeasureIndexDischargeCounts> {
  const result = await db.query<{
    discharges: number;
    readmitted: number;
    contacted: number;
    contacted_readmitted: number;
  }>(MEASURE_INDEX_DISCHARGE_COUNTS_SQL, indexDischargeParameters(scope, rules));
  const row = result.rows[0];
  if (!row) throw new Error('an aggregate query returned no row');
  return {
    discharges: row.discharges,
    readmitted: row.readmitted,
    contacted: row.contacted,
    contactedReadmitted: row.contacted_readmitted,
  };
}
