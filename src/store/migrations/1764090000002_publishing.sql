-- Up Migration

-- What the state machine of principle 2 needs on each publication: when the current attempt started
-- (a retry looks for that attempt's post from here), how long its worker holds it (a dead worker's
-- lease runs out and another may take over), and when it went out or was taken down.
ALTER TABLE publications
  ADD COLUMN attempt_started_at timestamptz,
  ADD COLUMN lease_until        timestamptz,
  ADD COLUMN published_at       timestamptz,
  ADD COLUMN withdrawn_at       timestamptz;

ALTER TABLE notices
  ADD COLUMN approved_at       timestamptz,
  ADD COLUMN withdrawn_at      timestamptz,
  ADD COLUMN withdrawal_reason text;

-- The reconciler's scan: everything not yet finished.
CREATE INDEX publications_open ON publications (tenant_id, scheduled_at)
  WHERE state IN ('pending', 'scheduled', 'publishing');

-- Down Migration
DROP INDEX publications_open;
ALTER TABLE notices DROP COLUMN approved_at, DROP COLUMN withdrawn_at, DROP COLUMN withdrawal_reason;
ALTER TABLE publications DROP COLUMN attempt_started_at, DROP COLUMN lease_until, DROP COLUMN published_at, DROP COLUMN withdrawn_at;
