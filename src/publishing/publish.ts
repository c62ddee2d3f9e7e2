import type pg from 'pg';
import { appendRecord } from '../archive/index.ts';
import { CANNOT_TELL, ChannelPausedError, PermanentChannelError, type Artifact, type ChannelAdapter, type PublicationTask, type Receipt } from '../channels/types.ts';
import type { ChannelName } from '../notices/types.ts';
import { releasePaused } from '../store/publication-pause.ts';
import { claimPublication, markFailed, markPublished, releaseAfterError, type ClaimedPublication, type ClaimRefusal } from '../store/publications.ts';
import { inTransaction } from '../store/transaction.ts';
import { taskFor } from './task.ts';
import type { TenantDirectory } from '../tenancy/directory.ts';
import type { Clock } from '../time/clock.ts';

export interface PublishContext {
  pool: pg.Pool;
  directory: TenantDirectory;
  adapters: ReadonlyMap<ChannelName, ChannelAdapter>;
  /** How long a claim holds a publication; a killed worker's claim lapses after this. @defaultValue 30 s */
  leaseMs: number;
  clock: Clock;
}

export type PublishOutcome =
  | { kind: 'published'; adopted: boolean; receipt: Receipt; tenantSlug: string; channel: ChannelName }
  | { kind: 'skipped'; refusal: ClaimRefusal };

/** A publication that the channel refused for good; it is now `failed` and archived as such. */
export class PublicationFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PublicationFailed';
  }
}

/** How a channel's error is kept in `last_error` and the archive: the channel's own words. */
function describe(error: unknown): { message: string; permanent: boolean; details: Record<string, unknown> } {
  if (error instanceof PermanentChannelError) return { message: error.message, permanent: true, details: error.details };
  // A channel's retryable error may carry facts too (Facebook: the code, its message, what to do).
  const details = error instanceof Error && 'details' in error && typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : {};
  return { message: error instanceof Error ? error.message : String(error), permanent: false, details };
}

function taskOf(claim: ClaimedPublication, ctx: PublishContext): PublicationTask {
  const entry = ctx.directory.get(claim.tenantSlug);
  if (!entry) throw new PermanentChannelError(`municipality ${claim.tenantSlug} is no longer configured`);
  return taskFor(claim, entry.tenant, claim.attempt, claim.attemptStartedAt);
}

async function recordFailure(ctx: PublishContext, claim: ClaimedPublication, error: ReturnType<typeof describe>): Promise<void> {
  const body = { message: error.message, permanent: error.permanent, details: error.details, attempt: claim.attempt };
  await inTransaction(ctx.pool, async (client) => {
    if (!(await markFailed(client, claim, body))) return;
    await appendRecord(client, {
      tenantId: claim.tenantId,
      noticeId: claim.notice.id,
      noticeVersion: claim.notice.version,
      publicationId: claim.id,
      channel: claim.channel,
      event: 'failed',
      content: Buffer.from(JSON.stringify(body)),
      contentType: 'application/json',
      ruleVersion: claim.notice.ruleVersion,
      receipt: { failedAt: new Date().toISOString(), attempt: claim.attempt },
    });
  });
}

/**
 * One attempt at one publication (principle 2): claim it in PostgreSQL, render, and, when an earlier
 * attempt's outcome is unknown, ask the channel before delivering again; then mark it published and
 * archive the exact bytes in one transaction. A duplicate, early or stale job is a harmless no-op.
 * `finalAttempt`: no retry follows, so a failure is recorded as final.
 */
export async function publishPublication(ctx: PublishContext, publicationId: string, finalAttempt: boolean): Promise<PublishOutcome> {
  const claim = await claimPublication(ctx.pool, publicationId, { leaseMs: ctx.leaseMs, earlyToleranceMs: 0, now: ctx.clock() });
  if ('refused' in claim) return { kind: 'skipped', refusal: claim };
  const adapter = ctx.adapters.get(claim.channel);

  let artifact: Artifact;
  let receipt: Receipt;
  let adopted = false;
  try {
    if (!adapter) throw new PermanentChannelError(`no ${claim.channel} channel runs in this worker`);
    const task = taskOf(claim, ctx);
    artifact = await adapter.render(task);
    const existing = claim.previousState === 'publishing' ? await adapter.findExisting(task, artifact) : null;
    if (existing && existing !== CANNOT_TELL) {
      receipt = existing;
      adopted = true;
    } else if (existing === CANNOT_TELL && adapter.duplicatesOnRedelivery === true) {
      // Delivering again could post twice: wait and look again on the next attempt.
      throw new Error(`could not tell whether attempt ${claim.attempt - 1} reached ${claim.channel}; the next attempt looks again before it delivers`);
    } else {
      receipt = await adapter.deliver(task, artifact);
    }
  } catch (error) {
    if (error instanceof ChannelPausedError) {
      // Nothing went out: the attempt is given back and the worker delays the job until `retryAt`.
      await releasePaused(ctx.pool, claim, { message: error.message, paused: true, retryAt: error.retryAt.toISOString(), details: error.details });
      throw error;
    }
    const described = describe(error);
    if (described.permanent || finalAttempt) {
      await recordFailure(ctx, claim, described);
      throw new PublicationFailed(described.message);
    }
    // The outcome of a failed delivery is unknown: the next attempt looks before it posts.
    await releaseAfterError(ctx.pool, claim, { message: described.message, attempt: claim.attempt });
    throw error;
  }

  const published = await inTransaction(ctx.pool, async (client) => {
    if (!(await markPublished(client, claim, receipt))) return false;
    await appendRecord(client, {
      tenantId: claim.tenantId,
      noticeId: claim.notice.id,
      noticeVersion: claim.notice.version,
      publicationId: claim.id,
      channel: claim.channel,
      event: 'published',
      content: artifact.bytes,
      contentType: artifact.contentType,
      ruleVersion: claim.notice.ruleVersion,
      receipt: { externalId: receipt.externalId, url: receipt.url, at: receipt.at.toISOString(), adopted, attempt: claim.attempt, ...receipt.details },
    });
    return true;
  });
  if (!published) return { kind: 'skipped', refusal: { refused: 'held' } };
  return { kind: 'published', adopted, receipt, tenantSlug: claim.tenantSlug, channel: claim.channel };
}
