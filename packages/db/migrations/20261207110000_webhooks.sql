-- Up Migration

-- Outbound webhooks (docs/webhooks.md). Subscriptions name a receiver, the events it wants and
-- optional filters; the secret is the subscriber's own Standard Webhooks secret, kept to sign.
CREATE TABLE webhook_subscriptions (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  url         text NOT NULL,
  events      text[] NOT NULL CHECK (cardinality(events) > 0),
  secret      text NOT NULL,
  -- Filters: empty means any. An event that lacks the filtered field does not match.
  facilities  text[] NOT NULL DEFAULT '{}',
  teams       text[] NOT NULL DEFAULT '{}',
  kinds       text[] NOT NULL DEFAULT '{}',
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  -- A deleted subscription keeps its delivery history; its secret is erased.
  deleted_at  timestamptz
);

-- The outbox: one row per event, written by the triggers below in the transaction that made the
-- change, so an event exists exactly when its change committed. `xid` lets the dispatcher wait for
-- every older transaction to end before it fans a row out, so rows are handed on in commit order.
CREATE TABLE webhook_events (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  type          text NOT NULL,
  occurred_at   timestamptz NOT NULL DEFAULT now(),
  patient_id    bigint NOT NULL,
  encounter_id  bigint,
  follow_up_id  bigint,
  facility      text,
  team          text,
  kind          text,
  data          jsonb NOT NULL,
  xid           xid8 NOT NULL DEFAULT pg_current_xact_id(),
  dispatched_at timestamptz
);
CREATE INDEX webhook_events_undispatched ON webhook_events (id) WHERE dispatched_at IS NULL;

-- One row per event and subscription. Deliveries of one subscription and patient go out in event
-- order: one is attempted only when no earlier one of the same chain is pending.
CREATE TABLE webhook_deliveries (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subscription_id bigint NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
  event_id        bigint NOT NULL REFERENCES webhook_events (id),
  order_key       bigint NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  -- Bumped by a redelivery, so the new attempts get a job of their own.
  generation      integer NOT NULL DEFAULT 0,
  attempts        integer NOT NULL DEFAULT 0,
  last_attempt_at timestamptz,
  last_status     integer,
  last_error      text,
  delivered_at    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_deliveries_chain ON webhook_deliveries (subscription_id, order_key, event_id)
  WHERE status = 'pending';
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (id) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, id DESC);
CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);

-- The triggers are deferred: they run at commit, in the order the changes were made, so a row
-- reads the encounter as the transaction left it.

-- Writes one outbox row. Nothing is written while no subscription exists, so an installation
-- without webhooks pays one index probe per change.
CREATE FUNCTION webhook_event_record(
  p_type text, p_patient_id bigint, p_encounter_id bigint, p_follow_up_id bigint,
  p_facility text, p_team text, p_kind text, p_data jsonb
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE deleted_at IS NULL) THEN
    RETURN;
  END IF;
  -- One change made of several writes in one transaction (a claim: the care action and the status
  -- it sets) is one follow_up.updated, listing every change.
  IF p_type = 'follow_up.updated' THEN
    UPDATE webhook_events e
       SET data = e.data || jsonb_strip_nulls(p_data) || jsonb_build_object('changes', (
             SELECT jsonb_agg(DISTINCT c) FROM (
               SELECT jsonb_array_elements_text(e.data -> 'changes') AS c
               UNION SELECT jsonb_array_elements_text(p_data -> 'changes')) all_changes))
     WHERE e.dispatched_at IS NULL AND e.xid = pg_current_xact_id()
       AND e.type = 'follow_up.updated' AND e.follow_up_id = p_follow_up_id;
    IF FOUND THEN
      RETURN;
    END IF;
  END IF;
  INSERT INTO webhook_events (type, patient_id, encounter_id, follow_up_id, facility, team, kind, data)
  VALUES (p_type, p_patient_id, p_encounter_id, p_follow_up_id, p_facility, p_team, p_kind,
          jsonb_strip_nulls(p_data));
END $$;

-- What every follow-up event says of the follow-up itself.
CREATE FUNCTION webhook_follow_up_data(f follow_ups, p_facility text) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'followUpId', f.id::text, 'encounterId', f.encounter_id::text, 'patientId', f.patient_id::text,
    'kind', f.kind, 'status', f.status, 'facility', p_facility, 'team', f.team,
    'dueAt', f.due_at, 'priority', f.priority)
$$;

