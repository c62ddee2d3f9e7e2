import type pg from 'pg';
import { appendRecords, type ArchiveRecordInput } from '../archive/index.ts';
import { CANNOT_TELL, ChannelPausedError, PermanentChannelError, type Artifact, type ChannelAdapter, type Receipt } from '../channels/types.ts';
import type { ChannelName } from '../notices/types.ts';
import { markDeliveredLate } from '../store/late-delivery.ts';
import { releasePaused } from '../store/publication-pause.ts';
import { claimBatch, markFailed, markPublished, releaseAfterError, type ClaimedPublication, type ClaimRefusal } from '../store/publications.ts';
import { inTransaction } from '../store/transaction.ts';
import type { TenantDirectory } from '../tenancy/directory.ts';
import type { Clock } from '../time/clock.ts';
import type { BatchLedger } from './batch-ledger.ts';
import type { SettledObserver } from './settled.ts';
import { taskFor } from './task.ts';

export interface PublishContext {
  pool: pg.Pool;
  directory: TenantDirectory;
  adapters: ReadonlyMap<ChannelName, ChannelAdapter>;
  /** How long a claim holds a publication; a killed worker's claim lapses after this. @defaultValue 30 s */
  leaseMs: number;
  clock: Clock;
  /**
   * How many other due publications of the same channel a job takes along in its claim, per channel.
   * Their own jobs then find them done. @defaultValue 0 for a channel not listed
   */
  batchSize: Partial<Record<ChannelName, number>>;
  ledger: BatchLedger;
  /** Told what each attempt came to, after the commit (metrics, logs). @defaultValue none */
  observe?: SettledObserver;
}

/** What became of the job's own publication. */
export type PublishOutcome =
  | { kind: 'published'; adopted: boolean; receipt: Receipt }
  | { kind: 'skipped'; refusal: ClaimRefusal }
  /** Refused for good: the publication is now `failed` and archived as such. */
  | { kind: 'failed'; message: string }
  /** Failed this time; the job retries, and the retry looks before it delivers again. */
  | { kind: 'retry'; error: unknown }
  /** The channel cannot be called for this target now: nothing went out, no attempt spent; try at `retryAt`. */
  | { kind: 'paused'; error: ChannelPausedError };

/** A publication of the batch that went out (or was out already): where, for follow-up work. */
export interface PublishedChange {
  tenantSlug: string;
  channel: ChannelName;
}

export interface PublishResult {
  outcome: PublishOutcome;
  /** Everything the batch published, the job's own publication included. */
  changes: PublishedChange[];
}

type Attempted =
  | { claim: ClaimedPublication; ok: true; artifact: Artifact; receipt: Receipt; adopted: boolean }
  | { claim: ClaimedPublication; ok: false; message: string; permanent: boolean; details: Record<string, unknown>; paused?: ChannelPausedError };

/** A channel's retryable error may carry facts too (Facebook: the code, its message, what to do). */
function detailsOf(error: unknown): Record<string, unknown> {
  return error instanceof Error && 'details' in error && typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : {};
}

/** Render, and when an earlier attempt's outcome is unknown ask the channel before delivering again. */
async function attempt(ctx: PublishContext, claim: ClaimedPublication): Promise<Attempted> {
  try {
    const adapter = ctx.adapters.get(claim.channel);
    if (!adapter) throw new PermanentChannelError(`no ${claim.channel} channel runs in this worker`);
    const entry = ctx.directory.get(claim.tenantSlug);
    if (!entry) throw new PermanentChannelError(`municipality ${claim.tenantSlug} is no longer configured`);
    const task = taskFor(claim, entry.tenant, claim.attempt, claim.attemptStartedAt);
    const artifact = await adapter.render(task);
    const existing = claim.previousState === 'publishing' ? await adapter.findExisting(task, artifact) : null;
    if (existing && existing !== CANNOT_TELL) return { claim, ok: true, artifact, receipt: existing, adopted: true };
    if (existing === CANNOT_TELL && adapter.duplicatesOnRedelivery === true) {
      // Delivering again could post twice: wait, and look again on the next attempt.
      throw new Error(`could not tell whether attempt ${claim.attempt - 1} reached ${claim.channel}; the next attempt looks again before it delivers`);
    }
    return { claim, ok: true, artifact, receipt: await adapter.deliver(task, artifact), adopted: false };
  } catch (error) {
    // The channel's own words are what `last_error` and the archive keep.
    if (error instanceof PermanentChannelError) return { claim, ok: false, message: error.message, permanent: true, details: error.details };
    if (error instanceof ChannelPausedError) return { claim, ok: false, message: error.message, permanent: false, details: error.details, paused: error };
    return { claim, ok: false, message: error instanceof Error ? error.message : String(error), permanent: false, details: detailsOf(error) };
  }
}

