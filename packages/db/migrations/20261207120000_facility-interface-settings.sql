-- Up Migration

-- Per-facility interface settings, managed with `adt facility set` and the admin page. Null means
-- "not set": the listener and the worker fall back to the installation-wide setting.
ALTER TABLE facilities
  -- IANA zone of HL7 timestamps without an offset from this facility; null: PRACTICE_TZ.
  ADD COLUMN time_zone text,
  -- MSH-11 values accepted from this facility; null: MLLP_PROCESSING_IDS.
  ADD COLUMN processing_ids text[] CHECK (processing_ids <@ ARRAY['P', 'T', 'D']::text[]
                                          AND cardinality(processing_ids) > 0),
  -- The TLS client certificate allowed to send as this facility: its subject CN, its SHA-256
  -- fingerprint (64 lowercase hex digits), or both (both must match). Neither: any certificate.
  ADD COLUMN certificate_subject text CHECK (btrim(certificate_subject) <> ''),
  ADD COLUMN certificate_fingerprint text CHECK (certificate_fingerprint ~ '^[0-9a-f]{64}$'),
  -- Free text for the interface sheet: how the hospital's engine handles our ACKs.
  ADD COLUMN ack_mode_notes text NOT NULL DEFAULT '',
  -- `test`: every message from this facility goes to the sandbox (see inbound_messages.sandbox).
  ADD COLUMN mode text NOT NULL DEFAULT 'live' CHECK (mode IN ('live', 'test'));

-- Test feeds. A message is a sandbox message when its facility was in test mode or its MSH-11 was
-- `T` when it was received (decided by the listener and kept: switching a facility to live later
-- does not turn its test messages into live ones). The worker applies it in its own identity namespace (assigning
-- authorities and visit numbers prefixed `sandbox:`), so it never reaches a live patient,
-- encounter or follow-up; the rows it makes carry `sandbox = true`, and every navigator-facing
-- query leaves them out (`@adt/db` LIVE_ROW). Ops see them on the sandbox page.
ALTER TABLE inbound_messages ADD COLUMN sandbox boolean NOT NULL DEFAULT false;
-- The sandbox page lists a test feed's messages, newest first (refused ones too).
CREATE INDEX inbound_messages_sandbox ON inbound_messages (id) WHERE sandbox;
ALTER TABLE patients ADD COLUMN sandbox boolean NOT NULL DEFAULT false;
ALTER TABLE encounters ADD COLUMN sandbox boolean NOT NULL DEFAULT false;
ALTER TABLE follow_ups ADD COLUMN sandbox boolean NOT NULL DEFAULT false;

-- The flag follows the namespace, set once when a row is made, so no code path that creates a
-- patient, an encounter or a follow-up (live processing, replays, merges, roster back-fill) can
-- forget it: a patient in the sandbox namespace, its encounters, their follow-ups.
CREATE FUNCTION mark_sandbox_patient() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.sandbox := NEW.assigning_authority LIKE 'sandbox:%';
  RETURN NEW;
END $$;
CREATE TRIGGER patients_sandbox BEFORE INSERT ON patients
  FOR EACH ROW EXECUTE FUNCTION mark_sandbox_patient();

CREATE FUNCTION mark_sandbox_encounter() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.sandbox := COALESCE((SELECT p.sandbox FROM patients p WHERE p.id = NEW.patient_id), false);
  RETURN NEW;
END $$;
CREATE TRIGGER encounters_sandbox BEFORE INSERT ON encounters
  FOR EACH ROW EXECUTE FUNCTION mark_sandbox_encounter();

CREATE FUNCTION mark_sandbox_follow_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.sandbox := COALESCE((SELECT e.sandbox FROM encounters e WHERE e.id = NEW.encounter_id), false);
  RETURN NEW;
END $$;
CREATE TRIGGER follow_ups_sandbox BEFORE INSERT ON follow_ups
  FOR EACH ROW EXECUTE FUNCTION mark_sandbox_follow_up();

-- The sandbox page lists the follow-ups a test feed made.
CREATE INDEX follow_ups_sandbox ON follow_ups (created_at DESC) WHERE sandbox;

-- A sandbox patient is enrolled when the roster names the identity it stands for (the namespace
-- prefix left out), so a test feed shows the follow-ups and teams the live feed will produce.
CREATE OR REPLACE VIEW roster_enrollments AS
  SELECT DISTINCT ON (known.patient_id) known.patient_id, r.id AS roster_entry_id, r.team, r.pcp
    FROM (
      SELECT id AS patient_id, assigning_authority, mrn AS identifier FROM patients WHERE NOT sandbox
      UNION
      SELECT i.patient_id, i.assigning_authority, i.identifier
        FROM patient_identifiers i
       WHERE i.assigning_authority NOT LIKE 'sandbox:%'
      UNION
      SELECT id, substr(assigning_authority, 9), mrn FROM patients WHERE sandbox
      UNION
      SELECT i.patient_id, substr(i.assigning_authority, 9), i.identifier
        FROM patient_identifiers i
       WHERE i.assigning_authority LIKE 'sandbox:%'
    ) known
    JOIN roster_entries r
      ON r.assigning_authority = known.assigning_authority AND r.identifier = known.identifier
   WHERE r.removed_at IS NULL
   ORDER BY known.patient_id, r.id;

-- Sandbox patients are not the practice's patients: never listed as unattributed.
CREATE OR REPLACE VIEW unattributed_patients AS
  SELECT p.id AS patient_id, p.mrn, p.assigning_authority, p.family_name, p.given_name,
         p.birth_date, p.sex,
         (SELECT count(*) FROM encounters e WHERE e.patient_id = p.id) AS encounter_count,
         (SELECT max(e.last_event_at) FROM encounters e WHERE e.patient_id = p.id) AS last_event_at
    FROM patients p
   WHERE p.merged_into IS NULL
     AND NOT p.sandbox
     AND EXISTS (SELECT 1 FROM roster_entries r WHERE r.removed_at IS NULL)
     AND NOT EXISTS (SELECT 1 FROM roster_enrollments re WHERE re.patient_id = p.id);
