-- Up Migration

-- Plans checked on 10 million stored messages (docs/postgres-at-scale.md).

-- Follow-up and message search by MRN (`?mrn=`) name no assigning authority, so the unique index
-- (assigning_authority, mrn) cannot serve them: every patient was read.
CREATE INDEX patients_mrn ON patients (mrn);

-- Message search over a period (`from`, `to`): without it, the newest-first scan read every message
-- received after the period. (The retention index on received_at went with the raw column.)
CREATE INDEX inbound_messages_received ON inbound_messages (received_at);
