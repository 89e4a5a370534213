import {
  displayPersonName,
  dispositionLabel,
  followUpKindLabel,
  followUpStatusLabel,
  localIsoTime,
  priorityLabel,
  riskFlagLabel,
} from '@adt/adt';
import type { CareActionSummary, FollowUpView, FollowUpWhereabouts } from '@adt/db';
import { toCsv } from './csv.js';

// Columns added later go at the end, so scripts reading by position keep working.
const COLUMNS = [
  'Follow-up id',
  'Kind',
  'Status',
  'Priority',
  'Due',
  'Team',
  'MRN',
  'Patient',
  'Birth date',
  'Sex',
  'Phone',
  'Facility',
  'Visit number',
  'Patient class',
  'Admitted',
  'Discharged',
  'Disposition',
  'Diagnoses',
  'In ED now',
  'Discharge cancelled',
  'Visit due by',
  'LACE score',
  'Risk',
  'Claimed by',
  'Failed attempts',
  'In hospital at',
  'In hospital since',
  'Readmitted',
] as const;

/** What the CSV needs besides the follow-ups. */
export interface WorklistCsvContext {
  /** The practice time zone (`PRACTICE_TZ`): times are written as its wall clock with the offset. */
  zone: string;
  /** Claim and attempt counts by follow-up id. */
  summaries?: ReadonlyMap<string, CareActionSummary>;
  /** Names for people of the claiming actors. */
  names?: ReadonlyMap<string, string>;
  /** The same person's open stay and readmission by follow-up id. */
  whereabouts?: ReadonlyMap<string, FollowUpWhereabouts>;
}

/**
 * The worklist as CSV (RFC 4180, CRLF line ends, a header row of words), in list order, for a
 * person opening it in a spreadsheet: times are the practice's local time with its UTC offset
 * (ISO 8601), and kind, status, priority, disposition and risk are words.
 * @param items - the follow-ups as listed
 * @param context - time zone, claims, names and whereabouts
 */
export function worklistToCsv(items: readonly FollowUpView[], context: WorklistCsvContext): string {
  const { zone } = context;
  const summaries = context.summaries ?? new Map<string, CareActionSummary>();
  const names = context.names ?? new Map<string, string>();
  const whereabouts = context.whereabouts ?? new Map<string, FollowUpWhereabouts>();
  const time = (instant: Date | null | undefined) => (instant ? localIsoTime(instant, zone) : '');
  const yesNo = (value: boolean) => (value ? 'Yes' : 'No');
  const rows = items.map((f) => {
    const summary = summaries.get(f.id);
    const claimant = summary?.claim?.actor;
    const where = whereabouts.get(f.id);
    return [
      f.id,
      followUpKindLabel(f.kind),
      followUpStatusLabel(f.status),
      priorityLabel(f.priority),
      time(f.dueAt),
      f.team,
      f.patient.mrn,
      displayPersonName(f.patient.name),
      f.patient.birthDate ?? '',
      f.patient.sex,
      f.patient.phone,
      f.encounter.facility,
      f.encounter.visitNumber,
      f.encounter.patientClass,
      time(f.encounter.admittedAt),
      time(f.encounter.dischargedAt),
      dispositionLabel(f.encounter.disposition),
      f.encounter.diagnoses.map((d) => [d.code, d.text].filter(Boolean).join(' ')).join('; '),
      yesNo(f.inEdNow),
      yesNo(f.dischargeCancelled),
      time(f.visitDueBy),
      f.riskScore === null ? '' : String(f.riskScore),
      f.riskFlags.map(riskFlagLabel).join('; '),
      claimant ? (names.get(claimant) ?? claimant) : '',
      String(summary?.failedAttempts ?? 0),
      where?.patientInHospital?.facility ?? '',
      time(where?.patientInHospital?.since),
      time(where?.readmittedAt),
    ];
  });
  return toCsv(COLUMNS, rows);
}
