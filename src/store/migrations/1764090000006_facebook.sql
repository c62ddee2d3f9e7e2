-- Up Migration

-- Each municipality's Facebook Page as Herald holds it: the Page token, encrypted (AES-256-GCM under
-- HERALD_SECRET_KEY, src/secrets/secret-box.ts; never the token itself), whether Facebook still
-- accepts it, and whether Facebook's rate limits make the Page wait. Every worker process reads the
-- same row, so a pause or a refused token stops every call for that Page, and only that Page.
CREATE TABLE facebook_pages (
  tenant_id         uuid PRIMARY KEY REFERENCES tenants (id),
  -- The Page the token is for; a tenant file naming another Page makes the token unusable.
  page_id           text NOT NULL,
  token_sealed      bytea NOT NULL,
  -- Which key sealed it (a fingerprint, not the key), so a changed HERALD_SECRET_KEY is named as such.
  token_key_id      text NOT NULL,
  -- Bumped by every new token: a refusal of an old token never marks a newer one.
  token_version     integer NOT NULL DEFAULT 1,
  token_set_at      timestamptz NOT NULL DEFAULT now(),
  token_status      text NOT NULL DEFAULT 'ok' CHECK (token_status IN ('ok', 'refused')),
  -- Facebook's refusal (code, subcode, message, what to do), or the daily check's warning.
  token_problem     jsonb,
  token_expires_at  timestamptz,
  token_checked_at  timestamptz,
  paused_until      timestamptz,
  pause_reason      jsonb,
  updated_at        timestamptz NOT NULL DEFAULT now()
);

-- Comments harvested from a Page post, once each: the archive record holds the comment itself.
CREATE TABLE facebook_comments (
  publication_id  uuid NOT NULL REFERENCES publications (id),
  comment_id      text NOT NULL,
  tenant_id       uuid NOT NULL REFERENCES tenants (id),
  harvested_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (publication_id, comment_id)
);

-- The harvester's scan: Facebook posts that are out.
CREATE INDEX publications_facebook_out ON publications (published_at)
  WHERE channel = 'facebook' AND state = 'published';

-- Down Migration
DROP INDEX publications_facebook_out;
DROP TABLE facebook_comments;
DROP TABLE facebook_pages;
