import { DateTime } from 'luxon';

import { normalizeDispositionCode } from './disposition.js';
import type { FollowUpKind, FollowUpStatus, Priority } from './follow-up.js';
import type { RiskFlag } from './lace.js';
import { assertTimeZone } from './time-zone.js';

// NUBC patient discharge status codes (PV1-36) in the words navigators use.
export const DISPOSITION_LABELS: ReadonlyMap<string, string> = new Map([
  ['01', 'Home or self-care'],
  ['02', 'Short-term hospital'],
  ['03', 'Skilled nursing facility'],
  ['04', 'Intermediate care facility'],
  ['05', "Cancer or children's hospital"],
  ['06', 'Home with home health'],
  ['07', 'Left against medical advice'],
  ['09', 'Admitted as inpatient'],
  ['20', 'Expired'],
  ['21', 'Law enforcement'],
  ['30', 'Still a patient'],
  ['40', 'Expired at home (hospice)'],
  ['41', 'Expired in a medical facility (hospice)'],
  ['42', 'Expired, place unknown (hospice)'],
  ['43', 'Federal hospital'],
  ['50', 'Hospice, home'],
  ['51', 'Hospice, facility'],
  ['61', 'Swing bed'],
  ['62', 'Inpatient rehabilitation'],
  ['63', 'Long-term acute care'],
  ['64', 'Nursing facility (Medicaid)'],
  ['65', 'Psychiatric hospital'],
  ['66', 'Critical access hospital'],
  ['69', 'Disaster alternative care site'],
  ['70', 'Other institution'],
  ['81', 'Home or self-care, planned readmission'],
  ['82', 'Short-term hospital, planned readmission'],
  ['83', 'Skilled nursing facility, planned readmission'],
  ['84', 'Intermediate care facility, planned readmission'],
  ['85', "Cancer or children's hospital, planned readmission"],
  ['86', 'Home with home health, planned readmission'],
  ['87', 'Law enforcement, planned readmission'],
  ['88', 'Federal hospital, planned readmission'],
  ['89', 'Swing bed, planned readmission'],
  ['90', 'Inpatient rehabilitation, planned readmission'],
  ['91', 'Long-term acute care, planned readmission'],
  ['92', 'Nursing facility (Medicaid), planned readmission'],
  ['93', 'Psychiatric hospital, planned readmission'],
  ['94', 'Critical access hospital, planned readmission'],
  ['95', 'Other institution, planned readmission'],
]);

export const STATUS_LABELS: Readonly<Record<FollowUpStatus, string>> = {
  open: 'Not started',
  in_progress: 'In progress',
  done: 'Closed',
  cancelled: 'Cancelled',
};

export const KIND_LABELS: Readonly<Record<FollowUpKind, string>> = {
  discharge: 'Discharge',
  ed_visit: 'ED visit',
};

const PRIORITIES: Readonly<Record<Priority, string>> = { high: 'High', normal: 'Normal' };

const RISK_FLAGS: Readonly<Record<RiskFlag, string>> = {
  lace_high: 'High LACE score',
  ama: 'Left against medical advice',
  frequent_ed: 'Frequent ED visits',
};

/**
 * A discharge disposition in words with its code: "Home or self-care (01)"; empty when none was
 * sent, "Disposition X" for a code the table does not know.
 * @param code - PV1-36
 */
export function dispositionLabel(code: string): string {
  const normalized = normalizeDispositionCode(code);
  if (!normalized) return '';
  const label = DISPOSITION_LABELS.get(normalized);
  return label ? `${label} (${normalized})` : `Disposition ${normalized}`;
}

/**
 * A follow-up's status in the inbox's words ("Not started", "In progress", "Closed", "Cancelled").
 * @param status - the stored status
 */
export function followUpStatusLabel(status: FollowUpStatus): string {
  return STATUS_LABELS[status];
}

/**
 * What brought the follow-up: "Discharge" or "ED visit".
 * @param kind - the follow-up kind
 */
export function followUpKindLabel(kind: FollowUpKind): string {
  return KIND_LABELS[kind];
}

/**
 * Priority in words: "High" or "Normal".
 * @param priority - the follow-up's priority
 */
export function priorityLabel(priority: Priority): string {
  return PRIORITIES[priority];
}

/**
 * Why a follow-up is high risk, in words.
 * @param flag - a risk flag
 */
export function riskFlagLabel(flag: RiskFlag): string {
  return RISK_FLAGS[flag];
}

/**
 * An instant as the practice's wall-clock time with its UTC offset, ISO 8601 to the second:
 * `2026-12-06T09:30:00-05:00`. A reader sees the local time, and a program the exact instant.
 * @param instant - the moment
 * @param zone - the practice time zone (IANA)
 */
export function localIsoTime(instant: Date, zone: string): string {
  const local = DateTime.fromJSDate(instant, { zone: assertTimeZone(zone) }).startOf('second');
  return local.toISO({ suppressMilliseconds: true, includeOffset: true }) ?? instant.toISOString();
}
