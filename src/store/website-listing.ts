import type pg from 'pg';
import type { WebsiteListing } from '../channels/website/index.ts';
import type { NoticeInput, NoticeType } from '../notices/types.ts';

/**
 * The tenant's notices that are out on the website now (current version, not withdrawn): what the
 * index page and the feeds list. The website channel drops the expired ones itself.
 */
export async function listPublishedOnWebsite(pool: pg.Pool, tenantSlug: string): Promise<WebsiteListing[]> {
  const { rows } = await pool.query<{
    id: string;
    version: number;
    type: NoticeType;
    content: NoticeInput;
    publishAt: Date;
    ruleVersion: string;
    url: string;
    publishedAt: Date;
  }>({
    name: 'list-published-on-website',
    text: `SELECT n.id, p.notice_version AS version, n.type, v.content, n.publish_at AS "publishAt",
                  v.rule_version AS "ruleVersion", p.external_url AS url, p.published_at AS "publishedAt"
             FROM publications p
             JOIN notices n ON n.id = p.notice_id AND n.current_version = p.notice_version
             JOIN notice_versions v ON v.notice_id = p.notice_id AND v.version = p.notice_version
             JOIN tenants t ON t.id = p.tenant_id
            WHERE t.slug = $1 AND p.channel = 'website' AND p.state = 'published' AND n.status <> 'withdrawn'
            ORDER BY p.published_at DESC`,
    values: [tenantSlug],
  });
  return rows.map((r) => ({
    notice: { id: r.id, version: r.version, type: r.type, content: r.content, publishAt: r.publishAt, ruleVersion: r.ruleVersion },
    url: r.url,
    publishedAt: r.publishedAt,
  }));
}
