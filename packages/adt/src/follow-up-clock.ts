import type { BusinessCalendar } from './business-days.js';
import { addBusinessDays, addCalendarDays, endOfLocalDay } from './business-days.js';
import type { Priority } from './follow-up.js';

/** ED visit call: by the end of the next business day after the visit date. */
export const ED_VISIT_CALL_BUSINESS_DAYS = 1;
/** TCM interactive contact: within 2 business days after discharge. */
export const DISCHARGE_CALL_BUSINESS_DAYS = 2;
/** TCM face-to-face visit for high complexity (CPT 99496): 7 days. */
export const HIGH_PRIORITY_VISIT_CALENDAR_DAYS = 7;
/** TCM face-to-face visit for moderate complexity (CPT 99495): 14 days. */
export const NORMAL_PRIORITY_VISIT_CALENDAR_DAYS = 14;

/**
 * When an ED visit call is due: end of the business day after the visit date.
 *
 * @param visitDate - local arrival or ED discharge date, `YYYY-MM-DD`
 * @param cal - the practice calendar
 */
export function edVisitCallDueAt(visitDate: string, cal: BusinessCalendar): Date {
  return endOfLocalDay(addBusinessDays(visitDate, ED_VISIT_CALL_BUSINESS_DAYS, cal), cal.zone);
}

/**
 * When the post-discharge call is due: end of the 2nd business day after the
 * discharge date (the TCM clock).
 *
 * @param dischargeDate - local discharge date, `YYYY-MM-DD`
 * @param cal - the practice calendar
 */
export function dischargeCallDueAt(dischargeDate: string, cal: BusinessCalendar): Date {
  return endOfLocalDay(addBusinessDays(dischargeDate, DISCHARGE_CALL_BUSINESS_DAYS, cal), cal.zone);
}

/**
 * When the face-to-face visit is due: end of calendar day 7 after discharge
 * for high priority, else day 14.
 *
 * @param dischargeDate - local discharge date, `YYYY-MM-DD`
 * @param priority - the follow-up's priority
 * @param zone - the practice's IANA zone
 */
export function visitDueBy(dischargeDate: string, priority: Priority, zone: string): Date {
  const days = priority === 'high' ? HIGH_PRIORITY_VISIT_CALENDAR_DAYS : NORMAL_PRIORITY_VISIT_CALENDAR_DAYS;
  return endOfLocalDay(addCalendarDays(dischargeDate, days), zone);
}