function recordOf(claim: ClaimedPublication, event: 'published' | 'failed', content: Artifact, receipt: Record<string, unknown>): ArchiveRecordInput {
  return {
    tenantId: claim.tenantId,
    noticeId: claim.notice.id,
    noticeVersion: claim.notice.version,
    publicationId: claim.id,
    channel: claim.channel,
    event,
    content: content.bytes,
    contentType: content.contentType,
    ruleVersion: claim.notice.ruleVersion,
    receipt,
  };
}

const errorBody = (a: Extract<Attempted, { ok: false }>): { message: string; permanent: boolean; details: Record<string, unknown>; attempt: number } => ({
  message: a.message,
  permanent: a.permanent,
  details: a.details,
  attempt: a.claim.attempt,
});

/** What settling a batch moved: the ids now published, and those delivered after a withdrawal or correction took them. */
interface Settled {
  published: Set<string>;
  /** Went out while a withdrawal or correction took the row; recorded there, and taken down where needed (late-delivery.ts). */
  late: Set<string>;
}

/**
 * Writes what the batch's attempts came to: the published ones marked and archived with the exact
 * bytes in one transaction, the final failures marked `failed` and archived, the others released for
 * their retry. A delivery whose row a withdrawal or correction took meanwhile is archived as published
 * too (it went out) and handed back to a take-down where something else belongs there now.
 */
async function settle(ctx: PublishContext, attempts: readonly Attempted[], isFinal: (a: Extract<Attempted, { ok: false }>) => boolean): Promise<Settled> {
  const delivered = attempts.filter((a) => a.ok);
  const notDelivered = attempts.filter((a): a is Extract<Attempted, { ok: false }> => !a.ok);
  const paused = notDelivered.filter((a) => a.paused !== undefined);
  const failed = notDelivered.filter((a) => a.paused === undefined);
  const final = failed.filter(isFinal);
  const retried = failed.filter((a) => !isFinal(a));

  const { published, late } = await inTransaction(ctx.pool, async (client) => {
    const done = delivered.map((a) => ({ id: a.claim.id, attempt: a.claim.attempt, receipt: a.receipt }));
    const moved = await markPublished(client, done);
    const late = await markDeliveredLate(client, done.filter((d) => !moved.has(d.id)));
    const failedIds = await markFailed(client, final.map((a) => ({ id: a.claim.id, attempt: a.claim.attempt, error: errorBody(a) })));
    const records = [
      ...delivered
        .filter((a) => moved.has(a.claim.id) || late.has(a.claim.id))
        .map(({ claim, artifact, receipt, adopted }) =>
          recordOf(claim, 'published', artifact, { externalId: receipt.externalId, url: receipt.url, at: receipt.at.toISOString(), adopted, attempt: claim.attempt, ...receipt.details }),
        ),
      ...final
        .filter((a) => failedIds.has(a.claim.id))
        .map((a) =>
          recordOf(a.claim, 'failed', { bytes: Buffer.from(JSON.stringify(errorBody(a))), contentType: 'application/json' }, { failedAt: new Date().toISOString(), attempt: a.claim.attempt }),
        ),
    ];
    await appendRecords(client, records);
    return { published: moved, late };
  });
  await releaseAfterError(ctx.pool, retried.map((a) => ({ id: a.claim.id, attempt: a.claim.attempt, error: { message: a.message, details: a.details, attempt: a.claim.attempt } })));
  // Nothing went out for these: the attempt is given back, the reason stays visible.
  for (const a of paused) {
    await releasePaused(ctx.pool, a.claim, { message: a.message, paused: true, retryAt: a.paused?.retryAt.toISOString(), details: a.details });
  }
  ctx.observe?.([
    ...delivered.filter((a) => published.has(a.claim.id) || late.has(a.claim.id)).map((a) => ({ publication: a.claim, attempt: a.claim.attempt, state: 'published' as const, at: a.receipt.at })),
    ...final.map((a) => ({ publication: a.claim, attempt: a.claim.attempt, state: 'failed' as const, at: null })),
    ...retried.map((a) => ({ publication: a.claim, attempt: a.claim.attempt, state: 'retry' as const, at: null })),
    ...paused.map((a) => ({ publication: a.claim, attempt: a.claim.attempt, state: 'paused' as const, at: null })),
  ]);
  return { published, late };
}

