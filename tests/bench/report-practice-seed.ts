/**
 * A large practice for the reports scenario, generated in the bench database with set-based SQL
 * (generate_series, seeded random()): patients across several hospitals, some tied by a shared
 * HIE id; inpatient stays (with discharge follow-ups), ED visits (with ED follow-ups) and
 * outpatient registrations (no follow-up, as in a real feed) spread over the period; and four care
 * actions per follow-up on average. Readmissions come from patients with several stays and from
 * the records tied by an HIE id. Nothing here goes through the listener or the worker: the scenario
 * measures the report, not ingest.
 */
import type { Pool } from './product-stack.js';

/** How large a practice to generate. */
export interface PracticeSize {
  /** Follow-ups in all: 80 % discharges, 20 % ED visits. */
  followUps: number;
  /** Care actions per follow-up (integer). */
  actionsPerFollowUp: number;
  /** Distinct patients (fewer than stays, so some have several and are readmitted). */
  patients: number;
  /** Outpatient registrations, which never count. */
  outpatientVisits: number;
  teams: number;
  facilities: number;
}

/** What was generated. */
export interface SeededPractice {
  from: string;
  to: string;
  seconds: number;
  rows: Record<string, number>;
}

const DISCHARGE_SHARE = 0.8;

/**
 * The practice of the target at any scale: four care actions per follow-up, 0.6 patients
 * per follow-up (so about one stay in ten is followed by another within 30 days), half as many
 * outpatient registrations, six teams, five hospitals.
 * @param followUps - 100,000 for the target
 */
export function reportPracticeSize(followUps: number): PracticeSize {
  return {
    followUps,
    actionsPerFollowUp: 4,
    patients: Math.round(followUps * 0.6),
    outpatientVisits: Math.round(followUps / 2),
    teams: 6,
    facilities: 5,
  };
}

/**
 * Generates the practice over the period `from`..`to` (practice dates) and analyzes the tables.
 * @param pool - the bench database
 * @param size - how many of each
 * @param period - first and last date of the generated events
 */
