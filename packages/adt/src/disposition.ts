/**
 * Discharge disposition (PV1-36, NUBC patient discharge status codes) grouped
 * the way follow-up routing needs them.
 *
 * - `expired`: the patient died; no follow-up, cancel the patient's others.
 * - `post_acute`: handed off to an inpatient or post-acute setting; the call
 *   is due when they leave it, so no call task now.
 * - `hospice`, `law_enforcement`: no call task, a timeline entry.
 * - `ama`: left against medical advice; a high-priority follow-up.
 * - `home`: home or home health; a routine follow-up.
 * - `other`: anything else, including empty and unknown codes; routed like
 *   `home` so an unexpected code never hides a patient.
 */
export type DispositionGroup =
  'expired' | 'post_acute' | 'hospice' | 'law_enforcement' | 'ama' | 'home' | 'other';

/**
 * Code → group. Beyond the routing spec's list, the 8x "with a planned acute
 * readmission" codes go with their destination (83 is still a SNF), and 09
 * ("admitted as an inpatient to this hospital", sent on ED and observation
 * discharges) is a hand-off: the inpatient discharge brings its own
 * follow-up. 04 (intermediate care / assisted living) stays routed: it is a
 * community setting where TCM applies.
 */
const DISPOSITION_GROUPS: ReadonlyMap<string, DispositionGroup> = new Map([
  ['20', 'expired'],
  ['40', 'expired'],
  ['41', 'expired'],
  ['42', 'expired'],
  ['02', 'post_acute'],
  ['03', 'post_acute'],
  ['05', 'post_acute'],
  ['09', 'post_acute'],
  ['43', 'post_acute'],
  ['61', 'post_acute'],
  ['62', 'post_acute'],
  ['63', 'post_acute'],
  ['64', 'post_acute'],
  ['65', 'post_acute'],
  ['66', 'post_acute'],
  ['82', 'post_acute'],
  ['83', 'post_acute'],
  ['85', 'post_acute'],
  ['88', 'post_acute'],
  ['89', 'post_acute'],
  ['90', 'post_acute'],
  ['91', 'post_acute'],
  ['92', 'post_acute'],
  ['93', 'post_acute'],
  ['94', 'post_acute'],
  ['50', 'hospice'],
  ['51', 'hospice'],
  ['21', 'law_enforcement'],
  ['87', 'law_enforcement'],
  ['07', 'ama'],
  ['01', 'home'],
  ['06', 'home'],
  ['81', 'home'],
  ['86', 'home'],
]);

/**
 * Normalises a PV1-36 value: trims it and pads a single digit (`7` → `07`),
 * which some senders strip.
 *
 * @param code - raw PV1-36 value
 * @returns the two-digit code, or the trimmed value when it is not numeric
 */
export function normalizeDispositionCode(code: string): string {
  const trimmed = code.trim();
  return /^\d$/.test(trimmed) ? `0${trimmed}` : trimmed;
}

/**
 * Groups a discharge disposition code for routing.
 *
 * @param code - PV1-36 value, e.g. `01`, `07`, `20`
 * @returns the routing group; `other` for empty or unknown codes
 */
export function classifyDisposition(
  code: string,
): 'expired' | 'post_acute' | 'hospice' | 'law_enforcement' | 'ama' | 'home' | 'other' {
  return DISPOSITION_GROUPS.get(normalizeDispositionCode(code)) ?? 'other';
}

/** Short timeline wording per hand-off code; free of patient data by design. */
const HAND_OFF_DESTINATIONS: ReadonlyMap<string, string> = new Map([
  ['02', 'a short-term hospital'],
  ['03', 'a skilled nursing facility'],
  ['05', 'a cancer center or children’s hospital'],
  ['09', 'inpatient care at this hospital'],
  ['21', 'law enforcement'],
  ['43', 'a federal health care facility'],
  ['50', 'hospice at home'],
  ['51', 'a hospice facility'],
  ['61', 'a swing bed'],
  ['62', 'an inpatient rehabilitation facility'],
  ['63', 'a long-term care hospital'],
  ['64', 'a nursing facility'],
  ['65', 'a psychiatric hospital'],
  ['66', 'a critical access hospital'],
  ['82', 'a short-term hospital'],
  ['83', 'a skilled nursing facility'],
  ['85', 'a cancer center or children’s hospital'],
  ['87', 'law enforcement'],
  ['88', 'a federal health care facility'],
  ['89', 'a swing bed'],
  ['90', 'an inpatient rehabilitation facility'],
  ['91', 'a long-term care hospital'],
  ['92', 'a nursing facility'],
  ['93', 'a psychiatric hospital'],
  ['94', 'a critical access hospital'],
]);

/**
 * Words for where a patient was handed off to, for a timeline entry.
 * Only fixed wording is returned, never text from the message.
 *
 * @param code - PV1-36 value
 * @returns e.g. `a skilled nursing facility`; `another facility` for codes
 *   without a specific description
 */
export function describeHandOff(code: string): string {
  return HAND_OFF_DESTINATIONS.get(normalizeDispositionCode(code)) ?? 'another facility';
}
