-- Up Migration

-- Archived artifacts (pages, posts, ads) are compressed inline by PostgreSQL. lz4 compresses a page
-- in about a third of pglz's time and reads it back faster still (verify and export read every
-- record), at much the same size. Rows written before keep pglz; both read alike. A server built
-- without lz4 keeps pglz: the same bytes, only slower.
DO $$
BEGIN
  ALTER TABLE archive_records ALTER COLUMN content SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'this PostgreSQL has no lz4: archive content stays compressed with pglz';
END;
$$;

-- Down Migration
ALTER TABLE archive_records ALTER COLUMN content SET COMPRESSION pglz;
