-- Up Migration

-- An API token acts as the user it belongs to: the role and teams are the user's, read on every
-- request, so a role change or a disabled account applies to the token at once. Tokens made before
-- carried a role and team of their own, and `create-token` never recorded a user: nothing says whose
-- they were, so they are revoked and must be reissued with `adt create-token --user <username>`. A
-- token that was tied to a user by hand keeps working only if acting as that user gains it nothing:
-- the same role, and no team beyond the token's own.
UPDATE api_tokens t SET revoked_at = now()
 WHERE t.revoked_at IS NULL
   AND NOT EXISTS (
     SELECT 1 FROM users u
      WHERE u.id = t.user_id AND u.disabled_at IS NULL AND u.role = t.role
        AND NOT EXISTS (SELECT 1 FROM team_memberships m
                         WHERE m.user_id = u.id AND m.team IS DISTINCT FROM t.team));
ALTER TABLE api_tokens
  DROP COLUMN role,
  DROP COLUMN team,
  ADD CONSTRAINT api_tokens_live_have_user CHECK (user_id IS NOT NULL OR revoked_at IS NOT NULL);
CREATE INDEX api_tokens_user ON api_tokens (user_id) WHERE revoked_at IS NULL;
