-- Up Migration

-- publications (notice_id, notice_version, channel, target) is unique and starts with notice_id, so
-- it serves every look-up by notice; the index on notice_id alone was one more entry to write each
-- time a publication moves (three times per publication on its way out), and never read.
DROP INDEX publications_notice;

-- Down Migration
CREATE INDEX publications_notice ON publications (notice_id);
