import type pg from 'pg';
import { logCommentScreening } from '../archive/changes.ts';
import { appendRecords } from '../archive/index.ts';
import type { ArchiveRecordInput } from '../archive/index.ts';
import type { PostComment } from '../channels/facebook/index.ts';
import { inTransaction } from './transaction.ts';

/** A Facebook post that is out, whose comments are still harvested. */
export interface HarvestablePost {
  publicationId: string;
  tenantId: string;
  tenantSlug: string;
  noticeId: string;
  noticeVersion: number;
  ruleVersion: string;
  postId: string;
}

/** Facebook publications published since `since` (the harvest period) that are still out. */
export async function listHarvestablePosts(pool: pg.Pool, since: Date): Promise<HarvestablePost[]> {
  const { rows } = await pool.query<HarvestablePost>({
    name: 'list-harvestable-facebook-posts',
    text: `SELECT p.id AS "publicationId", p.tenant_id AS "tenantId", t.slug AS "tenantSlug", p.notice_id AS "noticeId",
                  p.notice_version AS "noticeVersion", v.rule_version AS "ruleVersion", p.external_id AS "postId"
             FROM publications p
             JOIN tenants t ON t.id = p.tenant_id
             JOIN notice_versions v ON v.notice_id = p.notice_id AND v.version = p.notice_version
            WHERE p.channel = 'facebook' AND p.state = 'published' AND p.external_id IS NOT NULL AND p.published_at >= $1
            ORDER BY p.published_at`,
    values: [since],
  });
  return rows;
}

/**
 * A comment as an archive record of its own: the municipality's correspondence. The author's name and
 * id are kept apart from the text and listed in `screenable` (JSON pointers into the content), so the
 * public journal can screen them.
 */
function commentRecord(post: HarvestablePost, comment: PostComment, harvestedAt: Date): ArchiveRecordInput {
  const content = {
    kind: 'facebook-comment',
    postId: post.postId,
    commentId: comment.id,
    parentId: comment.parentId,
    author: comment.author,
    message: comment.message,
    createdTime: comment.createdTime.toISOString(),
    harvestedAt: harvestedAt.toISOString(),
  };
  return {
    tenantId: post.tenantId,
    noticeId: post.noticeId,
    noticeVersion: post.noticeVersion,
    publicationId: post.publicationId,
    channel: 'facebook',
    event: 'comment',
    content: Buffer.from(JSON.stringify(content)),
    contentType: 'application/json',
    ruleVersion: post.ruleVersion,
    receipt: { commentId: comment.id, postId: post.postId, createdTime: content.createdTime, screenable: ['/author/name', '/author/id'] },
  };
}

/**
 * Archives the comments not archived before, once each however often (or by however many workers)
 * the harvest runs: the comment ids are claimed in the same transaction. Returns how many were new.
 */
export async function archiveNewComments(pool: pg.Pool, post: HarvestablePost, comments: readonly PostComment[], harvestedAt: Date): Promise<number> {
  if (comments.length === 0) return 0;
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ comment_id: string }>(
      `INSERT INTO facebook_comments (publication_id, comment_id, tenant_id)
       SELECT $1, id, $3 FROM unnest($2::text[]) AS id
       ON CONFLICT DO NOTHING RETURNING comment_id`,
      [post.publicationId, comments.map((c) => c.id), post.tenantId],
    );
    const fresh = new Set(rows.map((r) => r.comment_id));
    const ids = await appendRecords(client, comments.filter((c) => fresh.has(c.id)).map((c) => commentRecord(post, c, harvestedAt)));
    await logCommentScreening(client, post.tenantId, ids);
    return fresh.size;
  });
}
