-- Up Migration

-- Failed sign-ins per username (as typed, normalised) and client address. Lockout is per pair:
-- guessing from one address locks that address out of that username, never the account's owner
-- elsewhere, so nobody can keep an account locked from afar. Unknown usernames are counted and
-- locked the same way, so the answers never tell which usernames exist. The account-wide columns
-- users.failed_sign_ins and users.locked_until are no longer read.
CREATE TABLE sign_in_failures (
  username        text NOT NULL,
  remote_address  text NOT NULL,
  failures        integer NOT NULL,
  locked_until    timestamptz,
  last_failed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (username, remote_address)
);
CREATE INDEX sign_in_failures_last_failed ON sign_in_failures (last_failed_at);
