-- Up Migration

-- Event time (EVN-2/MSH-7) of the earliest message that said the patient died. A replay of an
-- encounter sees the patient alive at its events before that time, as the in-order run did, so a
-- death that arrived before older events of the same stay no longer changes what they created.
-- NULL on a deceased patient: recorded before this column, counted as before every event.
ALTER TABLE patients ADD COLUMN deceased_at timestamptz;
