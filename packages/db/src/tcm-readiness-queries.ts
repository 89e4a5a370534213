import type { MeasurePatient, MeasureScope } from './measure-queries.js';
import { SUPERSEDED_WITHOUT_WORK } from './follow-up-queries.js';
import type { Queryable } from './pool.js';
import { liveRow } from './sandbox-rows.js';

/**
 * Queries behind TCM claim readiness: discharge follow-ups with the care actions a TCM claim rests
 * on (contacts, attempts, visits booked, medication reconciliation). The rule lives in `@adt/adt`.
 */

/** A care action a TCM claim rests on, in log order. */
export interface TcmActionRow {
  type: string;
  at: Date;
  outcome: string | null;
}

/** A discharge follow-up with its TCM-relevant actions. */
export interface TcmFollowUp {
  followUpId: string;
  kind: 'discharge' | 'ed_visit';
  status: string;
  /** The A13 took the discharge back after work was logged. */
  dischargeCancelled: boolean;
  team: string;
  facility: string;
  risk: 'high' | 'normal';
  /** Practice date of the discharge; null when the encounter has none (yet, or any more). */
  dischargeDate: string | null;
  patient: MeasurePatient;
  actions: TcmActionRow[];
}

const TCM_ACTION_TYPES = ['contact_attempt', 'contact_made', 'appointment_scheduled', 'med_reconciliation'];

// $1 zone, $2 the action types.
const COLUMNS = `
  f.id, f.kind, f.status, f.discharge_cancelled, f.team, f.priority, e.facility,
  to_char((e.discharged_at AT TIME ZONE $1)::date, 'YYYY-MM-DD') AS discharge_date,
  p.id AS patient_id, p.mrn, p.assigning_authority, p.family_name, p.given_name,
  coalesce((SELECT json_agg(json_build_object('type', a.type, 'at', a.at, 'outcome', a.outcome) ORDER BY a.id)
              FROM care_actions a WHERE a.follow_up_id = f.id AND a.type = ANY ($2::text[])), '[]') AS actions`;

/** One follow-up by id ($3). */
export const TCM_FOLLOW_UP_SQL = `
SELECT ${COLUMNS}
  FROM follow_ups f
  JOIN encounters e ON e.id = f.encounter_id
  JOIN patients p ON p.id = f.patient_id
 WHERE f.id = $3 AND ${liveRow('f')}`;

/**
 * The counted discharge follow-ups of a period (as the measures count them: not cancelled, the
 * discharge not taken back, discharged in the period), in discharge order. $3, $4 the period,
 * $5 teams, $6 facility, $7 kind, $8 risk.
 */
export const TCM_FOLLOW_UPS_SQL = `
SELECT ${COLUMNS}
  FROM follow_ups f
  JOIN encounters e ON e.id = f.encounter_id
  JOIN patients p ON p.id = f.patient_id
 WHERE f.kind = 'discharge' AND f.status <> 'cancelled' AND NOT f.discharge_cancelled
   AND NOT ${SUPERSEDED_WITHOUT_WORK} AND ${liveRow('f')}
   AND e.discharged_at >= ($3::date::timestamp AT TIME ZONE $1)
   AND e.discharged_at < (($4::date + 1)::timestamp AT TIME ZONE $1)
   AND ($5::text[] IS NULL OR f.team = ANY ($5::text[]))
   AND ($6::text IS NULL OR e.facility = $6)
   AND ($7::text IS NULL OR $7::text = 'discharge')
   AND ($8::text IS NULL OR f.priority = $8)
 ORDER BY e.discharged_at, f.id`;

interface TcmRow {
  id: string;
  kind: 'discharge' | 'ed_visit';
  status: string;
  discharge_cancelled: boolean;
  team: string;
  priority: 'high' | 'normal';
  facility: string;
  discharge_date: string | null;
  patient_id: string;
  mrn: string;
  assigning_authority: string;
  family_name: string;
  given_name: string;
  actions: { type: string; at: string; outcome: string | null }[];
}

const toTcmFollowUp = (row: TcmRow): TcmFollowUp => ({
  followUpId: row.id,
  kind: row.kind,
  status: row.status,
  dischargeCancelled: row.discharge_cancelled,
  team: row.team,
  facility: row.facility,
  risk: row.priority,
  dischargeDate: row.discharge_date,
  patient: {
    id: row.patient_id,
    mrn: row.mrn,
    assigningAuthority: row.assigning_authority,
    familyName: row.family_name,
    givenName: row.given_name,
  },
  actions: row.actions.map((a) => ({ type: a.type, at: new Date(a.at), outcome: a.outcome })),
});

/**
 * One follow-up with its TCM actions, whatever its kind or status; null when there is none.
 * @param followUpId - the follow-up
 * @param timeZone - `PRACTICE_TZ`, to date the discharge
 */
export async function findTcmFollowUp(
  db: Queryable,
  followUpId: string,
  timeZone: string,
): Promise<TcmFollowUp | null> {
  const result = await db.query<TcmRow>(TCM_FOLLOW_UP_SQL, [timeZone, TCM_ACTION_TYPES, followUpId]);
  const row = result.rows[0];
  return row === undefined ? null : toTcmFollowUp(row);
}

/**
 * The counted discharge follow-ups of a report period with their TCM actions.
 * @param scope - period, zone and slices, as for the measures
 */
export async function listTcmFollowUps(db: Queryable, scope: MeasureScope): Promise<TcmFollowUp[]> {
  const result = await db.query<TcmRow>(TCM_FOLLOW_UPS_SQL, [
    scope.timeZone,
    TCM_ACTION_TYPES,
    scope.from,
    scope.to,
    scope.teams,
    scope.facility,
    scope.kind ?? null,
    scope.risk ?? null,
  ]);
  return result.rows.map(toTcmFollowUp);
}
