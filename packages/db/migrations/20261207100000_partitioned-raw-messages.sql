-- Up Migration

-- Raw HL7 moves out of inbound_messages into inbound_message_raw, partitioned by month of receipt,
-- so retention drops a whole month (docs/operations.md#retention) instead of rewriting rows.
--
-- Only the bytes move. inbound_messages keeps one row per message forever, unpartitioned: its id is
-- what encounter_events, patient_merges and duplicate_of reference, and its unique identity index
-- (sender, control id, content hash) is what recognises a resend months later. On a partitioned table
-- both would have to include the receipt time, and a resend arrives at a different time.
--
-- No foreign key from the bodies to inbound_messages: attaching, detaching or dropping a partition
-- would then lock inbound_messages, which the listener writes all the time. A body is only ever
-- written by the statement that writes its message row.
CREATE TABLE inbound_message_raw (
  message_id  bigint NOT NULL,
  -- The message's received_at, copied: the partition key.
  received_at timestamptz NOT NULL,
  raw         bytea NOT NULL,
  PRIMARY KEY (message_id, received_at)
) PARTITION BY RANGE (received_at);

-- Bodies received for a month that has no partition (yet): a message is stored whatever the clock
-- says. Creating that month's partition moves them in (create_inbound_message_raw_partition).
CREATE TABLE inbound_message_raw_default PARTITION OF inbound_message_raw DEFAULT;

-- Bodies retention must keep after their month is dropped: messages not processed yet, and those of
-- encounters still active (the policy in retention-repository.ts). Few rows; pruned one by one once
-- the policy lets them go.
CREATE TABLE inbound_message_raw_kept (
  message_id  bigint PRIMARY KEY REFERENCES inbound_messages (id),
  received_at timestamptz NOT NULL,
  raw         bytea NOT NULL,
  kept_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inbound_message_raw_kept_received ON inbound_message_raw_kept (received_at);

-- Creates the partition of the month (UTC) holding `month_start`, unless it exists, and moves into it
-- any bodies the default partition holds for that month. Returns the partition's name. Serialised by a
-- transaction-scoped advisory lock, so several processes may call it at once (and through PgBouncer in
-- transaction mode). The partition is built apart and attached, which locks the parent table only
-- against other DDL, not against inserts.
CREATE FUNCTION create_inbound_message_raw_partition(month_start timestamptz) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  lower_utc timestamp := date_trunc('month', month_start AT TIME ZONE 'UTC');
  upper_utc timestamp := lower_utc + interval '1 month';
  lower_bound timestamptz := lower_utc AT TIME ZONE 'UTC';
  upper_bound timestamptz := upper_utc AT TIME ZONE 'UTC';
  partition_name text := 'inbound_message_raw_' || to_char(lower_utc, 'YYYY_MM');
BEGIN
  -- An arbitrary constant naming this lock among the product's advisory locks.
  PERFORM pg_advisory_xact_lock(7100000);
  IF to_regclass(partition_name) IS NOT NULL THEN
    RETURN partition_name;
  END IF;
  EXECUTE format('CREATE TABLE %I (LIKE inbound_message_raw INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
                 partition_name);
  EXECUTE format(
    'WITH moved AS (DELETE FROM inbound_message_raw_default WHERE received_at >= $1 AND received_at < $2
                    RETURNING message_id, received_at, raw)
     INSERT INTO %I (message_id, received_at, raw) SELECT message_id, received_at, raw FROM moved',
    partition_name) USING lower_bound, upper_bound;
  EXECUTE format('ALTER TABLE inbound_message_raw ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                 partition_name, lower_bound, upper_bound);
  RETURN partition_name;
END $$;

-- Partitions for every month that has stored bodies, up to two months ahead.
DO $$
DECLARE
  month timestamptz;
BEGIN
  FOR month IN
    SELECT generate_series(
             date_trunc('month', least(coalesce(min(received_at), now()), now()) AT TIME ZONE 'UTC'),
             date_trunc('month', now() AT TIME ZONE 'UTC') + interval '2 months',
             interval '1 month') AT TIME ZONE 'UTC'
      FROM inbound_messages WHERE raw IS NOT NULL
  LOOP
    PERFORM create_inbound_message_raw_partition(month);
  END LOOP;
END $$;

INSERT INTO inbound_message_raw (message_id, received_at, raw)
  SELECT id, received_at, raw FROM inbound_messages WHERE raw IS NOT NULL;

-- The bytes now live in inbound_message_raw. Dropping the column is instant; the space the old values
-- take is given back when the table is rewritten (VACUUM FULL or pg_repack, docs/operations.md).
DROP INDEX inbound_messages_prunable;
ALTER TABLE inbound_messages DROP COLUMN raw;

-- The body's copy of received_at follows the message row, should anyone correct a receipt time
-- (a data fix): the partition key and the join stay right. Only an update naming the column fires it.
CREATE FUNCTION inbound_message_raw_follow_received_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE inbound_message_raw SET received_at = NEW.received_at
   WHERE message_id = NEW.id AND received_at = OLD.received_at;
  UPDATE inbound_message_raw_kept SET received_at = NEW.received_at WHERE message_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER inbound_messages_received_at AFTER UPDATE OF received_at ON inbound_messages
  FOR EACH ROW WHEN (NEW.received_at IS DISTINCT FROM OLD.received_at)
  EXECUTE FUNCTION inbound_message_raw_follow_received_at();
