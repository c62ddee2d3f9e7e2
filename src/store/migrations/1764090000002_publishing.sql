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

ALTER TABLE notice_versions
  ADD COLUMN reason text;

-- `withdrawing`: out on the channel, to be taken down by a worker (then `withdrawn`).
ALTER TABLE publications DROP CONSTRAINT publications_state_check,
  ADD CONSTRAINT publications_state_check CHECK (state IN
    ('pending', 'scheduled', 'publishing', 'delivered', 'published', 'withdrawing', 'withdrawn', 'failed', 'superseded'));

-- The reconciler's scan: everything not yet finished.
CREATE INDEX publications_open ON publications (tenant_id, scheduled_at)
  WHERE state IN ('pending', 'scheduled', 'publishing');

-- The outbox relay's scan: committed, not yet handed to the queues.
CREATE INDEX publications_pending ON publications (scheduled_at) WHERE state = 'pending';

-- Down Migration
DROP INDEX publications_pending;
DROP INDEX publications_open;
ALTER TABLE notice_versions DROP COLUMN reason;
ALTER TABLE notices DROP COLUMN approved_at, DROP COLUMN withdrawn_at, DROP COLUMN withdrawal_reason;
ALTER TABLE publications DROP COLUMN attempt_started_at, DROP COLUMN lease_until, DROP COLUMN published_at, DROP COLUMN withdrawn_at;
