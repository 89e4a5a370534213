-- Up Migration

-- Teams an admin manages (`adt team add`). Follow-ups, roster entries and team rules name a team by
-- this text; the teams already named anywhere are registered here so nothing is orphaned.
CREATE TABLE teams (
  name          text PRIMARY KEY CHECK (name <> '' AND name = btrim(name)),
  display_name  text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL DEFAULT now()
);
INSERT INTO teams (name)
  SELECT DISTINCT team FROM (
    SELECT team FROM follow_ups
    UNION SELECT team FROM team_rules
    UNION SELECT team FROM roster_entries WHERE team <> ''
    UNION SELECT team FROM users WHERE team IS NOT NULL AND team <> ''
    UNION SELECT team FROM api_tokens WHERE team IS NOT NULL AND team <> ''
  ) named
  WHERE team = btrim(team) AND team <> ''
  ON CONFLICT DO NOTHING;

-- A person may belong to several teams (a navigator covering a colleague's panel); a navigator's
-- worklist is limited to their teams.
CREATE TABLE team_memberships (
  user_id   bigint NOT NULL REFERENCES users (id),
  team      text NOT NULL REFERENCES teams (name) ON UPDATE CASCADE,
  added_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, team)
);
CREATE INDEX team_memberships_team ON team_memberships (team);
INSERT INTO team_memberships (user_id, team)
  SELECT id, team FROM users WHERE team IS NOT NULL AND team IN (SELECT name FROM teams);
-- Memberships replace the single team column.
ALTER TABLE users DROP COLUMN team;

-- Usernames are compared case-insensitively: they are stored lower-case.
UPDATE users SET username = lower(btrim(username)) WHERE username <> lower(btrim(username));

-- Sign-in bookkeeping: consecutive failures lock the account for a while (password guessing).
ALTER TABLE users
  ADD COLUMN failed_sign_ins     integer NOT NULL DEFAULT 0,
  ADD COLUMN locked_until        timestamptz,
  ADD COLUMN last_sign_in_at     timestamptz,
  ADD COLUMN password_changed_at timestamptz,
  ADD COLUMN updated_at          timestamptz NOT NULL DEFAULT now(),
  ADD CONSTRAINT users_username_lower CHECK (username = lower(btrim(username)) AND username <> '');

-- Browser sessions. Only a SHA-256 of the cookie value is kept, like API tokens. A session ends at
-- sign-out (revoked_at), after a period without use (last_seen_at), or at expires_at, whichever
-- comes first; sign-in always creates a new one (no session fixation).
CREATE TABLE sessions (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash      bytea NOT NULL UNIQUE,
  user_id         bigint NOT NULL REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_seen_at    timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL,
  revoked_at      timestamptz,
  remote_address  text,
  user_agent      text
);
CREATE INDEX sessions_user ON sessions (user_id) WHERE revoked_at IS NULL;

-- `claim`: a navigator takes a follow-up; the latest claim names who is working it.
ALTER TABLE care_actions DROP CONSTRAINT care_actions_type_check;
ALTER TABLE care_actions ADD CONSTRAINT care_actions_type_check
  CHECK (type IN ('contact_attempt', 'contact_made', 'appointment_scheduled', 'med_reconciliation',
                  'note', 'close', 'claim'));
CREATE INDEX care_actions_follow_up_type ON care_actions (follow_up_id, type, id);

-- The admin audit view filters by who and what, newest first.
CREATE INDEX audit_log_actor ON audit_log (actor, at DESC);
