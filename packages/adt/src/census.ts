/**
 * The census: who is in hospital now, who went to post-acute care, and why an encounter has no
 * follow-up. Everything here is derived from an encounter's stored state and its follow-ups' stored
 * outcomes with the same rules the worker routes by, so nothing extra is stored when a message is
 * applied and the answer stays right after a replay, a merge or a roster change.
 */
import { isEdVisit, isInpatientLikeDischarge } from './adt-event.js';
import { classifyDisposition, describeHandOff, normalizeDispositionCode } from './disposition.js';
import type { FollowUpKind, FollowUpStatus } from './follow-up.js';

/** How the census names a stay: PV1-2 `I`, `O` with an observation code, or `E`. */
export type CensusClass = 'inpatient' | 'observation' | 'emergency';

/**
 * Why an encounter has no follow-up (none open, in progress or done).
 *
 * - `in_hospital`: still admitted; the discharge brings the follow-up.
 * - `expired`: the patient died (PID-30, or an expired disposition).
 * - `cancelled`: the visit was cancelled (A11).
 * - `not_eligible_class`: not an inpatient, observation or ED stay (clinic, preadmit, recurring…).
 * - `not_attributed`: a roster is loaded and the patient is not on it.
 * - `post_acute`, `hospice`, `law_enforcement`: discharged to a setting where no call is due now.
 * - `admitted`: an ED visit that became an admission (its follow-up comes with that discharge).
 * - `discharge_cancelled`: the discharge was taken back (A13) and nothing has replaced it.
 * - `merged`: the follow-up was retired as a duplicate when two records were merged.
 * - `unexplained`: none of the above; worth a look by operations.
 */
export type NoFollowUpReason =
  | 'in_hospital'
  | 'expired'
  | 'cancelled'
  | 'not_eligible_class'
  | 'not_attributed'
  | 'post_acute'
  | 'hospice'
  | 'law_enforcement'
  | 'admitted'
  | 'discharge_cancelled'
  | 'merged'
  | 'unexplained';

/** An ED visit without a discharge is taken as over after this long: many ED feeds never send one. */
export const ED_STAY_WITHOUT_DISCHARGE_MS = 48 * 60 * 60 * 1000;

/** A follow-up of the encounter as stored, in creation order. */
export interface CensusFollowUp {
  kind: FollowUpKind;
  status: FollowUpStatus;
  statusReason: string | null;
  team: string;
}

/** What the census reads about one encounter. */
export interface CensusEncounter {
  /** PV1-2, PV1-10, PV1-18 as folded into the encounter. */
  patientClass: string;
  hospitalService: string;
  patientType: string;
  /** PV1-36. */
  disposition: string;
  /** PV1-44, else the encounter's first event. */
  since: Date | null;
  /** PV1-45 as stored. */
  dischargedAt: Date | null;
  /**
   * The latest A03, A11 or A13 applied to the encounter (by event time), and when: an A03 without
   * PV1-45 still ends the stay, an A13 takes the discharge back.
   */
  lastEndEvent: { type: 'A03' | 'A11' | 'A13'; at: Date } | null;
  patientDeceased: boolean;
  /** False only when a roster is loaded and the patient is not on it. */
  attributed: boolean;
  followUps: readonly CensusFollowUp[];
}

/**
 * The census class of a stay, or null for a class the follow-up rules do not act on.
 * @param stay - patient class, hospital service and patient type
 * @param observationCodes - the site's observation codes
 */
export function censusClassOf(
  stay: Pick<CensusEncounter, 'patientClass' | 'hospitalService' | 'patientType'>,
  observationCodes: ReadonlySet<string>,
): CensusClass | null {
  if (isEdVisit(stay)) return 'emergency';
  if (!isInpatientLikeDischarge(stay, { observationCodes })) return null;
  return stay.patientClass.trim().toUpperCase() === 'I' ? 'inpatient' : 'observation';
}

/**
 * When the stay ended: PV1-45, else the A03 that ended it; null while it has not ended (or its
 * discharge was cancelled).
 * @param encounter - the stored encounter
 */
export function stayEndedAt(encounter: Pick<CensusEncounter, 'dischargedAt' | 'lastEndEvent'>): Date | null {
  const end = encounter.lastEndEvent;
  if (end?.type === 'A13') return null;
  return encounter.dischargedAt ?? (end?.type === 'A03' ? end.at : null);
}

