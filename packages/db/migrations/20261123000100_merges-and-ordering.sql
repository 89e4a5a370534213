-- Up Migration

-- One active follow-up per encounter and kind, instead of one ever: an A03 after a cancelled
-- discharge follow-up (a real re-discharge after an A13) creates a new one, while done and
-- cancelled ones stay as history.
ALTER TABLE follow_ups DROP CONSTRAINT follow_ups_encounter_id_kind_key;
CREATE UNIQUE INDEX follow_ups_one_active_per_kind
  ON follow_ups (encounter_id, kind) WHERE status IN ('open', 'in_progress');
CREATE INDEX follow_ups_encounter ON follow_ups (encounter_id, id);

-- A merged-away encounter (A42 visit merge, or a patient merge whose encounters collide) keeps its
-- key and points at the survivor, so a late event naming the old visit lands on the survivor.
ALTER TABLE encounters ADD COLUMN merged_into bigint REFERENCES encounters (id);
-- PID-18, for A41 (merge account).
ALTER TABLE encounters ADD COLUMN account_number text NOT NULL DEFAULT '';
CREATE INDEX encounters_account ON encounters (facility, account_number) WHERE account_number <> '';

-- Event time of the demographics stored, so a late, older event does not overwrite newer ones.
ALTER TABLE patients ADD COLUMN demographics_at timestamptz;

-- Event order within an encounter: EVN-2/MSH-7, then arrival (message id).
CREATE INDEX encounter_events_order ON encounter_events (encounter_id, occurred_at, message_id);

-- Audit trail of merges and identifier moves (A40/A34/A18/A39 patient, A41 account, A42 visit,
-- A47 identifier): one row per message, including those that found nothing to move.
CREATE TABLE patient_merges (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id          bigint NOT NULL UNIQUE REFERENCES inbound_messages (id),
  event_type          text NOT NULL,
  scope               text NOT NULL CHECK (scope IN ('patient', 'account', 'visit', 'identifier')),
  facility            text NOT NULL,
  -- The identifier, account or visit number being replaced (MRG-1, MRG-3 or MRG-5) and its successor.
  prior_key           text NOT NULL,
  survivor_key        text NOT NULL,
  prior_patient_id    bigint REFERENCES patients (id),
  survivor_patient_id bigint REFERENCES patients (id),
  outcome             text NOT NULL CHECK (outcome IN ('merged', 'prior_unknown', 'already_merged')),
  -- What moved: encounter, follow-up and identifier counts and ids, duplicates retired.
  moved               jsonb NOT NULL DEFAULT '{}',
  applied_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX patient_merges_prior ON patient_merges (prior_patient_id);
CREATE INDEX patient_merges_survivor ON patient_merges (survivor_patient_id);
