-- Up Migration

-- Where an alert about a user's notice is e-mailed (besides the municipality's alert address).
ALTER TABLE users ADD COLUMN email text;

-- One row per problem the deadline watch found (src/alerts/): a notice at risk of missing its legal
-- moment, a newspaper ad without proof, a paused channel with notices waiting, a failed publication.
-- `key` names the problem within the tenant (e.g. `deadline:<notice id>`, `paused:facebook`); while
-- the problem lasts there is one open row for it, so the watch never raises it twice. `facts` is what
-- the watch last saw (the deadline, the channel's own words, what to do).
CREATE TABLE alerts (
  id                uuid PRIMARY KEY,
  tenant_id         uuid NOT NULL REFERENCES tenants (id),
  key               text NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('deadline', 'newspaper-unconfirmed', 'channel-paused', 'publication-failed')),
  channel           text,
  facts             jsonb NOT NULL,
  -- Who is e-mailed: the tenant's alert address and the submitters of the notices concerned.
  recipients        text[] NOT NULL DEFAULT '{}',
  opened_at         timestamptz NOT NULL,
  last_notified_at  timestamptz NOT NULL,
  reminders         integer NOT NULL DEFAULT 0,
  resolved_at       timestamptz
);
CREATE UNIQUE INDEX alerts_one_open ON alerts (tenant_id, key) WHERE resolved_at IS NULL;

-- The notices an alert concerns (a paused channel names every notice waiting on it).
CREATE TABLE alert_notices (
  alert_id   uuid NOT NULL REFERENCES alerts (id),
  notice_id  uuid NOT NULL REFERENCES notices (id),
  PRIMARY KEY (alert_id, notice_id)
);
CREATE INDEX alert_notices_notice ON alert_notices (notice_id);

-- Each message about an alert (`opened`, `reminder`, `resolved`) as rendered in the tenant's language,
-- and its delivery by e-mail and by webhook. A delivery is `pending` until sent (retried with backoff)
-- or `failed` for good; the watch re-enqueues pending deliveries Redis may have lost.
CREATE TABLE alert_messages (
  id          uuid PRIMARY KEY,
  alert_id    uuid NOT NULL REFERENCES alerts (id),
  phase       text NOT NULL CHECK (phase IN ('opened', 'reminder', 'resolved')),
  content     jsonb NOT NULL,
  created_at  timestamptz NOT NULL
);
CREATE INDEX alert_messages_alert ON alert_messages (alert_id);

CREATE TABLE alert_deliveries (
  id          uuid PRIMARY KEY,
  message_id  uuid NOT NULL REFERENCES alert_messages (id),
  transport   text NOT NULL CHECK (transport IN ('email', 'webhook')),
  state       text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
  attempts    integer NOT NULL DEFAULT 0,
  last_error  text,
  created_at  timestamptz NOT NULL,
  sent_at     timestamptz,
  UNIQUE (message_id, transport)
);
CREATE INDEX alert_deliveries_pending ON alert_deliveries (created_at) WHERE state = 'pending';

-- Down Migration
DROP TABLE alert_deliveries;
DROP TABLE alert_messages;
DROP TABLE alert_notices;
DROP TABLE alerts;
ALTER TABLE users DROP COLUMN email;
