import type pg from 'pg';
import type { ChannelName, NoticeInput, NoticeType } from '../notices/types.ts';

/** A publication the deadline watch looks at, with its notice version and submitter. */
export interface CandidateRow {
  id: string;
  tenantId: string;
  tenantSlug: string;
  noticeId: string;
  noticeVersion: number;
  noticeType: NoticeType;
  noticeStatus: string;
  content: NoticeInput;
  channel: ChannelName;
  target: string | null;
  state: string;
  scheduledAt: Date;
  appearsAt: Date;
  issueDate: string | null;
  lastError: Record<string, unknown> | null;
  submitterEmail: string | null;
}

/**
 * Publications of current versions of live notices that may be a problem, and nothing else (a healthy
 * system returns almost no rows, so the watch stays cheap however many notices are planned):
 *   open and overdue by the grace, open with an error kept, open while the notice awaits approval,
 *   open on a Facebook Page that cannot be used, failed, or a newspaper ad delivered for an issue
 *   that has been.
 *   $1 now − grace, $2 slugs of the tenants whose Facebook Page is closed, $3 today (UTC date; the watch applies
 *   each paper's own confirmation days in the tenant's zone)
 */
const CANDIDATES = `
SELECT p.id, p.tenant_id AS "tenantId", t.slug AS "tenantSlug", p.notice_id AS "noticeId", p.notice_version AS "noticeVersion",
       n.type AS "noticeType", n.status AS "noticeStatus", v.content, p.channel, NULLIF(p.target, '') AS target, p.state,
       p.scheduled_at AS "scheduledAt", p.appears_at AS "appearsAt", to_char(p.issue_date, 'YYYY-MM-DD') AS "issueDate",
       p.last_error AS "lastError", u.email AS "submitterEmail"
  FROM publications p
  JOIN notices n ON n.id = p.notice_id AND n.current_version = p.notice_version
  JOIN notice_versions v ON v.notice_id = p.notice_id AND v.version = p.notice_version
  JOIN users u ON u.id = n.submitted_by
  JOIN tenants t ON t.id = p.tenant_id
 WHERE n.status <> 'withdrawn'
   AND ((p.state IN ('pending', 'scheduled', 'publishing')
         AND (p.scheduled_at <= $1 OR p.last_error IS NOT NULL OR n.status = 'awaiting_approval'
              OR (p.channel = 'facebook' AND t.slug = ANY($2::text[]))))
        OR p.state = 'failed'
        OR (p.state = 'delivered' AND p.channel = 'newspaper' AND p.issue_date < $3::date))
 ORDER BY p.scheduled_at, p.id`;

export async function alertCandidates(pool: pg.Pool, input: { overdueBefore: Date; closedFacebookTenants: readonly string[]; today: string }): Promise<CandidateRow[]> {
  const { rows } = await pool.query<CandidateRow>({
    name: 'alert-candidates',
    text: CANDIDATES,
    values: [input.overdueBefore, input.closedFacebookTenants, input.today],
  });
  return rows;
}
