-- Up Migration

-- Files of HL7 messages picked up from the file-drop directory (or pulled over SFTP into it): one row
-- per pick-up, with the outcome of each message inside. The checksum of a completed file makes a
-- second drop of the same bytes a duplicate: nothing inside it is processed again.
CREATE TABLE file_drops (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  file_name     text NOT NULL,
  -- 'local' (dropped into the directory) or 'sftp' (pulled from the SFTP server first).
  source        text NOT NULL DEFAULT 'local',
  checksum      bytea,
  size_bytes    bigint NOT NULL,
  -- processing: being read; done: every message accepted; refused: read to the end, some message
  -- refused; failed: not read to the end (unreadable, too large, store unavailable, interrupted);
  -- duplicate: the same bytes as a done or refused file, nothing processed.
  status        text NOT NULL DEFAULT 'processing'
                  CHECK (status IN ('processing', 'done', 'refused', 'failed', 'duplicate')),
  reason        text,
  duplicate_of  bigint REFERENCES file_drops (id) ON DELETE SET NULL,
  message_count integer NOT NULL DEFAULT 0,
  accepted_count integer NOT NULL DEFAULT 0,
  -- Per message: control id, message type, ACK code, outcome, reason, stored message id.
  results       jsonb NOT NULL DEFAULT '[]'::jsonb,
  received_at   timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz
);

-- One completed file per content: a second completion of the same bytes fails and is recorded as
-- a duplicate instead.
CREATE UNIQUE INDEX file_drops_completed_checksum ON file_drops (checksum)
  WHERE status IN ('done', 'refused');
CREATE INDEX file_drops_received_at ON file_drops (received_at DESC, id DESC);
