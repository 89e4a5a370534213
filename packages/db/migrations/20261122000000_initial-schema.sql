-- Up Migration

-- Every frame that reached the listener and could be framed: the system of record for inbound HL7.
CREATE TABLE inbound_messages (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  received_at        timestamptz NOT NULL DEFAULT now(),
  peer_address       text,
  sending_application text NOT NULL DEFAULT '',
  sending_facility   text NOT NULL DEFAULT '',
  control_id         text NOT NULL DEFAULT '',
  message_type       text NOT NULL DEFAULT '',
  version_id         text NOT NULL DEFAULT '',
  content_hash       bytea NOT NULL,
  raw                bytea,
  status             text NOT NULL CHECK (status IN ('received', 'processed', 'duplicate', 'rejected', 'failed')),
  status_reason      text,
  ack_code           text,
  duplicate_of       bigint REFERENCES inbound_messages (id),
  control_id_reused  boolean NOT NULL DEFAULT false,
  attempts           integer NOT NULL DEFAULT 0,
  correlation_id     uuid NOT NULL DEFAULT gen_random_uuid(),
  processed_at       timestamptz,
  updated_at         timestamptz NOT NULL DEFAULT now()
);
-- Message identity (routing spec): sender + control id + content. Duplicates and rejects are kept as
-- their own rows for visibility, so only accepted originals are unique.
CREATE UNIQUE INDEX inbound_messages_identity
  ON inbound_messages (sending_application, sending_facility, control_id, content_hash)
  WHERE status NOT IN ('duplicate', 'rejected');
CREATE INDEX inbound_messages_unprocessed ON inbound_messages (received_at) WHERE status = 'received';
CREATE INDEX inbound_messages_status ON inbound_messages (status, received_at DESC);
CREATE INDEX inbound_messages_control_id ON inbound_messages (control_id);

CREATE TABLE patients (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  mrn                 text NOT NULL,
  assigning_authority text NOT NULL,
  family_name         text NOT NULL DEFAULT '',
  given_name          text NOT NULL DEFAULT '',
  middle_name         text NOT NULL DEFAULT '',
  birth_date          date,
  sex                 text NOT NULL DEFAULT '',
  phone               text NOT NULL DEFAULT '',
  deceased            boolean NOT NULL DEFAULT false,
  merged_into         bigint REFERENCES patients (id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (assigning_authority, mrn)
);

-- Every PID-3 repetition seen for a patient.
CREATE TABLE patient_identifiers (
  patient_id          bigint NOT NULL REFERENCES patients (id),
  assigning_authority text NOT NULL,
  identifier          text NOT NULL,
  identifier_type     text NOT NULL DEFAULT '',
  PRIMARY KEY (assigning_authority, identifier, identifier_type)
);
CREATE INDEX patient_identifiers_patient ON patient_identifiers (patient_id);

CREATE TABLE encounters (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  patient_id         bigint NOT NULL REFERENCES patients (id),
  facility           text NOT NULL,
  -- PV1-19 when sent, else a key derived from the patient and admit/event time (routing spec).
  encounter_key      text NOT NULL,
  visit_number       text NOT NULL DEFAULT '',
  patient_class      text NOT NULL DEFAULT '',
  assigned_location  text NOT NULL DEFAULT '',
  admission_type     text NOT NULL DEFAULT '',
  hospital_service   text NOT NULL DEFAULT '',
  patient_type       text NOT NULL DEFAULT '',
  admitted_at        timestamptz,
  discharged_at      timestamptz,
  disposition        text NOT NULL DEFAULT '',
  diagnoses          jsonb NOT NULL DEFAULT '[]',
  last_event_type    text,
  last_event_at      timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (facility, encounter_key)
);
CREATE INDEX encounters_patient ON encounters (patient_id);

-- Which stored messages were applied to which encounter: the encounter's event history and the
-- follow-up's source messages. A message is applied once (retries find the row and stop).
CREATE TABLE encounter_events (
  message_id   bigint PRIMARY KEY REFERENCES inbound_messages (id),
  encounter_id bigint NOT NULL REFERENCES encounters (id),
  event_type   text NOT NULL,
  occurred_at  timestamptz NOT NULL,
  note         text,
  applied_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX encounter_events_encounter ON encounter_events (encounter_id, occurred_at);

CREATE TABLE follow_ups (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  encounter_id         bigint NOT NULL REFERENCES encounters (id),
  patient_id           bigint NOT NULL REFERENCES patients (id),
  kind                 text NOT NULL CHECK (kind IN ('discharge', 'ed_visit')),
  status               text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
  due_at               timestamptz NOT NULL,
  visit_due_by         timestamptz,
  priority             text NOT NULL DEFAULT 'normal' CHECK (priority IN ('high', 'normal')),
  team                 text NOT NULL,
  in_ed_now            boolean NOT NULL DEFAULT false,
  discharge_cancelled  boolean NOT NULL DEFAULT false,
  status_reason        text,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  closed_at            timestamptz,
  -- One follow-up of each kind per encounter: the CoP sends several notices per stay, a navigator
  -- needs one task.
  UNIQUE (encounter_id, kind)
);
CREATE INDEX follow_ups_worklist ON follow_ups (team, status, due_at);
CREATE INDEX follow_ups_patient ON follow_ups (patient_id);

-- Continuity-of-care log. Append-only: corrections are new rows (enforced by trigger below).
CREATE TABLE care_actions (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  follow_up_id  bigint NOT NULL REFERENCES follow_ups (id),
  type          text NOT NULL CHECK (type IN ('contact_attempt', 'contact_made', 'appointment_scheduled',
                                              'med_reconciliation', 'note', 'close')),
  outcome       text,
  note          text,
  at            timestamptz NOT NULL,
  actor         text NOT NULL,
  recorded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX care_actions_follow_up ON care_actions (follow_up_id, recorded_at);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER care_actions_append_only BEFORE UPDATE OR DELETE ON care_actions
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TABLE users (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  display_name  text NOT NULL DEFAULT '',
  role          text NOT NULL CHECK (role IN ('navigator', 'ops', 'admin')),
  team          text,
  password_hash text,
  disabled_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Bearer tokens for scripts; only a SHA-256 of the token is kept.
CREATE TABLE api_tokens (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash    bytea NOT NULL UNIQUE,
  name          text NOT NULL,
  role          text NOT NULL CHECK (role IN ('navigator', 'ops', 'admin')),
  team          text,
  user_id       bigint REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz
);

-- Who read which patient data, when and from where.
CREATE TABLE audit_log (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  actor          text NOT NULL,
  action         text NOT NULL,
  resource       text NOT NULL,
  resource_id    text,
  remote_address text,
  detail         jsonb
);
CREATE INDEX audit_log_at ON audit_log (at DESC);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
