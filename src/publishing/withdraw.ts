import type pg from 'pg';
import { appendRecord } from '../archive/index.ts';
import { CANNOT_TELL, type ChannelAdapter } from '../channels/types.ts';
import type { ChannelName } from '../notices/types.ts';
import { loadPublication } from '../store/publications.ts';
import { inTransaction } from '../store/transaction.ts';
import type { TenantDirectory } from '../tenancy/directory.ts';
import { taskFor } from './task.ts';
import type { Clock } from '../time/clock.ts';

export interface WithdrawContext {
  pool: pg.Pool;
  directory: TenantDirectory;
  adapters: ReadonlyMap<ChannelName, ChannelAdapter>;
  clock: Clock;
}

/**
 * Takes one publication down from its channel and archives what was sent to do it. A publication
 * that is no longer `withdrawing` is a no-op, so a repeated job is harmless.
 */
export async function withdrawPublication(ctx: WithdrawContext, publicationId: string): Promise<{ tenantSlug: string; channel: ChannelName } | null> {
  const p = await loadPublication(ctx.pool, publicationId);
  if (p?.state !== 'withdrawing') return null;
  const entry = ctx.directory.get(p.tenantSlug);
  const adapter = ctx.adapters.get(p.channel);
  if (!entry || !adapter) throw new Error(`cannot withdraw from ${p.channel} for ${p.tenantSlug} in this worker`);
  const now = ctx.clock();
  const task = taskFor(p, entry.tenant, p.attempts, now);
  let delivered = { externalId: p.externalId, url: p.externalUrl, at: p.publishedAt ?? now };
  // An attempt whose outcome is unknown (the post made, the answer lost) left no id: look on the
  // channel before calling it down, or the post stays up while the record says withdrawn.
  if (delivered.externalId === null && p.attempts > 0 && adapter.duplicatesOnRedelivery === true) {
    const existing = await adapter.findExisting(task, await adapter.render(task));
    if (existing === CANNOT_TELL) throw new Error(`cannot tell whether ${p.channel} holds publication ${p.id}; the withdrawal looks again`);
    if (existing) delivered = { externalId: existing.externalId, url: existing.url, at: existing.at };
  }
  const receipt = await adapter.withdraw(task, delivered);
  const html = receipt.details?.html;
  // A channel's own record of the take-down (Facebook: the DELETE and its answer) is archived with it.
  const graph = receipt.details?.graph;
  await inTransaction(ctx.pool, async (client) => {
    // An attempt in flight may have delivered meanwhile and recorded its post (late-delivery.ts):
    // then this take-down did not know the post, and the row stays `withdrawing` for the next one.
    const moved = await client.query(
      `UPDATE publications SET state = 'withdrawn', withdrawn_at = $2, updated_at = now()
        WHERE id = $1 AND state = 'withdrawing' AND external_id IS NOT DISTINCT FROM $3`,
      [p.id, receipt.at, p.externalId],
    );
    if (moved.rowCount !== 1) return;
    await appendRecord(client, {
      tenantId: p.tenantId,
      noticeId: p.notice.id,
      noticeVersion: p.notice.version,
      publicationId: p.id,
      channel: p.channel,
      event: 'withdrawn',
      content: typeof html === 'string' ? Buffer.from(html) : Buffer.from(JSON.stringify({ withdrawn: true, reason: p.withdrawalReason, ...(graph !== undefined && { graph }) })),
      contentType: typeof html === 'string' ? 'text/html; charset=utf-8' : 'application/json',
      ruleVersion: p.notice.ruleVersion,
      receipt: { externalId: receipt.externalId, url: receipt.url, at: receipt.at.toISOString(), reason: p.withdrawalReason },
    });
  });
  return { tenantSlug: p.tenantSlug, channel: p.channel };
}
