import type pg from 'pg';
import { casesOf, NUMBERED_RECORDS, postsOf } from '../journal/numbering.ts';
import type { ExportPeriod } from './period.ts';

/**
 * The export's working set, built once inside its transaction (REPEATABLE READ: every file of the
 * package sees the same archive) as temporary tables without content bytes:
 * - x_rec: every sealed record of a notice in the period, with its journalpost and case numbers
 *   (numbered from the start of the year, as the public journal numbers them);
 * - x_jp: one row per journalpost; x_case: one row per saksmappe;
 * - x_other: sealed records of no notice (daily seals, newspaper batch manifests).
 */
export async function buildWorkingSet(client: pg.PoolClient, tenantId: string, zone: string, period: ExportPeriod): Promise<void> {
  const from = period.from.toJSDate();
  const to = period.to.toJSDate();
  const numbering = [tenantId, period.from.startOf('year').toJSDate(), to, zone];
  // Step by step, each table analysed before the next joins it: the planner then knows their sizes.
  await client.query(`CREATE TEMP TABLE x_yr ON COMMIT DROP AS ${NUMBERED_RECORDS}`, numbering);
  await client.query('ANALYZE x_yr');
  await client.query(`CREATE TEMP TABLE x_posts ON COMMIT DROP AS ${postsOf('x_yr')}`);
  await client.query(`CREATE TEMP TABLE x_cases ON COMMIT DROP AS ${casesOf('x_yr')}`);
  await client.query('ANALYZE x_posts; ANALYZE x_cases');
  await client.query(
    `CREATE TEMP TABLE x_rec ON COMMIT DROP AS
     SELECT y.id, y.seq, y.recorded_at, y.notice_id, y.notice_version, y.channel, y.event, y.target, y.jp_key, y.receipt,
            p.number AS jp_number, p.first_at AS jp_first_at, c.number AS case_number,
            r.publication_id, r.content_type, r.content_sha256, octet_length(r.content) AS content_length, r.sealed_at,
            v.content ->> 'title' AS version_title, v.content ->> 'language' AS language
       FROM x_yr y
       JOIN x_posts p ON p.year = y.year AND p.jp_key = y.jp_key
       JOIN x_cases c ON c.year = y.year AND c.notice_id = y.notice_id
       JOIN archive_records r ON r.id = y.id
       LEFT JOIN notice_versions v ON v.notice_id = y.notice_id AND v.version = y.notice_version
      WHERE y.recorded_at >= $1`,
    [from],
  );
  await client.query(
    `CREATE TEMP TABLE x_jp ON COMMIT DROP AS
     SELECT x.jp_number, min(x.jp_key) AS jp_key, min(x.case_number) AS case_number, min(x.notice_id::text)::uuid AS notice_id,
            min(x.channel) AS channel, min(x.target) AS target, bool_or(x.event = 'comment') AS is_comment,
            min(x.jp_first_at) AS first_at, min(x.sealed_at) AS archived_at,
            min(x.recorded_at) FILTER (WHERE x.event IN ('published', 'delivered')) AS sent_at,
            (array_agg(x.version_title ORDER BY x.notice_version DESC))[1] AS title,
            min(x.id) FILTER (WHERE x.event = 'comment') AS comment_record_id,
            row_number() OVER (PARTITION BY min(x.case_number) ORDER BY x.jp_number)::int AS number_in_case
       FROM x_rec x GROUP BY x.jp_number`,
  );
  await client.query(
    `CREATE TEMP TABLE x_case ON COMMIT DROP AS
     SELECT x.case_number, x.notice_id, n.type, n.created_at, u.name AS submitter,
            (n.withdrawn_at IS NOT NULL AND n.withdrawn_at < $1) AS withdrawn,
            min(x.recorded_at) AS first_at, max(x.recorded_at) AS last_at, max(x.notice_version) AS version
       FROM x_rec x JOIN notices n ON n.id = x.notice_id JOIN users u ON u.id = n.submitted_by
      GROUP BY x.case_number, x.notice_id, n.type, n.created_at, n.withdrawn_at, u.name`,
    [to],
  );
  await client.query(
    `CREATE TEMP TABLE x_other ON COMMIT DROP AS
     SELECT id, seq, recorded_at, event, channel, content_type, content_sha256, octet_length(content) AS content_length, sealed_at, receipt
       FROM archive_records
      WHERE tenant_id = $1 AND seq IS NOT NULL AND notice_id IS NULL AND recorded_at >= $2 AND recorded_at < $3`,
    [tenantId, from, to],
  );
  await client.query('ANALYZE x_rec; ANALYZE x_jp; ANALYZE x_case; ANALYZE x_other');
}

/** Walks a query in pages through a server-side cursor of the transaction: memory holds one page. */
export async function* cursorRows<T>(client: pg.PoolClient, name: string, sql: string, params: unknown[] = [], pageSize = 500): AsyncGenerator<T> {
  await client.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params);
  try {
    for (;;) {
      const { rows } = await client.query<T & object>(`FETCH ${pageSize} FROM ${name}`);
      yield* rows;
      if (rows.length < pageSize) return;
    }
  } finally {
    await client.query(`CLOSE ${name}`);
  }
}

export interface WorkingSetCounts {
  records: number;
  journalposts: number;
  cases: number;
  others: number;
}

export async function workingSetCounts(client: pg.PoolClient): Promise<WorkingSetCounts> {
  const { rows } = await client.query<WorkingSetCounts>(
    `SELECT (SELECT count(*) FROM x_rec)::int AS records, (SELECT count(*) FROM x_jp)::int AS journalposts,
            (SELECT count(*) FROM x_case)::int AS cases, (SELECT count(*) FROM x_other)::int AS others`,
  );
  const counts = rows[0];
  if (!counts) throw new Error('no counts');
  return counts;
}
