/**
 * The words people read for the codes the product stores, and the rule constants the screens
 * explain. One list, served to the browser by the API, so a page never shows a raw code the server
 * knows a name for, nor a rule the server no longer applies.
 */
import { UNREACHABLE_MIN_ATTEMPTS, type CloseOutcome } from './care-action-rules.js';
import { DISPOSITION_LABELS, KIND_LABELS, STATUS_LABELS } from './follow-up-labels.js';
import { ED_CONTACT_WINDOW_DAYS, MED_REC_WINDOW_DAYS, VISIT_WINDOW_DAYS } from './measure-rules.js';
import { READMISSION_WINDOW_DAYS } from './readmission.js';

const PATIENT_CLASS_LABELS: Readonly<Record<string, string>> = {
  I: 'Inpatient',
  E: 'Emergency',
  O: 'Outpatient',
  B: 'Obstetrics',
  R: 'Recurring',
  P: 'Preadmit',
};

const EVENT_LABELS: Readonly<Record<string, string>> = {
  A01: 'Admitted',
  A02: 'Transferred',
  A03: 'Discharged',
  A04: 'Registered (ED or outpatient)',
  A05: 'Pre-admitted',
  A06: 'Changed to inpatient',
  A07: 'Changed to outpatient',
  A08: 'Visit details updated',
  A11: 'Visit cancelled',
  A12: 'Transfer cancelled',
  A13: 'Discharge cancelled',
  A21: 'Leave of absence',
  A22: 'Returned from leave',
  A28: 'Person added',
  A31: 'Person updated',
  A39: 'Patient accounts merged',
  A40: 'Patient records merged',
};

const ATTEMPT_OUTCOME_LABELS = {
  no_answer: 'No answer',
  voicemail: 'Left voicemail',
  wrong_number: 'Wrong number',
} as const;

const CLOSE_OUTCOME_LABELS: Readonly<Record<CloseOutcome, string>> = {
  reached: 'Reached — follow-up arranged',
  unreachable: 'Unable to reach after attempts',
  declined: 'Patient declined follow-up',
  seen_elsewhere: 'Already seen by another provider',
  readmitted: 'Readmitted',
  other: 'Other (see note)',
};

/** The business days after discharge within which TCM's interactive contact is due. */
export const TCM_CONTACT_BUSINESS_DAYS = 2;

/** Everything the browser names or explains, as `GET /api/vocabulary` serves it. */
export interface Vocabulary {
  dispositions: Readonly<Record<string, string>>;
  patientClasses: Readonly<Record<string, string>>;
  events: Readonly<Record<string, string>>;
  attemptOutcomes: Readonly<Record<string, string>>;
  closeOutcomes: Readonly<Record<string, string>>;
  kinds: Readonly<Record<string, string>>;
  statuses: Readonly<Record<string, string>>;
  rules: {
    unreachableMinAttempts: number;
    tcmContactBusinessDays: number;
    visitHighComplexityDays: number;
    visitModerateComplexityDays: number;
    medRecDays: number;
    edContactDays: number;
    readmissionWindowDays: number;
    /** How the discharge call's deadline reads, for people. */
    dischargeDeadlineText: string;
  };
}

/** The product's vocabulary: labels for stored codes and the rule constants. */
export function vocabulary(): Vocabulary {
  return {
    dispositions: Object.fromEntries(DISPOSITION_LABELS),
    patientClasses: PATIENT_CLASS_LABELS,
    events: EVENT_LABELS,
    attemptOutcomes: ATTEMPT_OUTCOME_LABELS,
    closeOutcomes: CLOSE_OUTCOME_LABELS,
    kinds: KIND_LABELS,
    statuses: STATUS_LABELS,
    rules: {
      unreachableMinAttempts: UNREACHABLE_MIN_ATTEMPTS,
      tcmContactBusinessDays: TCM_CONTACT_BUSINESS_DAYS,
      visitHighComplexityDays: VISIT_WINDOW_DAYS.visit_7d,
      visitModerateComplexityDays: VISIT_WINDOW_DAYS.visit_14d,
      medRecDays: MED_REC_WINDOW_DAYS,
      edContactDays: ED_CONTACT_WINDOW_DAYS,
      readmissionWindowDays: READMISSION_WINDOW_DAYS,
      dischargeDeadlineText: `By the end of the ${ordinal(TCM_CONTACT_BUSINESS_DAYS)} business day after discharge.`,
    },
  };
}

function ordinal(n: number): string {
  const suffix =
    n % 10 === 1 && n !== 11
      ? 'st'
      : n % 10 === 2 && n !== 12
        ? 'nd'
        : n % 10 === 3 && n !== 13
          ? 'rd'
          : 'th';
  return `${n}${suffix}`;
}
