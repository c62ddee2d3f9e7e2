-- Up Migration

-- Municipalities. The YAML files in config/tenants are the source; rows are synced at start-up so
-- every other table can reference a tenant.
CREATE TABLE tenants (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug        text NOT NULL UNIQUE,
  name        text NOT NULL,
  organisation_number text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES tenants (id),
  name        text NOT NULL,
  role        text NOT NULL CHECK (role IN ('hr', 'communications', 'archivist', 'admin')),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_tenant ON users (tenant_id);

-- API keys are stored only as SHA-256 of the key (keys are 256-bit random, so a fast hash is enough);
-- `prefix` is the non-secret start shown by `keys list`.
CREATE TABLE api_keys (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES tenants (id),
  user_id     uuid NOT NULL REFERENCES users (id),
  prefix      text NOT NULL,
  key_hash    bytea NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id);

CREATE TABLE notices (
  id              uuid PRIMARY KEY,
  tenant_id       uuid NOT NULL REFERENCES tenants (id),
  type            text NOT NULL,
  status          text NOT NULL CHECK (status IN ('awaiting_approval', 'scheduled', 'published', 'withdrawn')),
  current_version integer NOT NULL,
  -- When the notice first becomes public (earliest planned publication): what list filters use.
  publish_at      timestamptz NOT NULL,
  submitted_by    uuid NOT NULL REFERENCES users (id),
  approved_by     uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notices_tenant_publish ON notices (tenant_id, publish_at, id);
CREATE INDEX notices_tenant_created ON notices (tenant_id, created_at, id);

-- Every version of a notice, exactly as submitted, with the rule-file version it passed.
CREATE TABLE notice_versions (
  notice_id     uuid NOT NULL REFERENCES notices (id),
  version       integer NOT NULL,
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  content       jsonb NOT NULL,
  rule_version  text NOT NULL,
  warnings      jsonb NOT NULL DEFAULT '[]',
  created_by    uuid NOT NULL REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (notice_id, version)
);

-- One row per notice version, channel and target (a newspaper); the state machine of principle 2.
CREATE TABLE publications (
  id              uuid PRIMARY KEY,
  tenant_id       uuid NOT NULL REFERENCES tenants (id),
  notice_id       uuid NOT NULL REFERENCES notices (id),
  notice_version  integer NOT NULL,
  channel         text NOT NULL CHECK (channel IN ('website', 'newspaper', 'facebook')),
  target          text NOT NULL DEFAULT '',
  state           text NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'scheduled', 'publishing', 'delivered', 'published', 'failed', 'withdrawn', 'superseded')),
  scheduled_at    timestamptz NOT NULL,
  appears_at      timestamptz NOT NULL,
  issue_date      date,
  attempts        integer NOT NULL DEFAULT 0,
  external_id     text,
  external_url    text,
  last_error      jsonb,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (notice_id, notice_version) REFERENCES notice_versions (notice_id, version),
  UNIQUE (notice_id, notice_version, channel, target)
);
CREATE INDEX publications_due ON publications (state, scheduled_at);
CREATE INDEX publications_notice ON publications (notice_id);

-- A retried POST with the same Idempotency-Key gets the first answer for 24 hours.
CREATE TABLE idempotency_keys (
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  key           text NOT NULL,
  request_hash  bytea NOT NULL,
  status_code   integer NOT NULL,
  response      jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, key)
);

-- The archive (principle 3). Workers only INSERT; a sealer later fills seq, prev_hash, hash and
-- sealed_at, once, in the tenant's chain. Everything else is immutable, enforced below.
CREATE TABLE archive_records (
  id              bigserial PRIMARY KEY,
  tenant_id       uuid NOT NULL REFERENCES tenants (id),
  notice_id       uuid,
  notice_version  integer,
  publication_id  uuid,
  channel         text,
  event           text NOT NULL,
  content         bytea NOT NULL,
  content_type    text NOT NULL,
  content_sha256  bytea NOT NULL,
  rule_version    text,
  receipt         jsonb,
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  seq             bigint,
  prev_hash       bytea,
  hash            bytea,
  sealed_at       timestamptz,
  UNIQUE (tenant_id, seq)
);
CREATE INDEX archive_unsealed ON archive_records (tenant_id, id) WHERE seq IS NULL;

CREATE FUNCTION archive_records_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    -- Sealing is the only change allowed: seal columns go from NULL to set, nothing else moves.
    IF OLD.seq IS NULL AND NEW.seq IS NOT NULL AND NEW.hash IS NOT NULL AND NEW.sealed_at IS NOT NULL
       AND (NEW.id, NEW.tenant_id, NEW.notice_id, NEW.notice_version, NEW.publication_id, NEW.channel,
            NEW.event, NEW.content, NEW.content_type, NEW.content_sha256, NEW.rule_version,
            NEW.receipt, NEW.recorded_at)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.tenant_id, OLD.notice_id, OLD.notice_version, OLD.publication_id, OLD.channel,
            OLD.event, OLD.content, OLD.content_type, OLD.content_sha256, OLD.rule_version,
            OLD.receipt, OLD.recorded_at)
    THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'archive_records is append-only: record % may not be updated', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RAISE EXCEPTION 'archive_records is append-only: % is refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER archive_records_no_update BEFORE UPDATE ON archive_records
  FOR EACH ROW EXECUTE FUNCTION archive_records_guard();
CREATE TRIGGER archive_records_no_delete BEFORE DELETE ON archive_records
  FOR EACH ROW EXECUTE FUNCTION archive_records_guard();
CREATE TRIGGER archive_records_no_truncate BEFORE TRUNCATE ON archive_records
  FOR EACH STATEMENT EXECUTE FUNCTION archive_records_guard();

-- Down Migration
-- The archive is never dropped by a migration: a down migration would destroy the legal record.