function isExpired(encounter: CensusEncounter): boolean {
  return encounter.patientDeceased || classifyDisposition(encounter.disposition) === 'expired';
}

function isCancelled(encounter: CensusEncounter): boolean {
  return (
    encounter.lastEndEvent?.type === 'A11' ||
    encounter.followUps.some((f) => f.status === 'cancelled' && f.statusReason === 'visit_cancelled')
  );
}

/**
 * Whether the patient is in hospital now on this encounter: an inpatient, observation or ED stay
 * that has not ended, was not cancelled, and whose patient is alive. An ED visit without a
 * discharge counts for {@link ED_STAY_WITHOUT_DISCHARGE_MS} after arrival only.
 * @param encounter - the stored encounter
 * @param observationCodes - the site's observation codes
 * @param now - the current instant
 */
export function isInHospital(
  encounter: CensusEncounter,
  observationCodes: ReadonlySet<string>,
  now: Date,
): boolean {
  const censusClass = censusClassOf(encounter, observationCodes);
  if (censusClass === null || isExpired(encounter) || isCancelled(encounter)) return false;
  if (stayEndedAt(encounter) !== null) return false;
  if (censusClass === 'emergency') {
    const since = encounter.since ?? now;
    return now.getTime() - since.getTime() < ED_STAY_WITHOUT_DISCHARGE_MS;
  }
  return true;
}

/**
 * Where a discharge went when it was to post-acute care (routing spec: 02, 03, 05, 43, 61–66 and
 * their 8x "planned readmission" forms, hospice 50/51), in fixed wording; null otherwise. 09
 * (admitted to this hospital) is a hand-off but not post-acute care: the admission shows instead.
 * @param disposition - PV1-36
 */
export function postAcuteDestination(disposition: string): string | null {
  const group = classifyDisposition(disposition);
  if (group !== 'post_acute' && group !== 'hospice') return null;
  if (normalizeDispositionCode(disposition) === '09') return null;
  return describeHandOff(disposition);
}

/**
 * Why an encounter has no follow-up, or null when it has one (open, in progress or done). The
 * checks follow the routing rules in the order they bite: death and cancellation first, then what
 * routing never acts on (class, roster), then the stay's outcome, then the follow-up's own
 * cancellation reason.
 * @param encounter - the stored encounter and its follow-ups
 * @param observationCodes - the site's observation codes
 * @param now - the current instant
 */
export function noFollowUpReason(
  encounter: CensusEncounter,
  observationCodes: ReadonlySet<string>,
  now: Date,
): NoFollowUpReason | null {
  if (encounter.followUps.some((f) => f.status !== 'cancelled')) return null;
  if (isExpired(encounter)) return 'expired';
  if (isCancelled(encounter)) return 'cancelled';
  if (censusClassOf(encounter, observationCodes) === null) return 'not_eligible_class';
  if (!encounter.attributed) return 'not_attributed';
  if (isInHospital(encounter, observationCodes, now)) return 'in_hospital';
  const group = classifyDisposition(encounter.disposition);
  if (stayEndedAt(encounter) !== null) {
    if (group === 'post_acute') return 'post_acute';
    if (group === 'hospice' || group === 'law_enforcement') return group;
  }
  const reasons = new Set(encounter.followUps.map((f) => f.statusReason));
  if (reasons.has('admitted')) return 'admitted';
  if (reasons.has('discharge_cancelled')) return 'discharge_cancelled';
  if (reasons.has('merged')) return 'merged';
  return 'unexplained';
}

/**
 * The reason for the visit: the PV2-3 admit reason when the feed sent one, else the first diagnosis
 * (DG1, admitting first when senders order them so); its text else its code; null when neither
 * was sent.
 * @param diagnoses - the encounter's diagnoses in message order
 * @param admitReason - PV2-3 as stored, null when never sent
 */
export function reasonForVisit(
  diagnoses: readonly { code: string; text: string }[],
  admitReason: { code: string; text: string } | null = null,
): string | null {
  const first = [...(admitReason ? [admitReason] : []), ...diagnoses].find(
    (d) => d.text.trim() !== '' || d.code.trim() !== '',
  );
  if (!first) return null;
  return first.text.trim() || first.code.trim();
}

/**
 * The kind of follow-up the encounter would bring, for choosing its team like routing does.
 * @param patientClass - PV1-2
 */
export function censusFollowUpKind(patientClass: string): FollowUpKind {
  return isEdVisit({ patientClass }) ? 'ed_visit' : 'discharge';
}
