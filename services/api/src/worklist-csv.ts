import type { CareActionSummary, FollowUpView, FollowUpWhereabouts } from '@adt/db';
import { toCsv } from './csv.js';

// Columns added later go at the end, so scripts reading by position keep working.
const COLUMNS = [
  'id',
  'kind',
  'status',
  'priority',
  'due_at',
  'team',
  'mrn',
  'patient_name',
  'birth_date',
  'sex',
  'phone',
  'facility',
  'visit_number',
  'patient_class',
  'admitted_at',
  'discharged_at',
  'disposition',
  'diagnoses',
  'in_ed_now',
  'discharge_cancelled',
  'visit_due_by',
  'risk_score',
  'risk_flags',
  'claimed_by',
  'failed_attempts',
  'in_hospital_facility',
  'in_hospital_since',
  'readmitted_at',
] as const;

/**
 * The worklist as CSV (RFC 4180, CRLF line ends, header row), in list order.
 * @param items - the follow-ups as listed
 * @param summaries - claim and attempt counts by follow-up id
 * @param names - names for people of the claiming actors
 * @param whereabouts - the same person's open stay and readmission by follow-up id
 */
export function worklistToCsv(
  items: readonly FollowUpView[],
  summaries: ReadonlyMap<string, CareActionSummary> = new Map(),
  names: ReadonlyMap<string, string> = new Map(),
  whereabouts: ReadonlyMap<string, FollowUpWhereabouts> = new Map(),
): string {
  const rows = items.map((f) => {
    const summary = summaries.get(f.id);
    const claimant = summary?.claim?.actor;
    const where = whereabouts.get(f.id);
    return [
      f.id,
      f.kind,
      f.status,
      f.priority,
      f.dueAt.toISOString(),
      f.team,
      f.patient.mrn,
      [f.patient.name.family, [f.patient.name.given, f.patient.name.middle].filter(Boolean).join(' ')]
        .filter(Boolean)
        .join(', '),
      f.patient.birthDate ?? '',
      f.patient.sex,
      f.patient.phone,
      f.encounter.facility,
      f.encounter.visitNumber,
      f.encounter.patientClass,
      f.encounter.admittedAt?.toISOString() ?? '',
      f.encounter.dischargedAt?.toISOString() ?? '',
      f.encounter.disposition,
      f.encounter.diagnoses.map((d) => [d.code, d.text].filter(Boolean).join(' ')).join('; '),
      String(f.inEdNow),
      String(f.dischargeCancelled),
      f.visitDueBy?.toISOString() ?? '',
      f.riskScore === null ? '' : String(f.riskScore),
      f.riskFlags.join(' '),
      claimant ? (names.get(claimant) ?? claimant) : '',
      String(summary?.failedAttempts ?? 0),
      where?.patientInHospital?.facility ?? '',
      where?.patientInHospital?.since.toISOString() ?? '',
      where?.readmittedAt?.toISOString() ?? '',
    ];
  });
  return toCsv(COLUMNS, rows);
}
