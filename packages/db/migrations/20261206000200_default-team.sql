-- Up Migration

-- The team that follow-ups go to when neither the roster nor a team rule names one (unless the
-- DEFAULT_TEAM setting pins another). At most one team carries the flag; a new installation gives it
-- to the first team added, and `adt team default <team>` moves it.
ALTER TABLE teams ADD COLUMN is_default boolean NOT NULL DEFAULT false;
CREATE UNIQUE INDEX teams_one_default ON teams (is_default) WHERE is_default;

-- An installation that has already routed follow-ups sent the unassigned ones to `default`: it keeps
-- doing so (the team is registered so it can be chosen and managed). One that has teams but no
-- follow-up yet has routed nothing, so its first team takes the flag, as in a new installation.
INSERT INTO teams (name)
  SELECT 'default' WHERE EXISTS (SELECT 1 FROM follow_ups)
  ON CONFLICT DO NOTHING;
UPDATE teams SET is_default = true
 WHERE name = (
   SELECT CASE WHEN EXISTS (SELECT 1 FROM follow_ups) THEN 'default'
               ELSE (SELECT name FROM teams ORDER BY created_at, name LIMIT 1) END
 );
