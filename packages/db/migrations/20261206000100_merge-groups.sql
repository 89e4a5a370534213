-- Up Migration

-- A merge message (ADT_A39: A39/A40/A41/A42) may carry several PID/MRG groups, each a merge of its
-- own: one audit row per group, numbered in message order. Existing rows are single-group merges.
ALTER TABLE patient_merges ADD COLUMN group_number integer NOT NULL DEFAULT 1 CHECK (group_number >= 1);
ALTER TABLE patient_merges DROP CONSTRAINT patient_merges_message_id_key;
ALTER TABLE patient_merges ADD CONSTRAINT patient_merges_message_group UNIQUE (message_id, group_number);
