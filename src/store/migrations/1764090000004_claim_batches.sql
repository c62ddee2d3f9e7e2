-- Up Migration

-- A job's claim takes along the oldest due publications of its channel that have a job waiting
-- (src/store/publications.ts, CLAIM_BATCH): an ordered scan that stops at the batch size, where the
-- (state, scheduled_at) index made the planner read and sort every due row first.
CREATE INDEX IF NOT EXISTS publications_due_by_channel ON publications (channel, scheduled_at) WHERE state = 'scheduled';

-- Down Migration
DROP INDEX publications_due_by_channel;
