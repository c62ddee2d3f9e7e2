import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { appendRecords, type ArchiveRecordInput } from '../archive/index.ts';
import { batchOf, type DeliveredBatch, type NewspaperChannel } from '../channels/newspaper/index.ts';
import { PermanentChannelError, type Artifact, type PublicationTask } from '../channels/types.ts';
import { claimIssueBatch, markBatchDelivered, markBatchDeliveredLate, markBatchFailed, releaseBatchAfterError, renewBatchLeases, type BatchClaim } from '../store/newspaper-batches.ts';
import { loadPublication, type LoadedPublication } from '../store/publications.ts';
import { inTransaction } from '../store/transaction.ts';
import type { TenantDirectory } from '../tenancy/directory.ts';
import type { Clock } from '../time/clock.ts';
import type { PublishResult } from './publish.ts';
import type { SettledObserver } from './settled.ts';
import { taskFor } from './task.ts';

export interface NewspaperBatchContext {
  pool: pg.Pool;
  directory: TenantDirectory;
  newspaper: NewspaperChannel;
  /** How long a claim holds the batch's publications. @defaultValue the worker's job lock */
  leaseMs: number;
  clock: Clock;
  /** Told what each publication of a batch came to, after the commit (metrics, logs). @defaultValue none */
  observe?: SettledObserver;
}

interface Claimed {
  claim: BatchClaim;
  publication: LoadedPublication;
  task: PublicationTask;
}

function described(error: unknown): { message: string; permanent: boolean; details: Record<string, unknown> } {
  if (error instanceof PermanentChannelError) return { message: error.message, permanent: true, details: error.details };
  return { message: error instanceof Error ? error.message : String(error), permanent: false, details: {} };
}

async function load(ctx: NewspaperBatchContext, claims: readonly BatchClaim[]): Promise<Claimed[]> {
  const loaded = await Promise.all(claims.map(async (claim) => ({ claim, publication: await loadPublication(ctx.pool, claim.id) })));
  return loaded.flatMap(({ claim, publication }) => {
    if (!publication) return [];
    const entry = ctx.directory.get(publication.tenantSlug);
    if (!entry) throw new PermanentChannelError(`municipality ${publication.tenantSlug} is no longer configured`);
    return [{ claim, publication, task: taskFor(publication, entry.tenant, claim.attempt, claim.attemptStartedAt) }];
  });
}

async function recordFailures(ctx: NewspaperBatchContext, items: readonly Claimed[], error: ReturnType<typeof described>): Promise<void> {
  if (items.length === 0) return;
  const moved = await inTransaction(ctx.pool, async (client) => {
    const moved = new Set(await markBatchFailed(client, items.map((i) => i.claim), { message: error.message, permanent: error.permanent, details: error.details }));
    await appendRecords(
      client,
      items
        .filter((i) => moved.has(i.claim.id))
        .map((i) => ({
          ...recordBase(i),
          event: 'failed' as const,
          content: Buffer.from(JSON.stringify({ message: error.message, permanent: error.permanent, details: error.details, attempt: i.claim.attempt })),
          contentType: 'application/json',
          receipt: { failedAt: ctx.clock().toISOString(), attempt: i.claim.attempt },
        })),
    );
    return moved;
  });
  ctx.observe?.(items.filter((i) => moved.has(i.claim.id)).map((i) => ({ publication: i.publication, attempt: i.claim.attempt, state: 'failed', at: null })));
}

function recordBase(i: Claimed): Pick<ArchiveRecordInput, 'tenantId' | 'noticeId' | 'noticeVersion' | 'publicationId' | 'channel' | 'ruleVersion'> {
  return {
    tenantId: i.publication.tenantId,
    noticeId: i.publication.notice.id,
    noticeVersion: i.publication.notice.version,
    publicationId: i.publication.id,
    channel: 'newspaper',
    ruleVersion: i.publication.notice.ruleVersion,
  };
}

/**
 * Marks the batch's publications `delivered` and archives each ad's PDF and the batch's manifest, in
 * one transaction. An ad whose row a withdrawal took while the batch was on its way went to the paper
 * all the same: it is recorded and archived as delivered too, so the archive holds every ad the
 * manifest lists.
 */
async function recordDelivery(ctx: NewspaperBatchContext, batchId: string, items: readonly Claimed[], artifacts: ReadonlyMap<string, Artifact>, delivered: DeliveredBatch): Promise<number> {
  const { receipt, manifest } = delivered;
  const mine = await inTransaction(ctx.pool, async (client) => {
    const delivery = { batchId, externalId: receipt.externalId ?? '', at: receipt.at };
    const moved = new Set(await markBatchDelivered(client, items.map((i) => i.claim), delivery));
    const late = new Set(await markBatchDeliveredLate(client, items.filter((i) => !moved.has(i.claim.id)).map((i) => i.claim), delivery));
    const mine = items.filter((i) => moved.has(i.claim.id) || late.has(i.claim.id));
    if (mine.length === 0) return mine;
    const first = mine[0];
    const shared = { batchId, at: receipt.at.toISOString(), ...receipt.details };
    const records: ArchiveRecordInput[] = mine.flatMap((i) => {
      const artifact = artifacts.get(i.claim.id);
      // An adopted batch was rendered by an earlier attempt; the manifest record holds its checksums.
      return artifact ? [{ ...recordBase(i), event: 'delivered' as const, content: artifact.bytes, contentType: artifact.contentType, receipt: { ...shared, externalId: receipt.externalId, attempt: i.claim.attempt } }] : [];
    });
    if (first) {
      // The delivery itself: its manifest (with every file's SHA-256), whose own checksum the archive keeps.
      records.push({
        tenantId: first.publication.tenantId,
        noticeId: null,
        noticeVersion: null,
        publicationId: null,
        channel: 'newspaper',
        event: 'delivered',
        content: manifest,
        contentType: 'application/json',
        ruleVersion: null,
        receipt: { ...shared, kind: 'newspaper-batch', externalId: receipt.externalId, publications: mine.map((i) => i.claim.id) },
      });
    }
    await appendRecords(client, records);
    return mine;
  });
  ctx.observe?.(mine.map((i) => ({ publication: i.publication, attempt: i.claim.attempt, state: 'delivered', at: receipt.at })));
  return mine.length;
}

