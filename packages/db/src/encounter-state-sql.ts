/**
 * The statement that saves an encounter's visit state, shared by the repository call that saves
 * it alone and the one that also reads the encounter's follow-ups in the same round trip.
 */
import type { EncounterState } from './encounter-repository.js';

/** Saves the state ($2–$11) and, when given, the newest event ($12, $13) of encounter $1. */
export const SAVE_ENCOUNTER_STATE = `
  UPDATE encounters SET
    visit_number = $2, patient_class = $3, assigned_location = $4, admission_type = $5,
    hospital_service = $6, patient_type = $7, admitted_at = $8, discharged_at = $9, disposition = $10,
    diagnoses = $11, last_event_type = COALESCE($12, last_event_type),
    last_event_at = COALESCE($13, last_event_at), updated_at = now()
  WHERE id = $1`;

/**
 * The parameters of {@link SAVE_ENCOUNTER_STATE}.
 * @param id - encounter id
 * @param state - the merged state
 * @param lastEvent - the encounter's newest event when it changed; null to keep the stored one
 */
export function encounterStateValues(
  id: string,
  state: EncounterState,
  lastEvent: { type: string; at: Date } | null,
): unknown[] {
  return [
    id,
    state.visitNumber,
    state.patientClass,
    state.assignedLocation,
    state.admissionType,
    state.hospitalService,
    state.patientType,
    state.admittedAt,
    state.dischargedAt,
    state.disposition,
    JSON.stringify(state.diagnoses),
    lastEvent?.type ?? null,
    lastEvent?.at ?? null,
  ];
}