-- follow_up.created / .updated (status, due time, flags, priority, team) / .closed.
CREATE FUNCTION webhook_follow_up_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes text[] := '{}';
  event_type text;
  v_facility text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    event_type := 'follow_up.created';
  ELSIF NEW.status IS DISTINCT FROM OLD.status AND NEW.status IN ('done', 'cancelled') THEN
    event_type := 'follow_up.closed';
  ELSE
    IF NEW.status IS DISTINCT FROM OLD.status THEN changes := changes || 'status'::text; END IF;
    IF (NEW.due_at, NEW.visit_due_by) IS DISTINCT FROM (OLD.due_at, OLD.visit_due_by) THEN
      changes := changes || 'dueAt'::text;
    END IF;
    IF (NEW.in_ed_now, NEW.discharge_cancelled, NEW.risk_flags, NEW.superseded_by)
       IS DISTINCT FROM (OLD.in_ed_now, OLD.discharge_cancelled, OLD.risk_flags, OLD.superseded_by) THEN
      changes := changes || 'flags'::text;
    END IF;
    IF NEW.priority IS DISTINCT FROM OLD.priority THEN changes := changes || 'priority'::text; END IF;
    IF NEW.team IS DISTINCT FROM OLD.team THEN changes := changes || 'team'::text; END IF;
    IF cardinality(changes) = 0 THEN
      RETURN NULL;
    END IF;
    event_type := 'follow_up.updated';
  END IF;
  SELECT e.facility INTO v_facility FROM encounters e WHERE e.id = NEW.encounter_id;
  PERFORM webhook_event_record(
    event_type, NEW.patient_id, NEW.encounter_id, NEW.id, v_facility, NEW.team, NEW.kind,
    webhook_follow_up_data(NEW, v_facility)
      || jsonb_build_object('changes', CASE WHEN event_type = 'follow_up.updated' THEN to_jsonb(changes) END));
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER follow_ups_webhook_events AFTER INSERT OR UPDATE ON follow_ups
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION webhook_follow_up_event();

-- A claim or a hand-off changes who holds a follow-up: follow_up.updated with change `claim`.
CREATE FUNCTION webhook_claim_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  f follow_ups%ROWTYPE;
  v_facility text;
BEGIN
  SELECT * INTO f FROM follow_ups WHERE id = NEW.follow_up_id;
  SELECT e.facility INTO v_facility FROM encounters e WHERE e.id = f.encounter_id;
  PERFORM webhook_event_record(
    'follow_up.updated', f.patient_id, f.encounter_id, f.id, v_facility, f.team, f.kind,
    webhook_follow_up_data(f, v_facility)
      || jsonb_build_object('changes', jsonb_build_array('claim'), 'holder', COALESCE(NEW.handed_to, NEW.actor)));
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER care_actions_webhook_events AFTER INSERT ON care_actions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.type IN ('claim', 'hand_off'))
  EXECUTE FUNCTION webhook_claim_event();

-- encounter.admitted (A01, A06) and encounter.discharged (A03): one per applied message.
CREATE FUNCTION webhook_encounter_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  e encounters%ROWTYPE;
  data jsonb;
BEGIN
  SELECT * INTO e FROM encounters WHERE id = NEW.encounter_id;
  data := jsonb_build_object(
      'encounterId', e.id::text,
      'patientId', e.patient_id::text,
      'facility', e.facility,
      'event', NEW.event_type,
      'patientClass', NULLIF(e.patient_class, ''),
      'occurredAt', NEW.occurred_at);
  -- encounter.ed_visit feeds the FHIR "emergency department visit" topic only: an ED arrival
  -- (A04 or A01) or an ED discharge (A03).
  IF e.patient_class = 'E' THEN
    PERFORM webhook_event_record('encounter.ed_visit', e.patient_id, e.id, NULL, e.facility, NULL, NULL, data);
  END IF;
  IF NEW.event_type = 'A04' THEN
    RETURN NULL;
  END IF;
  PERFORM webhook_event_record(
    CASE WHEN NEW.event_type = 'A03' THEN 'encounter.discharged' ELSE 'encounter.admitted' END,
    e.patient_id, e.id, NULL, e.facility, NULL, NULL, data);
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER encounter_events_webhook_events AFTER INSERT ON encounter_events
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.event_type IN ('A01', 'A04', 'A06', 'A03'))
  EXECUTE FUNCTION webhook_encounter_event();

-- patient.deceased: the first time a patient is known to have died.
CREATE FUNCTION webhook_patient_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM webhook_event_record(
    'patient.deceased', NEW.id, NULL, NULL, NULL, NULL, NULL,
    jsonb_build_object('patientId', NEW.id::text));
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER patients_webhook_deceased AFTER UPDATE OF deceased ON patients
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.deceased AND NOT OLD.deceased)
  EXECUTE FUNCTION webhook_patient_event();
CREATE CONSTRAINT TRIGGER patients_webhook_deceased_new AFTER INSERT ON patients
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.deceased)
  EXECUTE FUNCTION webhook_patient_event();
