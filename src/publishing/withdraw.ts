import type pg from 'pg';
import { appendRecord } from '../archive/index.ts';
import type { ChannelAdapter } from '../channels/types.ts';
import type { ChannelName, NoticeInput, NoticeType } from '../notices/types.ts';
import { inTransaction } from '../store/transaction.ts';
import type { TenantDirectory } from '../tenancy/directory.ts';
import type { Clock } from '../time/clock.ts';

export interface WithdrawContext {
  pool: pg.Pool;
  directory: TenantDirectory;
  adapters: ReadonlyMap<ChannelName, ChannelAdapter>;
  clock: Clock;
}

interface Withdrawing {
  id: string;
  tenantId: string;
  tenantSlug: string;
  channel: ChannelName;
  target: string | null;
  scheduledAt: Date;
  appearsAt: Date;
  issueDate: string | null;
  attempts: number;
  externalId: string | null;
  externalUrl: string | null;
  publishedAt: Date | null;
  noticeId: string;
  noticeVersion: number;
  type: NoticeType;
  content: NoticeInput;
  publishAt: Date;
  ruleVersion: string;
  reason: string | null;
}

const LOAD = `
SELECT p.id, p.tenant_id AS "tenantId", t.slug AS "tenantSlug", p.channel, NULLIF(p.target, '') AS target,
       p.scheduled_at AS "scheduledAt", p.appears_at AS "appearsAt", to_char(p.issue_date, 'YYYY-MM-DD') AS "issueDate",
       p.attempts, p.external_id AS "externalId", p.external_url AS "externalUrl", p.published_at AS "publishedAt",
       n.id AS "noticeId", p.notice_version AS "noticeVersion", n.type, v.content, n.publish_at AS "publishAt",
       v.rule_version AS "ruleVersion", n.withdrawal_reason AS reason
  FROM publications p
  JOIN notices n ON n.id = p.notice_id
  JOIN notice_versions v ON v.notice_id = p.notice_id AND v.version = p.notice_version
  JOIN tenants t ON t.id = p.tenant_id
 WHERE p.id = $1 AND p.state = 'withdrawing'`;

/**
 * Takes one publication down from its channel and archives what was sent to do it. A publication
 * that is no longer `withdrawing` is a no-op, so a repeated job is harmless.
 */
export async function withdrawPublication(ctx: WithdrawContext, publicationId: string): Promise<{ tenantSlug: string; channel: ChannelName } | null> {
  const { rows } = await ctx.pool.query<Withdrawing>(LOAD, [publicationId]);
  const p = rows[0];
  if (!p) return null;
  const entry = ctx.directory.get(p.tenantSlug);
  const adapter = ctx.adapters.get(p.channel);
  if (!entry || !adapter) throw new Error(`cannot withdraw from ${p.channel} for ${p.tenantSlug} in this worker`);
  const now = ctx.clock();
  const receipt = await adapter.withdraw(
    {
      publicationId: p.id,
      channel: p.channel,
      target: p.target,
      tenant: entry.tenant,
      notice: { id: p.noticeId, version: p.noticeVersion, type: p.type, content: p.content, publishAt: p.publishAt, ruleVersion: p.ruleVersion },
      scheduledAt: p.scheduledAt,
      appearsAt: p.appearsAt,
      issueDate: p.issueDate,
      attempt: p.attempts,
      attemptStartedAt: now,
    },
    { externalId: p.externalId, url: p.externalUrl, at: p.publishedAt ?? now },
  );
  const html = receipt.details?.html;
  await inTransaction(ctx.pool, async (client) => {
    const moved = await client.query(
      `UPDATE publications SET state = 'withdrawn', withdrawn_at = $2, updated_at = now() WHERE id = $1 AND state = 'withdrawing'`,
      [p.id, receipt.at],
    );
    if (moved.rowCount !== 1) return;
    await appendRecord(client, {
      tenantId: p.tenantId,
      noticeId: p.noticeId,
      noticeVersion: p.noticeVersion,
      publicationId: p.id,
      channel: p.channel,
      event: 'withdrawn',
      content: typeof html === 'string' ? Buffer.from(html) : Buffer.from(JSON.stringify({ withdrawn: true, reason: p.reason })),
      contentType: typeof html === 'string' ? 'text/html; charset=utf-8' : 'application/json',
      ruleVersion: p.ruleVersion,
      receipt: { externalId: receipt.externalId, url: receipt.url, at: receipt.at.toISOString(), reason: p.reason },
    });
  });
  return { tenantSlug: p.tenantSlug, channel: p.channel };
}
