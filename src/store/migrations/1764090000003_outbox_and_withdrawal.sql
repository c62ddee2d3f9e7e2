-- Up Migration

-- The outbox relay's scan: committed, not yet handed to the queues.
CREATE INDEX IF NOT EXISTS publications_pending ON publications (scheduled_at) WHERE state = 'pending';

-- `withdrawing`: out on the channel, to be taken down by a worker (then `withdrawn`).
ALTER TABLE publications DROP CONSTRAINT publications_state_check,
  ADD CONSTRAINT publications_state_check CHECK (state IN
    ('pending', 'scheduled', 'publishing', 'delivered', 'published', 'withdrawing', 'withdrawn', 'failed', 'superseded'));

-- Down Migration
ALTER TABLE publications DROP CONSTRAINT publications_state_check,
  ADD CONSTRAINT publications_state_check CHECK (state IN
    ('pending', 'scheduled', 'publishing', 'delivered', 'published', 'failed', 'withdrawn', 'superseded'));
DROP INDEX publications_pending;
