/**
 * How archive records become Noark 5 journal units, one rule shared by the public journal and the
 * export so both give the same numbers:
 * - a journalpost is one post on one channel (notice, channel, newspaper) in one local year, every
 *   version and event of it included; a harvested comment is a journalpost of its own (incoming);
 * - journalsekvensnummer counts journalposts of the year in chain order of their first record;
 * - sakssekvensnummer counts notices (saksmapper) of the year the same way.
 * Numbers only depend on records before them in the chain, so they never change once given.
 *
 * The queries below take $1 tenant id, $2 start of the first year involved, $3 end (exclusive), $4
 * the tenant's IANA zone. NUMBERING_CTE yields `yr` (the records, with `year` and `jp_key`), `posts`
 * and `cases`; the export builds the same three as analysed temporary tables instead (a year of
 * records estimated from stale statistics sent the CTE joins into nested loops: 18 minutes for
 * 100,000 records).
 */
/** The tenant's sealed records of notices in the period, with their local `year` and `jp_key`. */
export const NUMBERED_RECORDS = `
  SELECT r.id, r.seq, r.recorded_at, r.notice_id, r.notice_version, r.channel, r.event, r.receipt,
         COALESCE(p.target, '') AS target,
         extract(year FROM r.recorded_at AT TIME ZONE $4)::int AS year,
         CASE WHEN r.event = 'comment' THEN 'comment:' || r.id
              ELSE r.notice_id::text || ':' || COALESCE(r.channel, '') || ':' || COALESCE(p.target, '') END AS jp_key
    FROM archive_records r
    LEFT JOIN publications p ON p.id = r.publication_id
   WHERE r.tenant_id = $1 AND r.seq IS NOT NULL AND r.notice_id IS NOT NULL
     AND r.recorded_at >= $2 AND r.recorded_at < $3`;

/** Journalposts of `records` (rows of NUMBERED_RECORDS), numbered per year in chain order. */
export const postsOf = (records: string): string => `
  SELECT year, jp_key, min(seq) AS first_seq, min(recorded_at) AS first_at,
         row_number() OVER (PARTITION BY year ORDER BY min(seq))::int AS number
    FROM ${records} GROUP BY year, jp_key`;

/** Cases (saksmapper) of `records`, numbered per year in chain order. */
export const casesOf = (records: string): string => `
  SELECT year, notice_id, min(seq) AS first_seq, min(recorded_at) AS first_at,
         row_number() OVER (PARTITION BY year ORDER BY min(seq))::int AS number
    FROM ${records} GROUP BY year, notice_id`;

export const NUMBERING_CTE = `
yr AS (${NUMBERED_RECORDS}
), posts AS (${postsOf('yr')}
), cases AS (${casesOf('yr')}
)`;
