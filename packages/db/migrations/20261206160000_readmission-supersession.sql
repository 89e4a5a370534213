-- Up Migration

-- A discharge follow-up whose patient (the same person, at any facility) was admitted again within
-- 30 days and whose readmission's discharge brought a follow-up of its own: the later follow-up.
-- Derived from the stored stays and follow-ups by one serialized statement after each processed
-- message, so it is the same whatever order messages arrive and are processed in.
ALTER TABLE follow_ups
  ADD COLUMN superseded_by bigint REFERENCES follow_ups (id) ON DELETE SET NULL;
CREATE INDEX follow_ups_superseded_by ON follow_ups (superseded_by) WHERE superseded_by IS NOT NULL;

-- Patients whose follow-ups' supersession must be worked out again: written in the transaction that
-- changed their stays or follow-ups, consumed after it commits. A row left by a failed attempt is
-- picked up by the next one.
CREATE TABLE supersession_checks (
  patient_id bigint PRIMARY KEY REFERENCES patients (id) ON DELETE CASCADE,
  queued_at  timestamptz NOT NULL DEFAULT now()
);
