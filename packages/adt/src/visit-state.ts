/**
 * The state of an encounter as its ADT events build it up, and the one rule for folding an
 * event into it. Applying the events one by one in event order with {@link foldVisitState} is
 * the definition of the encounter's state, whatever order the events arrived in.
 */

/** A diagnosis as an event carries it (DG1-3). */
export interface VisitDiagnosis {
  code: string;
  text: string;
  codingSystem: string;
}

/** What one event says about the visit, or the encounter's folded state. */
export interface VisitState {
  /** PV1-2. */
  patientClass: string;
  /** PV1-3. */
  assignedLocation: string;
  /** PV1-4. */
  admissionType: string;
  /** PV1-10. */
  hospitalService: string;
  /** PV1-18. */
  patientType: string;
  /** PV1-44. */
  admittedAt: Date | null;
  /** PV1-45. */
  dischargedAt: Date | null;
  /** PV1-36. */
  disposition: string;
  /** DG1 segments. */
  diagnoses: readonly VisitDiagnosis[];
}

/** The state of an encounter before any event. */
export const EMPTY_VISIT_STATE: VisitState = {
  patientClass: '',
  assignedLocation: '',
  admissionType: '',
  hospitalService: '',
  patientType: '',
  admittedAt: null,
  dischargedAt: null,
  disposition: '',
  diagnoses: [],
};

/**
 * Folds one event into the encounter's state: every field the event carries replaces the stored
 * one, and fields it leaves empty keep their value (senders often omit what did not change).
 * A13 (cancel discharge) also clears the discharge time and disposition, so a later A08 does not
 * act on a discharge that was taken back.
 *
 * @param current - the state after the events before this one
 * @param event - what this event carries
 * @param eventType - the trigger event, e.g. `A13`
 * @returns the state after this event
 */
export function foldVisitState(current: VisitState, event: VisitState, eventType: string): VisitState {
  const text = (mine: string, theirs: string) => (theirs === '' ? mine : theirs);
  const date = (mine: Date | null, theirs: Date | null) => theirs ?? mine;
  const folded: VisitState = {
    patientClass: text(current.patientClass, event.patientClass),
    assignedLocation: text(current.assignedLocation, event.assignedLocation),
    admissionType: text(current.admissionType, event.admissionType),
    hospitalService: text(current.hospitalService, event.hospitalService),
    patientType: text(current.patientType, event.patientType),
    admittedAt: date(current.admittedAt, event.admittedAt),
    dischargedAt: date(current.dischargedAt, event.dischargedAt),
    disposition: text(current.disposition, event.disposition),
    diagnoses: event.diagnoses.length === 0 ? current.diagnoses : event.diagnoses,
  };
  if (eventType.trim().toUpperCase() === 'A13') {
    return { ...folded, dischargedAt: null, disposition: '' };
  }
  return folded;
}
