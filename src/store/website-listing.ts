import type pg from 'pg';
import type { NoticeInput, NoticeType } from '../notices/types.ts';

/** A notice out on the website now, without its text: what a rebuild needs to know it has. */
export interface WebsiteListingHead {
  id: string;
  version: number;
  type: NoticeType;
  publishAt: Date;
  ruleVersion: string;
  url: string;
  publishedAt: Date;
}

/**
 * The tenant's notices that are out on the website now (current version, not withdrawn): what the
 * index page and the feeds list, newest first. The website channel drops the expired ones itself.
 * Without their text, which a worker has read before for all but the newest: {@link loadContents}.
 */
export async function listPublishedOnWebsite(pool: pg.Pool, tenantSlug: string): Promise<WebsiteListingHead[]> {
  const { rows } = await pool.query<WebsiteListingHead>({
    name: 'list-published-on-website',
    text: `SELECT n.id, p.notice_version AS version, n.type, n.publish_at AS "publishAt",
                  v.rule_version AS "ruleVersion", p.external_url AS url, p.published_at AS "publishedAt"
             FROM publications p
             JOIN notices n ON n.id = p.notice_id AND n.current_version = p.notice_version
             JOIN notice_versions v ON v.notice_id = p.notice_id AND v.version = p.notice_version
             JOIN tenants t ON t.id = p.tenant_id
            WHERE t.slug = $1 AND p.channel = 'website' AND p.state = 'published' AND n.status <> 'withdrawn'
            ORDER BY p.published_at DESC`,
    values: [tenantSlug],
  });
  return rows;
}

/** The text of notice versions, by `<id>|<version>`. */
export async function loadContents(pool: pg.Pool, versions: readonly { id: string; version: number }[]): Promise<Map<string, NoticeInput>> {
  if (versions.length === 0) return new Map();
  const { rows } = await pool.query<{ id: string; version: number; content: NoticeInput }>(
    `SELECT v.notice_id AS id, v.version, v.content
       FROM unnest($1::uuid[], $2::int[]) AS k(id, version)
       JOIN notice_versions v ON v.notice_id = k.id AND v.version = k.version`,
    [versions.map((v) => v.id), versions.map((v) => v.version)],
  );
  return new Map(rows.map((r) => [`${r.id}|${r.version}`, r.content]));
}
