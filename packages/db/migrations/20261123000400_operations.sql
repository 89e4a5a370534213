-- Up Migration

-- Retention (docs/operations.md#retention): after RETENTION_DAYS the raw bytes of a finished
-- message are erased and pruned_at set. The row stays: it is the record of what was received and
-- answered, duplicate detection keeps working (the content hash stays), and the encounter history
-- and merge audit keep their references.
ALTER TABLE inbound_messages ADD COLUMN pruned_at timestamptz;
-- Pruning candidates oldest first, without reading the messages already pruned or still waiting.
CREATE INDEX inbound_messages_prunable ON inbound_messages (received_at)
  WHERE raw IS NOT NULL AND status IN ('processed', 'duplicate', 'rejected');

-- Per-facility feed status (last message time, counts today / last hour) and the feed-silent alert:
-- a skip scan over this index finds each facility's newest message without reading the table.
CREATE INDEX inbound_messages_facility_received ON inbound_messages (sending_facility, received_at DESC);

-- In-product alerts: one row per condition (an alert and its labels, e.g. one per facility).
-- Every evaluator process writes what it observes; notifications are driven by the difference
-- between `firing` and `notified_firing` and claimed with a conditional UPDATE, so several worker
-- processes announce each start and each end exactly once.
CREATE TABLE alert_states (
  key             text PRIMARY KEY,
  alert           text NOT NULL,
  labels          jsonb NOT NULL DEFAULT '{}',
  firing          boolean NOT NULL,
  summary         text NOT NULL,
  -- When the condition last started (firing) or ended (not firing).
  since           timestamptz NOT NULL DEFAULT now(),
  evaluated_at    timestamptz NOT NULL DEFAULT now(),
  -- The state last announced to the notification targets; null: never announced.
  notified_firing boolean,
  notified_at     timestamptz,
  -- A claimed notification (lease) or a failed one (retry time) waits until then.
  notify_after    timestamptz NOT NULL DEFAULT '-infinity',
  notify_error    text
);
CREATE INDEX alert_states_pending ON alert_states (notify_after)
  WHERE (firing AND notified_firing IS NOT TRUE) OR (NOT firing AND notified_firing IS TRUE);
