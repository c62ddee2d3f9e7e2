-- Up Migration

-- The newspaper channel delivers a whole issue's ads at once (a batch). Each publication remembers
-- the batch that carried it (a retry whose outcome is unknown looks for that batch's manifest at the
-- paper before sending again) and when it was handed over; `published_at` stays for the paper's
-- proof that the ad ran (the confirm route).
ALTER TABLE publications
  ADD COLUMN batch_id     uuid,
  ADD COLUMN delivered_at timestamptz;

-- The batch claim: the open newspaper publications of one issue of one paper.
CREATE INDEX publications_newspaper_issue ON publications (tenant_id, target, issue_date)
  WHERE channel = 'newspaper' AND state IN ('pending', 'scheduled', 'publishing');

-- Down Migration
DROP INDEX publications_newspaper_issue;
ALTER TABLE publications DROP COLUMN batch_id, DROP COLUMN delivered_at;
