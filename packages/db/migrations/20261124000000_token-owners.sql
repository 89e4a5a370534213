-- Up Migration

-- An API token acts as the user it belongs to: the role and teams are the user's, read on every
-- request, so a role change or a disabled account applies to the token at once. Tokens made before
-- carried a role and team of their own and no user; nothing records whose they were, so they are
-- revoked here and must be reissued with `adt create-token --user <username>`.
UPDATE api_tokens SET revoked_at = now() WHERE user_id IS NULL AND revoked_at IS NULL;
ALTER TABLE api_tokens
  DROP COLUMN role,
  DROP COLUMN team,
  ADD CONSTRAINT api_tokens_live_have_user CHECK (user_id IS NOT NULL OR revoked_at IS NOT NULL);
CREATE INDEX api_tokens_user ON api_tokens (user_id) WHERE revoked_at IS NULL;
