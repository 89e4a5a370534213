-- Up Migration

-- What a navigator needs for a call, as the messages said it. Each value comes from the newest
-- message that sent it: a message at or after `context_at` replaces what it sends (what it leaves
-- empty keeps the stored value, as demographics do); an older one only fills what is still empty.
-- Patient-level context (PID-11/13/14/15, NK1, PD1-4, IN1) is also sent by A28/A31.
CREATE TABLE patient_contexts (
  patient_id             bigint PRIMARY KEY REFERENCES patients (id),
  -- PID-13 then PID-14 repetitions: [{ number, use, equipment, field }].
  phones                 jsonb NOT NULL DEFAULT '[]',
  -- NK1: [{ name, relationship, phones }].
  contacts               jsonb NOT NULL DEFAULT '[]',
  -- PID-15 { code, text, codingSystem }.
  language               jsonb,
  -- PID-11, the home repetition when marked.
  address                jsonb,
  -- PD1-4; the roster's PCP, when it names one, is shown instead.
  primary_care_provider  jsonb,
  -- IN1 segments in message order: [{ planId, planName, companyName, policyNumber, groupNumber }].
  coverages              jsonb NOT NULL DEFAULT '[]',
  context_at             timestamptz NOT NULL,
  updated_at             timestamptz NOT NULL DEFAULT now()
);

-- Encounter-level context: PV2-3, the admitting (DG1-6 = A) diagnoses and PV1-7.
CREATE TABLE encounter_contexts (
  encounter_id         bigint PRIMARY KEY REFERENCES encounters (id),
  reason_for_visit     jsonb,
  admitting_diagnoses  jsonb NOT NULL DEFAULT '[]',
  attending            jsonb,
  context_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL DEFAULT now()
);

-- Names people know a sending facility (MSH-4) by; a facility without one shows its code.
CREATE TABLE facilities (
  code          text PRIMARY KEY CHECK (code <> ''),
  display_name  text NOT NULL CHECK (btrim(display_name) <> ''),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
