-- Up Migration

-- Web app accounts (issue 9). A user signs in with a login e-mail and a password (scrypt, in PHC-like
-- text: never the password itself), or through the tenant's OpenID provider (issuer + subject).
-- The login e-mail is unique across tenants, because the sign-in form does not ask for a tenant.
ALTER TABLE users
  ADD COLUMN login_email   text,
  ADD COLUMN password_hash text,
  ADD COLUMN oidc_issuer   text,
  ADD COLUMN oidc_subject  text,
  ADD COLUMN language      text CHECK (language IN ('nb', 'nn', 'en')),
  ADD COLUMN disabled_at   timestamptz;
CREATE UNIQUE INDEX users_login_email ON users (lower(login_email)) WHERE login_email IS NOT NULL;
CREATE UNIQUE INDEX users_oidc_subject ON users (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;

-- Server-side sessions. Only the SHA-256 of the session id (256 random bits in the cookie) is kept,
-- so a copy of this table signs nobody in. A session ends at expires_at (absolute) or when it has
-- not been seen for the idle limit (last_seen_at, refreshed at most once a minute).
CREATE TABLE web_sessions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  id_hash       bytea NOT NULL UNIQUE,
  user_id       uuid NOT NULL REFERENCES users (id),
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL
);
CREATE INDEX web_sessions_user ON web_sessions (user_id);
CREATE INDEX web_sessions_expires ON web_sessions (expires_at);

-- Down Migration
DROP TABLE web_sessions;
DROP INDEX users_oidc_subject;
DROP INDEX users_login_email;
ALTER TABLE users DROP COLUMN disabled_at, DROP COLUMN language, DROP COLUMN oidc_subject,
  DROP COLUMN oidc_issuer, DROP COLUMN password_hash, DROP COLUMN login_email;