/**
 * Keeps the claim's leases fresh while its batch is rendered and sent: rendering a big issue on a busy
 * machine can outlast one lease, and a lapsed lease lets another worker claim the same ads and send
 * the whole issue a second time (the soak saw one issue go out ten times). `stillHeld` renews at once
 * and says whether every row given is still this attempt's.
 */
function holdLeases(ctx: NewspaperBatchContext, claims: readonly BatchClaim[]): { stillHeld(needed: readonly Claimed[]): Promise<boolean>; stop(): void } {
  const timer = setInterval(() => {
    renewBatchLeases(ctx.pool, claims, ctx.leaseMs).catch(() => undefined);
  }, Math.max(10, Math.floor(ctx.leaseMs / 3)));
  return {
    async stillHeld(needed) {
      const held = await renewBatchLeases(ctx.pool, claims, ctx.leaseMs);
      return needed.every((i) => held.has(i.claim.id));
    },
    stop: () => {
      clearInterval(timer);
    },
  };
}

/**
 * One attempt at the issue that publication `publicationId` is booked into (DESIGN, "newspaper"):
 * claim every due ad of that paper and issue at once, look for an earlier attempt's batch at the
 * paper before sending again, render the rest, deliver them as one batch (ads, plain texts, then the
 * manifest), and mark them `delivered` with the PDFs and the manifest archived. Every other job of
 * the batch then finds its publication delivered: a no-op. An ad that cannot be rendered (too tall
 * for the paper) fails alone; the rest go out.
 */
export async function publishNewspaperIssue(ctx: NewspaperBatchContext, publicationId: string, finalAttempt: boolean): Promise<PublishResult> {
  const batchId = randomUUID();
  const claims = await claimIssueBatch(ctx.pool, publicationId, { leaseMs: ctx.leaseMs, batchId, now: ctx.clock() });
  if (!Array.isArray(claims)) return { outcome: { kind: 'skipped', refusal: claims }, changes: [] };
  const items = await load(ctx, claims);
  const first = items[0];
  if (!first) return { outcome: { kind: 'skipped', refusal: { refused: 'missing' } }, changes: [] };
  const changes = [{ tenantSlug: first.publication.tenantSlug, channel: 'newspaper' as const }];
  const leases = holdLeases(ctx, claims);

  try {
    // An earlier attempt whose outcome is unknown: if its manifest reached the paper, adopt it.
    const earlier = [...new Set(items.filter((i) => i.claim.previousState === 'publishing' && i.claim.previousBatch).map((i) => i.claim.previousBatch ?? ''))];
    let adopted = false;
    let remaining = items;
    for (const previous of earlier) {
      const found = await ctx.newspaper.findBatch(first.task, previous);
      if (!found) continue;
      const group = remaining.filter((i) => i.claim.previousBatch === previous);
      await recordDelivery(ctx, previous, group, new Map(), found);
      remaining = remaining.filter((i) => i.claim.previousBatch !== previous);
      adopted = true;
    }

    const rendered: { item: Claimed; artifact: Artifact }[] = [];
    for (const item of remaining) {
      try {
        rendered.push({ item, artifact: await ctx.newspaper.render(item.task) });
      } catch (error) {
        const d = described(error);
        if (!d.permanent) throw error;
        await recordFailures(ctx, [item], d);
      }
    }
    const sent = rendered.map((r) => r.item);
    if (rendered.length > 0) {
      // Another worker took over while this one rendered: it sends the issue, this one must not.
      if (!(await leases.stillHeld(sent))) return { outcome: { kind: 'skipped', refusal: { refused: 'held', retryInMs: ctx.leaseMs } }, changes: [] };
      const batch = batchOf(batchId, ctx.clock(), rendered.map(({ item, artifact }) => ({ task: item.task, artifact })));
      const delivered = await ctx.newspaper.deliverBatch(batch);
      await recordDelivery(ctx, batchId, sent, new Map(rendered.map((r) => [r.item.claim.id, r.artifact])), delivered);
      return { outcome: { kind: 'published', adopted, receipt: delivered.receipt }, changes };
    }
    if (adopted) return { outcome: { kind: 'published', adopted, receipt: { externalId: null, url: null, at: ctx.clock() } }, changes };
    // Every ad claimed failed to render (each recorded as failed above).
    return { outcome: { kind: 'failed', message: 'no ad of the batch could be rendered' }, changes: [] };
  } catch (error) {
    // Rows already delivered or failed above are left alone: both updates need `publishing`.
    const d = described(error);
    if (d.permanent || finalAttempt) {
      await recordFailures(ctx, items, d);
      return { outcome: { kind: 'failed', message: d.message }, changes: [] };
    }
    await releaseBatchAfterError(ctx.pool, items.map((i) => i.claim), { message: d.message, attempt: first.claim.attempt, batchId });
    ctx.observe?.(items.map((i) => ({ publication: i.publication, attempt: i.claim.attempt, state: 'retry', at: null })));
    return { outcome: { kind: 'retry', error }, changes: [] };
  } finally {
    leases.stop();
  }
}
