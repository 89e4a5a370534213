-- Up Migration

-- People who sign in with the identity provider (OIDC). The provider's issuer and subject (`sub`)
-- never change for a person, unlike their email or username there: after the first sign-in, that
-- pair finds their account.
CREATE TABLE user_identities (
  issuer           text NOT NULL,
  subject          text NOT NULL,
  user_id          bigint NOT NULL REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX user_identities_user ON user_identities (user_id);

-- Sign-ins sent to the identity provider and not yet back: the state, nonce and PKCE verifier the
-- callback checks. The browser holds a random value in a cookie; only its SHA-256 is kept here. Each
-- row is used once and lives a few minutes.
CREATE TABLE oidc_sign_in_attempts (
  token_hash     bytea PRIMARY KEY,
  state          text NOT NULL,
  nonce          text NOT NULL,
  code_verifier  text NOT NULL,
  next_page      text,
  expires_at     timestamptz NOT NULL
);
CREATE INDEX oidc_sign_in_attempts_expires ON oidc_sign_in_attempts (expires_at);