const skipped = (refusal: ClaimRefusal): PublishResult => ({ outcome: { kind: 'skipped', refusal }, changes: [] });

/**
 * One job's attempt at its publication (principle 2), taking along due publications of the same
 * channel: claim them in PostgreSQL in one statement, render and deliver each (asking the channel
 * first where an earlier attempt's outcome is unknown), then mark and archive the exact bytes in one
 * transaction. A duplicate, early or stale job is a harmless no-op, as is the job of a publication
 * that this process already published in another job's batch. `finalAttempt`: no retry follows for
 * the job's own publication, so its failure is recorded as final; the others taken along keep their
 * own jobs' retries and fail at once only when the channel refused them for good.
 */
export async function publishPublication(
  ctx: PublishContext,
  job: { publicationId: string; channel: ChannelName; finalAttempt: boolean },
): Promise<PublishResult> {
  const id = job.publicationId;
  if (ctx.ledger.published(id) || (await ctx.ledger.pending(id))) return skipped({ refused: 'finished' });

  const batch = await claimBatch(ctx.pool, { id, channel: job.channel }, { others: ctx.batchSize[job.channel] ?? 0, leaseMs: ctx.leaseMs, now: ctx.clock() });
  if (batch.claimed.length === 0) return skipped(batch.refusal ?? { refused: 'missing' });

  const work = Promise.all(batch.claimed.map((claim) => attempt(ctx, claim)));
  const settled = work.then((attempts) => settle(ctx, attempts, (a) => a.permanent || (a.claim.id === id && job.finalAttempt)));
  ctx.ledger.track(
    batch.claimed.map((c) => c.id),
    settled.then((s) => s.published),
  );
  const [attempts, { published: done, late }] = await Promise.all([work, settled]);

  const changes = attempts.filter((a) => done.has(a.claim.id)).map((a) => ({ tenantSlug: a.claim.tenantSlug, channel: a.claim.channel }));
  if (batch.refusal) return { outcome: { kind: 'skipped', refusal: batch.refusal }, changes };
  const own = attempts.find((a) => a.claim.id === id);
  if (!own) throw new Error(`publication ${id} was claimed but not attempted`);
  if (own.ok) {
    // A withdrawal or correction took it: what follows is theirs, this job's part is over.
    if (late.has(id)) return { outcome: { kind: 'skipped', refusal: { refused: 'finished' } }, changes };
    // Not moved: the lease lapsed under a slow delivery and another attempt took over.
    if (!done.has(id)) return { outcome: { kind: 'skipped', refusal: { refused: 'held' } }, changes };
    return { outcome: { kind: 'published', adopted: own.adopted, receipt: own.receipt }, changes };
  }
  if (own.paused) return { outcome: { kind: 'paused', error: own.paused }, changes };
  if (own.permanent || job.finalAttempt) return { outcome: { kind: 'failed', message: own.message }, changes };
  return { outcome: { kind: 'retry', error: new Error(own.message) }, changes };
}