export async function seedReportPractice(
  pool: Pool,
  size: PracticeSize,
  period: { from: string; to: string; timeZone: string },
): Promise<SeededPractice> {
  const started = performance.now();
  const stays = Math.round(size.followUps * DISCHARGE_SHARE);
  const edVisits = size.followUps - stays;
  const client = await pool.connect();
  try {
    await client.query('SELECT setseed(0.42)');
    await client.query(
      `INSERT INTO teams (name) SELECT 'bench-team-' || t FROM generate_series(1, $1) t ON CONFLICT DO NOTHING`,
      [size.teams],
    );
    await client.query(
      `INSERT INTO patients (mrn, assigning_authority, family_name, given_name, birth_date, sex)
       SELECT 'BM' || g, 'BENCH_HOSP_' || (1 + g % $2), 'FAM' || g, 'GIVEN', date '1930-01-01' + g % 25000,
              CASE WHEN g % 2 = 0 THEN 'F' ELSE 'M' END
         FROM generate_series(1, $1) g`,
      [size.patients, size.facilities],
    );
    await client.query(`CREATE TEMP TABLE bench_patient AS
      SELECT substr(mrn, 3)::int AS g, id, assigning_authority AS facility FROM patients WHERE mrn ~ '^BM[0-9]+$'`);
    await client.query('CREATE UNIQUE INDEX ON bench_patient (g)');
    // Every record's MR identifier, and one HIE id shared by the pair (2k-1, 2k) for every fifth k:
    // two records at neighbouring hospitals that are the same person.
    await client.query(`INSERT INTO patient_identifiers (patient_id, assigning_authority, identifier, identifier_type)
      SELECT id, facility, 'BM' || g, 'MR' FROM bench_patient
      UNION ALL
      SELECT id, 'HIE', 'H' || ((g + 1) / 2), 'PI' FROM bench_patient WHERE ((g + 1) / 2) % 5 = 0`);

    const periodStart = `($1::date::timestamp AT TIME ZONE $3)`;
    const periodSeconds = `(($2::date - $1::date + 1) * 86400)`;
    // Inpatient stays: discharged at a random instant of the period after 1 to 7 days; mostly home
    // (01), some to a skilled nursing facility (03), an acute hospital (02) or expired (20).
    await client.query(
      `INSERT INTO encounters (patient_id, facility, encounter_key, visit_number, patient_class, admitted_at,
                               discharged_at, disposition, last_event_type, last_event_at)
       SELECT p.id, p.facility, 'BI' || s.g, 'BI' || s.g, 'I', s.out - (1 + floor(random() * 7)) * interval '1 day',
              s.out, s.disposition, 'A03', s.out
         FROM (SELECT g, 1 + floor(random() * $4)::int AS patient,
                      ${periodStart} + random() * ${periodSeconds} * interval '1 second' AS out,
                      (ARRAY['01','01','01','01','01','01','01','01','01','01','01','01','01','01','03','03','06','02','20','01'])[1 + floor(random() * 20)::int] AS disposition
                 FROM generate_series(1, $5) g) s
         JOIN bench_patient p ON p.g = s.patient`,
      [period.from, period.to, period.timeZone, size.patients, stays],
    );
    // ED visits: 4 hours long; one in ten without a departure.
    await client.query(
      `INSERT INTO encounters (patient_id, facility, encounter_key, visit_number, patient_class, admitted_at,
                               discharged_at, last_event_type, last_event_at)
       SELECT p.id, p.facility, 'BE' || s.g, 'BE' || s.g, 'E', s.arrived,
              CASE WHEN s.g % 10 = 0 THEN NULL ELSE s.arrived + interval '4 hours' END, 'A03', s.arrived
         FROM (SELECT g, 1 + floor(random() * $4)::int AS patient,
                      ${periodStart} + random() * ${periodSeconds} * interval '1 second' AS arrived
                 FROM generate_series(1, $5) g) s
         JOIN bench_patient p ON p.g = s.patient`,
      [period.from, period.to, period.timeZone, size.patients, edVisits],
    );
    await client.query(
      `INSERT INTO encounters (patient_id, facility, encounter_key, visit_number, patient_class, admitted_at,
                               discharged_at, last_event_type, last_event_at)
       SELECT p.id, p.facility, 'BO' || s.g, 'BO' || s.g, 'O', s.at, s.at + interval '1 hour', 'A03', s.at
         FROM (SELECT g, 1 + floor(random() * $4)::int AS patient,
                      ${periodStart} + random() * ${periodSeconds} * interval '1 second' AS at
                 FROM generate_series(1, $5) g) s
         JOIN bench_patient p ON p.g = s.patient`,
      [period.from, period.to, period.timeZone, size.patients, size.outpatientVisits],
    );
    // One follow-up per stay and ED visit. Due two days after the event (the report reads the
    // stored due time, however it was computed). Most are done; one in ten was cancelled (died,
    // admitted…), one in a hundred kept after a cancelled discharge.
    await client.query(
      `INSERT INTO follow_ups (encounter_id, patient_id, kind, status, status_reason, due_at, priority, team,
                               discharge_cancelled, closed_at)
       SELECT e.id, e.patient_id, k.kind, k.status, CASE WHEN k.status = 'cancelled' THEN 'deceased' END,
              date_trunc('day', COALESCE(e.discharged_at, e.admitted_at)) + interval '2 days 23 hours 59 minutes',
              CASE WHEN e.id % 4 = 0 THEN 'high' ELSE 'normal' END,
              'bench-team-' || (1 + e.id % $1), k.kind = 'discharge' AND e.id % 100 = 7,
              CASE WHEN k.status = 'done' THEN COALESCE(e.discharged_at, e.admitted_at) + interval '5 days' END
         FROM encounters e
         CROSS JOIN LATERAL (
           SELECT CASE WHEN e.patient_class = 'I' THEN 'discharge' ELSE 'ed_visit' END AS kind,
                  (ARRAY['done','done','done','done','done','done','done','open','open','in_progress','cancelled'])
                    [1 + floor(random() * 11)::int] AS status
         ) k
        WHERE e.encounter_key ~ '^B[IE][0-9]+$'`,
      [size.teams],
    );
    // Care actions: an attempt, then a contact (seven in ten) or a second attempt, an appointment
    // with its visit date 3 to 20 days after the event, and a med rec (six in ten) or a note; times
    // from hours to weeks after the event, one in twenty logged a day late.
    await client.query(
      `INSERT INTO care_actions (follow_up_id, type, outcome, at, actor, recorded_at)
       SELECT a.follow_up_id, a.type, a.outcome, a.at, 'navigator:bench',
              a.at + CASE WHEN random() < 0.05 THEN interval '1 day' ELSE interval '0' END
         FROM (
           SELECT f.id AS follow_up_id,
                  CASE n % 4
                    WHEN 1 THEN 'contact_attempt'
                    WHEN 2 THEN CASE WHEN random() < 0.7 THEN 'contact_made' ELSE 'contact_attempt' END
                    WHEN 3 THEN 'appointment_scheduled'
                    ELSE CASE WHEN random() < 0.6 THEN 'med_reconciliation' ELSE 'note' END
                  END AS type,
                  CASE WHEN n % 4 = 3
                       THEN to_char((COALESCE(e.discharged_at, e.admitted_at) AT TIME ZONE $2)::date
                                    + 3 + floor(random() * 18)::int, 'YYYY-MM-DD') END AS outcome,
                  COALESCE(e.discharged_at, e.admitted_at)
                    + CASE WHEN n % 4 = 0 THEN random() * interval '40 days'
                           ELSE random() * interval '5 days' END AS at
             FROM follow_ups f
             JOIN encounters e ON e.id = f.encounter_id
             CROSS JOIN generate_series(1, $1) n
            WHERE e.encounter_key ~ '^B[IE][0-9]+$'
         ) a`,
      [size.actionsPerFollowUp, period.timeZone],
    );
    await client.query('ANALYZE patients, patient_identifiers, encounters, follow_ups, care_actions');
    const { rows } = await client.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM patients) AS patients,
              (SELECT count(*)::int FROM patient_identifiers) AS patient_identifiers,
              (SELECT count(*)::int FROM encounters) AS encounters,
              (SELECT count(*)::int FROM follow_ups) AS follow_ups,
              (SELECT count(*)::int FROM care_actions) AS care_actions`,
    );
    return {
      from: period.from,
      to: period.to,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      rows: rows[0] ?? {},
    };
  } finally {
    client.release();
  }
}
