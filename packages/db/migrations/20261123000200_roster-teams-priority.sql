-- Up Migration

-- The practice's attributed-patient roster (`adt roster import`). An entry names a patient by an
-- identifier and its assigning authority, the same namespace the worker keys patients by (PID-3.4,
-- else the sending facility). Entries left out of a `--replace` import are kept with `removed_at`
-- set, so who was enrolled when stays answerable.
CREATE TABLE roster_entries (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  identifier          text NOT NULL,
  assigning_authority text NOT NULL,
  family_name         text NOT NULL DEFAULT '',
  given_name          text NOT NULL DEFAULT '',
  birth_date          date,
  sex                 text NOT NULL DEFAULT '',
  -- Empty: the team rules and then the default team choose.
  team                text NOT NULL DEFAULT '',
  pcp                 text NOT NULL DEFAULT '',
  enrolled_at         timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  removed_at          timestamptz,
  UNIQUE (assigning_authority, identifier)
);
CREATE INDEX roster_entries_active ON roster_entries (assigning_authority, identifier) WHERE removed_at IS NULL;

-- Which stored patient each active roster entry is, through any of the patient's identifiers.
CREATE VIEW roster_enrollments AS
  SELECT DISTINCT ON (known.patient_id) known.patient_id, r.id AS roster_entry_id, r.team, r.pcp
    FROM (
      SELECT id AS patient_id, assigning_authority, mrn AS identifier FROM patients
      UNION
      SELECT patient_id, assigning_authority, identifier FROM patient_identifiers
    ) known
    JOIN roster_entries r
      ON r.assigning_authority = known.assigning_authority AND r.identifier = known.identifier
   WHERE r.removed_at IS NULL
   ORDER BY known.patient_id, r.id;

-- Patients with ADT events but not on the roster, while a roster is loaded: their events are stored
-- and applied, but they get no follow-ups. Empty when no roster is loaded (everyone is routed).
CREATE VIEW unattributed_patients AS
  SELECT p.id AS patient_id, p.mrn, p.assigning_authority, p.family_name, p.given_name,
         p.birth_date, p.sex,
         (SELECT count(*) FROM encounters e WHERE e.patient_id = p.id) AS encounter_count,
         (SELECT max(e.last_event_at) FROM encounters e WHERE e.patient_id = p.id) AS last_event_at
    FROM patients p
   WHERE p.merged_into IS NULL
     AND EXISTS (SELECT 1 FROM roster_entries r WHERE r.removed_at IS NULL)
     AND NOT EXISTS (SELECT 1 FROM roster_enrollments re WHERE re.patient_id = p.id);

-- Team routing rules: a null match column is a wildcard; lower priority is tried first, then the
-- older rule. The first match names the team when the roster does not.
CREATE TABLE team_rules (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  facility       text,
  kind           text CHECK (kind IN ('discharge', 'ed_visit')),
  patient_class  text,
  team           text NOT NULL CHECK (team <> ''),
  priority       integer NOT NULL DEFAULT 100,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- Readmission risk: the LACE score and the reasons a follow-up is high risk. Null for follow-ups
-- created before risk was scored.
ALTER TABLE follow_ups
  ADD COLUMN risk_score integer CHECK (risk_score BETWEEN 0 AND 19),
  ADD COLUMN risk_flags text[] NOT NULL DEFAULT '{}'
    CHECK (risk_flags <@ ARRAY['lace_high', 'ama', 'frequent_ed']::text[]);
