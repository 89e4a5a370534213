import { tcmReadiness, type BusinessCalendar, type TcmReadiness } from '@adt/adt';
import type { MeasurePatient, TcmFollowUp } from '@adt/db';
import { toCsv } from './csv.js';

/**
 * TCM claim readiness of discharge follow-ups (docs/measures.md): the rule of `@adt/adt` applied to
 * each follow-up's care actions, as JSON items, a summary and CSV.
 */

/** One follow-up's readiness as the API answers it. */
export interface TcmReadinessItem {
  followUpId: string;
  patient: MeasurePatient;
  team: string;
  facility: string;
  risk: 'high' | 'normal';
  dischargeDate: string;
  contact: { dueAt: string; madeAt: string | null; timelyAttempts: number; met: boolean };
  visit: TcmReadiness['visit'];
  medRec: TcmReadiness['medRec'];
  status: TcmReadiness['status'];
  codes: TcmReadiness['codes'];
  missing: TcmReadiness['missing'];
  pending: boolean;
}

export interface TcmReadinessSummary {
  total: number;
  supports99496: number;
  supports99495: number;
  notSupported: number;
  pending: number;
}

/**
 * Applies the readiness rule to a discharge follow-up with a discharge date.
 * @param followUp - from `findTcmFollowUp` or `listTcmFollowUps`
 * @param dischargeDate - its discharge practice date
 * @param calendar - the practice's business days
 * @param now - the current time (windows still open make the answer pending)
 */
export function tcmReadinessItem(
  followUp: TcmFollowUp,
  dischargeDate: string,
  calendar: BusinessCalendar,
  now: Date,
): TcmReadinessItem {
  const r = tcmReadiness({ dischargeDate, calendar, actions: followUp.actions, now });
  return {
    followUpId: followUp.followUpId,
    patient: followUp.patient,
    team: followUp.team,
    facility: followUp.facility,
    risk: followUp.risk,
    dischargeDate,
    contact: {
      dueAt: r.contact.dueAt.toISOString(),
      madeAt: r.contact.madeAt?.toISOString() ?? null,
      timelyAttempts: r.contact.timelyAttempts,
      met: r.contact.met,
    },
    visit: r.visit,
    medRec: r.medRec,
    status: r.status,
    codes: r.codes,
    missing: r.missing,
    pending: r.pending,
  };
}

/**
 * Counts the items by what they support. A 7-day visit counts under 99496 (which it supports with
 * high-complexity decision making; else it supports 99495).
 * @param items - the readiness items
 */
export function summarizeTcmReadiness(items: readonly TcmReadinessItem[]): TcmReadinessSummary {
  const count = (status: TcmReadinessItem['status']) => items.filter((i) => i.status === status).length;
  return {
    total: items.length,
    supports99496: count('supports_99496'),
    supports99495: count('supports_99495'),
    notSupported: count('not_supported'),
    pending: count('pending'),
  };
}

// Columns added later go at the end, so scripts reading by position keep working.
const CSV_COLUMNS = [
  'follow_up_id',
  'mrn',
  'assigning_authority',
  'family_name',
  'given_name',
  'team',
  'facility',
  'risk',
  'discharge_date',
  'contact_due_at',
  'contact_made_at',
  'timely_attempts',
  'contact_met',
  'visit_date',
  'visit_days_after_discharge',
  'med_rec_date',
  'med_rec_by_visit',
  'status',
  'codes',
  'missing',
] as const;

/**
 * The items as CSV, one row per follow-up; `codes` and `missing` are space-separated.
 * @param items - the readiness items
 */
export function tcmReadinessToCsv(items: readonly TcmReadinessItem[]): string {
  const rows = items.map((i) => {
    const values: Record<(typeof CSV_COLUMNS)[number], string> = {
      follow_up_id: i.followUpId,
      mrn: i.patient.mrn,
      assigning_authority: i.patient.assigningAuthority,
      family_name: i.patient.familyName,
      given_name: i.patient.givenName,
      team: i.team,
      facility: i.facility,
      risk: i.risk,
      discharge_date: i.dischargeDate,
      contact_due_at: i.contact.dueAt,
      contact_made_at: i.contact.madeAt ?? '',
      timely_attempts: String(i.contact.timelyAttempts),
      contact_met: String(i.contact.met),
      visit_date: i.visit.date ?? '',
      visit_days_after_discharge:
        i.visit.daysAfterDischarge === null ? '' : String(i.visit.daysAfterDischarge),
      med_rec_date: i.medRec.date ?? '',
      med_rec_by_visit: String(i.medRec.byVisit),
      status: i.status,
      codes: i.codes.join(' '),
      missing: i.missing.join(' '),
    };
    return CSV_COLUMNS.map((c) => values[c]);
  });
  return toCsv(CSV_COLUMNS, rows);
}
