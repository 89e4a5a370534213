/**
 * The words people read for the codes the product stores, and the rule constants the screens
 * explain. One list, served to the browser by the API, so a page never shows a raw code the server
 * knows a name for, nor a rule the server no longer applies.
 */
import { UNREACHABLE_MIN_ATTEMPTS, type CloseOutcome } from './care-action-rules.js';
import type { FollowUpStatus } from './follow-up.js';
import { ED_CONTACT_WINDOW_DAYS, MED_REC_WINDOW_DAYS, VISIT_WINDOW_DAYS } from './measure-rules.js';
import { READMISSION_WINDOW_DAYS } from './readmission.js';

const PLANNED = ', planned readmission';

// UB-04 / NUBC patient discharge status (PV1-36). 81–95 are the same destinations as 01–70 with a
// planned acute-care inpatient readmission.
const DISPOSITION_LABELS: Readonly<Record<string, string>> = {
  '01': 'Home or self-care',
  '02': 'Short-term hospital',
  '03': 'Skilled nursing facility',
  '04': 'Custodial or supportive care facility',
  '05': "Cancer center or children's hospital",
  '06': 'Home with home health',
  '07': 'Left against medical advice',
  '09': 'Admitted as inpatient',
  '20': 'Expired',
  '21': 'Court or law enforcement',
  '30': 'Still a patient',
  '40': 'Expired at home (hospice)',
  '41': 'Expired in a medical facility (hospice)',
  '42': 'Expired, place unknown (hospice)',
  '43': 'Federal health care facility',
  '50': 'Hospice, home',
  '51': 'Hospice, facility',
  '61': 'Swing bed',
  '62': 'Inpatient rehabilitation',
  '63': 'Long-term acute care',
  '64': 'Nursing facility (Medicaid)',
  '65': 'Psychiatric hospital',
  '66': 'Critical access hospital',
  '69': 'Disaster alternative care site',
  '70': 'Other institution',
  '81': `Home or self-care${PLANNED}`,
  '82': `Short-term hospital${PLANNED}`,
  '83': `Skilled nursing facility${PLANNED}`,
  '84': `Custodial or supportive care facility${PLANNED}`,
  '85': `Cancer center or children's hospital${PLANNED}`,
  '86': `Home with home health${PLANNED}`,
  '87': `Court or law enforcement${PLANNED}`,
  '88': `Federal health care facility${PLANNED}`,
  '89': `Swing bed${PLANNED}`,
  '90': `Inpatient rehabilitation${PLANNED}`,
  '91': `Long-term acute care${PLANNED}`,
  '92': `Nursing facility (Medicaid)${PLANNED}`,
  '93': `Psychiatric hospital${PLANNED}`,
  '94': `Critical access hospital${PLANNED}`,
  '95': `Other institution${PLANNED}`,
};

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

const KIND_LABELS = { discharge: 'Discharge', ed_visit: 'ED visit' } as const;

const STATUS_LABELS: Readonly<Record<FollowUpStatus, string>> = {
  open: 'Not started',
  in_progress: 'In progress',
  done: 'Closed',
  cancelled: 'Cancelled',
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
    dispositions: DISPOSITION_LABELS,
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

/** A disposition for people: "Home or self-care (01)"; an unknown code stays visible as itself. */
export function dispositionLabel(code: string): string {
  const normalized = /^\d$/.test(code) ? `0${code}` : code;
  const label = DISPOSITION_LABELS[normalized];
  return label === undefined ? `Disposition ${code}` : `${label} (${normalized})`;
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
