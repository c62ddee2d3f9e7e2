-- Up Migration

-- The chain hashes recorded_at as ISO 8601 UTC with milliseconds (what a JavaScript Date and an
-- archivist's tools carry). Storing it at exactly that precision keeps the stored value identical to
-- the hashed one, so no sub-millisecond digit can change unnoticed. Values are rounded on the way in,
-- whoever inserts. No record was sealed before this migration, so the rewrite breaks no chain.
ALTER TABLE archive_records ALTER COLUMN recorded_at TYPE timestamptz(3);

-- Down Migration
ALTER TABLE archive_records ALTER COLUMN recorded_at TYPE timestamptz;
