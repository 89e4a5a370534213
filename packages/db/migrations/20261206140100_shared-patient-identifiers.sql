-- Up Migration

-- An identifier several stored patients share (an HIE or enterprise id sent as another PID-3
-- repetition by several hospitals) is kept for each of them: it is what ties one person's records
-- together. It used to be stored for the first patient that sent it only. A patient's identity is
-- still its key in `patients` (MR identifier + assigning authority), which stays unique.
ALTER TABLE patient_identifiers DROP CONSTRAINT patient_identifiers_pkey;
ALTER TABLE patient_identifiers
  ADD CONSTRAINT patient_identifiers_pkey PRIMARY KEY (patient_id, assigning_authority, identifier, identifier_type);
-- The primary key now leads with the patient.
DROP INDEX patient_identifiers_patient;
-- Same-person links and lookups by identifier.
CREATE INDEX patient_identifiers_identifier ON patient_identifiers (assigning_authority, identifier);

-- Same-person links through merges, followed both ways.
CREATE INDEX patients_merged_into ON patients (merged_into) WHERE merged_into IS NOT NULL;

-- Stays not yet ended: the in-hospital check starts from them (inpatient and recent ED visits by
-- class and start; observation stays by their configurable service or patient type code), so it
-- never reads the many outpatient registrations that never get a discharge.
CREATE INDEX encounters_open_by_class
  ON encounters (upper(btrim(patient_class)), COALESCE(admitted_at, created_at))
  WHERE discharged_at IS NULL AND merged_into IS NULL AND upper(btrim(patient_class)) IN ('I', 'E');
CREATE INDEX encounters_open_by_service ON encounters (upper(btrim(hospital_service)))
  WHERE discharged_at IS NULL AND merged_into IS NULL;
CREATE INDEX encounters_open_by_patient_type ON encounters (upper(btrim(patient_type)))
  WHERE discharged_at IS NULL AND merged_into IS NULL;

