/**
 * How archive records become Noark 5 journal units, one rule shared by the public journal and the
 * export so both give the same numbers:
 * - a journalpost is one post on one channel (notice, channel, newspaper) in one local year, every
 *   version and event of it included; a harvested comment is a journalpost of its own (incoming);
 * - journalsekvensnummer counts journalposts of the year in chain order of their first record;
 * - sakssekvensnummer counts notices (saksmapper) of the year the same way.
 * Numbers only depend on records before them in the chain, so they never change once given.
 *
 * The CTE below takes $1 tenant id, $2 start of the first year involved, $3 end (exclusive), $4 the
 * tenant's IANA zone; it yields `yr` (the records, with `year` and `jp_key`), `posts` and `cases`.
 */
export const NUMBERING_CTE = `
yr AS (
  SELECT r.id, r.seq, r.recorded_at, r.notice_id, r.notice_version, r.channel, r.event, r.receipt,
         COALESCE(p.target, '') AS target,
         extract(year FROM r.recorded_at AT TIME ZONE $4)::int AS year,
         CASE WHEN r.event = 'comment' THEN 'comment:' || r.id
              ELSE r.notice_id::text || ':' || COALESCE(r.channel, '') || ':' || COALESCE(p.target, '') END AS jp_key
    FROM archive_records r
    LEFT JOIN publications p ON p.id = r.publication_id
   WHERE r.tenant_id = $1 AND r.seq IS NOT NULL AND r.notice_id IS NOT NULL
     AND r.recorded_at >= $2 AND r.recorded_at < $3
), posts AS (
  SELECT year, jp_key, min(seq) AS first_seq, min(recorded_at) AS first_at,
         row_number() OVER (PARTITION BY year ORDER BY min(seq))::int AS number
    FROM yr GROUP BY year, jp_key
), cases AS (
  SELECT year, notice_id, min(seq) AS first_seq, min(recorded_at) AS first_at,
         row_number() OVER (PARTITION BY year ORDER BY min(seq))::int AS number
    FROM yr GROUP BY year, notice_id
)`;
