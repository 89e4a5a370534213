/**
 * The slice of an ADT event the follow-up rules read, already decoded from
 * HL7 by the caller.
 */
export interface AdtEventInput {
  /** Trigger event, e.g. `A01`, `A03`, `A08` (EVN-1 or MSH-9.2). */
  eventType: string;
  /** When the event happened: EVN-2, else MSH-7, already converted. */
  occurredAt: Date;
  /** PV1-2; `E` is an ED visit, `I` inpatient, `O` outpatient. */
  patientClass: string;
  /** PV1-10. */
  hospitalService: string;
  /** PV1-18. */
  patientType: string;
  /** PV1-36, NUBC discharge status code. */
  dischargeDisposition: string;
  /** PV1-44. */
  admitAt: Date | null;
  /** PV1-45. */
  dischargeAt: Date | null;
  /**
   * PID-30 = Y. Pass true as well when the patient is already known to have
   * died, so a late or resent event cannot bring back a follow-up.
   */
  deceased: boolean;
}

/**
 * Hospital service / patient type codes that mark an observation or
 * partial-hospitalisation stay by default; sites add their own.
 */
export const DEFAULT_OBSERVATION_CODES: ReadonlySet<string> = new Set(['OBS']);

/** HL7 codes are case-insensitive in practice and often space-padded. */
function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * Whether the encounter is an ED visit: PV1-2 = `E`. PV1-4 = `E` alone is an
 * emergency admission type, not an ED visit, so it is deliberately not read.
 *
 * @param event - the event's patient class
 */
export function isEdVisit(event: Pick<AdtEventInput, 'patientClass'>): boolean {
  return normalizeCode(event.patientClass) === 'E';
}

/**
 * Whether the encounter is a stay whose discharge brings a `discharge`
 * follow-up: inpatient (PV1-2 = `I`), or outpatient (`O`) with an
 * observation code in the hospital service (PV1-10) or patient type (PV1-18).
 * It reads the patient class only, not the event type, so the same test
 * serves A03, A08 and the "admitted from the ED" checks.
 *
 * @param event - the event's patient class, hospital service and patient type
 * @param config - the site's observation codes
 */
export function isInpatientLikeDischarge(
  event: Pick<AdtEventInput, 'patientClass' | 'hospitalService' | 'patientType'>,
  config: { observationCodes: ReadonlySet<string> },
): boolean {
  const patientClass = normalizeCode(event.patientClass);
  if (patientClass === 'I') {
    return true;
  }
  if (patientClass !== 'O') {
    return false;
  }
  const codes = new Set([...config.observationCodes].map(normalizeCode));
  return codes.has(normalizeCode(event.hospitalService)) || codes.has(normalizeCode(event.patientType));
}
