import type { FollowUpView } from '@adt/db';

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
] as const;

function cell(value: string): string {
  // A leading = + - @ makes spreadsheets evaluate the cell; patient-supplied text must not run.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The worklist as CSV (RFC 4180, CRLF line ends, header row), in list order.
 * @param items - the follow-ups as listed
 */
export function worklistToCsv(items: readonly FollowUpView[]): string {
  const rows = items.map((f) =>
    [
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
    ]
      .map(cell)
      .join(','),
  );
  return [COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
