-- Up Migration

-- A team's lead receives its escalated follow-ups and sees the team view. A team may have several
-- leads (cover for holidays); a lead is a member like any other.
ALTER TABLE team_memberships ADD COLUMN lead boolean NOT NULL DEFAULT false;

-- A follow-up overdue by more than ESCALATE_OVERDUE_AFTER_MINUTES is escalated to its team's lead.
-- Every escalation ends in one of three ways: the lead acknowledged it, the work was handed to a
-- colleague (`reassigned`), or the follow-up was closed or cancelled (`closed`).
CREATE TABLE escalations (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  follow_up_id     bigint NOT NULL REFERENCES follow_ups (id),
  -- The follow-up's team when it was escalated: whose lead answers it.
  team             text NOT NULL,
  escalated_at     timestamptz NOT NULL,
  acknowledged_by  text,
  acknowledged_at  timestamptz,
  resolved_at      timestamptz,
  resolution       text CHECK (resolution IN ('acknowledged', 'reassigned', 'closed')),
  CHECK ((resolved_at IS NULL) = (resolution IS NULL)),
  CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
);
-- One open escalation per follow-up, whichever process escalates it (the insert says ON CONFLICT).
CREATE UNIQUE INDEX escalations_one_open ON escalations (follow_up_id) WHERE resolved_at IS NULL;
CREATE INDEX escalations_open_by_team ON escalations (team, escalated_at) WHERE resolved_at IS NULL;
CREATE INDEX escalations_follow_up ON escalations (follow_up_id, id);
-- The sweep reads the active follow-ups past a due time every minute, across teams.
CREATE INDEX follow_ups_active_due ON follow_ups (due_at) WHERE status IN ('open', 'in_progress');
