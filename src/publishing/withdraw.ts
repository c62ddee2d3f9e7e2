import type pg from 'pg';
import { appendRecord } from '../archive/index.ts';
import { CANNOT_TELL, type ChannelAdapter, type Receipt } from '../channels/types.ts';
import type { Tenant } from '../config/tenant-types.ts';
import type { ChannelName } from '../notices/types.ts';
import { currentCounterpart } from '../store/late-delivery.ts';
import { loadPublication, type LoadedPublication } from '../store/publications.ts';
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

/** What a take-down sent, for the archive. */
interface TakeDown {
  receipt: Receipt;
  content: Buffer;
  contentType: string;
  /** Set when the current version's page was written back over a superseded one. */
  restored?: { publicationId: string; version: number };
  /** The delivery taken down, when the row did not know it and reading the channel back found it. */
  found?: { externalId: string | null; url: string | null };
}

/** The ordinary take-down: the channel removes what the publication put out. */
async function takeDown(adapter: ChannelAdapter, p: LoadedPublication, tenant: Tenant, now: Date): Promise<TakeDown> {
  const task = taskFor(p, tenant, p.attempts, now);
  let delivered = { externalId: p.externalId, url: p.externalUrl, at: p.publishedAt ?? now };
  // An attempt whose outcome is unknown (the post made, the answer lost) left no id: look on the
  // channel before calling it down, or the post stays up while the record says withdrawn.
  if (delivered.externalId === null && p.attempts > 0 && adapter.duplicatesOnRedelivery === true) {
    const existing = await adapter.findExisting(task, await adapter.render(task));
    if (existing === CANNOT_TELL) throw new Error(`cannot tell whether ${p.channel} holds publication ${p.id}; the withdrawal looks again`);
    if (existing) delivered = { externalId: existing.externalId, url: existing.url, at: existing.at };
  }
  const receipt = await adapter.withdraw(task, delivered);
  const found = delivered.externalId !== p.externalId ? { externalId: delivered.externalId, url: delivered.url } : undefined;
  const html = receipt.details?.html;
  // A channel's own record of the take-down (Facebook: the DELETE and its answer) is archived with it.
  const graph = receipt.details?.graph;
  const archived =
    typeof html === 'string'
      ? { content: Buffer.from(html), contentType: 'text/html; charset=utf-8' }
      : { content: Buffer.from(JSON.stringify({ withdrawn: true, reason: p.withdrawalReason, ...(graph !== undefined && { graph }) })), contentType: 'application/json' };
  return { receipt, ...archived, ...(found && { found }) };
}

/**
 * A superseded version's page that went out after its correction's (late-delivery.ts) sits at the
 * address the versions share: it is taken down by writing the current version's page there again.
 * Null when the current version is not out (nor going out): its own publication writes the address
 * when it goes, as after any correction.
 */
async function restoreCurrent(adapter: ChannelAdapter, current: LoadedPublication, tenant: Tenant, now: Date): Promise<TakeDown | null> {
  if (current.state !== 'publishing' && current.state !== 'published') return null;
  const task = taskFor(current, tenant, current.attempts, now);
  const artifact = await adapter.render(task);
  const receipt = await adapter.deliver(task, artifact);
  return { receipt, content: artifact.bytes, contentType: artifact.contentType, restored: { publicationId: current.id, version: current.notice.version } };
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
  const current = adapter.sharedAddress === true ? await currentCounterpart(ctx.pool, p) : null;
  const done = current ? await restoreCurrent(adapter, current, entry.tenant, now) : await takeDown(adapter, p, entry.tenant, now);
  if (!done) {
    await ctx.pool.query(`UPDATE publications SET state = 'superseded', updated_at = now() WHERE id = $1 AND state = 'withdrawing' AND external_id IS NOT DISTINCT FROM $2`, [
      p.id,
      p.externalId,
    ]);
    return null;
  }
  const { receipt } = done;
  await inTransaction(ctx.pool, async (client) => {
    // An attempt in flight may have delivered meanwhile and recorded its post (late-delivery.ts):
    // then this take-down did not know the post, and the row stays `withdrawing` for the next one.
    // A post found by reading the channel back is recorded on the row: its attempt's answer, if it
    // comes later, then finds it taken down (late-delivery.ts) instead of asking for another take-down.
    const moved = await client.query(
      `UPDATE publications SET state = 'withdrawn', withdrawn_at = $2, last_error = NULL, updated_at = now(),
              external_id = COALESCE(external_id, $4), external_url = COALESCE(external_url, $5)
        WHERE id = $1 AND state = 'withdrawing' AND external_id IS NOT DISTINCT FROM $3`,
      [p.id, receipt.at, p.externalId, done.found?.externalId ?? null, done.found?.url ?? null],
    );
    if (moved.rowCount !== 1) return;
    await appendRecord(client, {
      tenantId: p.tenantId,
      noticeId: p.notice.id,
      noticeVersion: p.notice.version,
      publicationId: p.id,
      channel: p.channel,
      event: 'withdrawn',
      content: done.content,
      contentType: done.contentType,
      ruleVersion: p.notice.ruleVersion,
      receipt: { externalId: receipt.externalId, url: receipt.url, at: receipt.at.toISOString(), reason: p.withdrawalReason, ...(done.restored && { restored: done.restored }) },
    });
  });
  return { tenantSlug: p.tenantSlug, channel: p.channel };
}
