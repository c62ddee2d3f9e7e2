import type pg from 'pg';
import type { NoticeInput } from '../../notices/types.ts';
import { NUMBERING_CTE } from './numbering.ts';

/** One journalpost of the journal, as stored: not screened yet. */
export interface JournalRow {
  year: number;
  number: number;
  caseNumber: number;
  kind: 'post' | 'comment';
  noticeId: string;
  noticeType: string;
  /** The latest version of the notice this post carried. */
  noticeVersion: number;
  content: NoticeInput;
  channel: string | null;
  target: string;
  firstAt: Date;
  publishedAt: Date | null;
  deliveredAt: Date | null;
  withdrawnAt: Date | null;
  url: string | null;
  issueDate: string | null;
  /** For a comment: its receipt (the comment's id, time, what of it is screenable). */
  commentReceipt: Record<string, unknown> | null;
}

/**
 * The journalposts whose journal date (first record, in the tenant's zone) falls in [from, to), in
 * journal-number order per year. `yearStart` is the start of the local year of `from`: numbers
 * count from there.
 */
export async function journalRows(pool: pg.Pool, tenantId: string, zone: string, period: { yearStart: Date; from: Date; to: Date }): Promise<JournalRow[]> {
  const { rows } = await pool.query<JournalRow>({
    name: 'journal-rows',
    text: `WITH ${NUMBERING_CTE},
      chosen AS (SELECT * FROM posts WHERE first_at >= $5 AND first_at < $3),
      facts AS (
        SELECT y.year, y.jp_key,
               min(y.notice_id::text)::uuid AS notice_id,
               max(y.notice_version) AS notice_version,
               min(y.channel) AS channel, min(y.target) AS target,
               bool_or(y.event = 'comment') AS is_comment,
               min(y.recorded_at) FILTER (WHERE y.event = 'published') AS published_at,
               min(y.recorded_at) FILTER (WHERE y.event = 'delivered') AS delivered_at,
               max(y.recorded_at) FILTER (WHERE y.event = 'withdrawn') AS withdrawn_at,
               (array_agg(y.receipt ->> 'url' ORDER BY y.seq DESC) FILTER (WHERE y.event = 'published' AND y.receipt ->> 'url' IS NOT NULL))[1] AS url,
               (array_agg(y.receipt ->> 'issueDate' ORDER BY y.seq DESC) FILTER (WHERE y.receipt ->> 'issueDate' IS NOT NULL))[1] AS issue_date,
               (array_agg(y.receipt) FILTER (WHERE y.event = 'comment'))[1] AS comment_receipt
          FROM yr y JOIN chosen c ON c.year = y.year AND c.jp_key = y.jp_key
         GROUP BY y.year, y.jp_key
      )
      SELECT c.year, c.number, k.number AS "caseNumber", CASE WHEN f.is_comment THEN 'comment' ELSE 'post' END AS kind,
             f.notice_id AS "noticeId", n.type AS "noticeType", f.notice_version AS "noticeVersion", v.content,
             f.channel, f.target, c.first_at AS "firstAt", f.published_at AS "publishedAt", f.delivered_at AS "deliveredAt",
             f.withdrawn_at AS "withdrawnAt", f.url, f.issue_date AS "issueDate", f.comment_receipt AS "commentReceipt"
        FROM chosen c
        JOIN facts f ON f.year = c.year AND f.jp_key = c.jp_key
        JOIN cases k ON k.year = c.year AND k.notice_id = f.notice_id
        JOIN notices n ON n.id = f.notice_id
        JOIN notice_versions v ON v.notice_id = f.notice_id AND v.version = f.notice_version
       ORDER BY c.year, c.number`,
    values: [tenantId, period.yearStart, period.to, zone, period.from],
  });
  return rows;
}
