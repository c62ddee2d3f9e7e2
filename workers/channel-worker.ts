import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';
import { ChannelPausedError } from '../src/channels/types.ts';
import type { ChannelName } from '../src/notices/types.ts';
import { publishPublication, type PublishContext, type PublishedChange, type PublishResult } from '../src/publishing/publish.ts';
import { withdrawPublication } from '../src/publishing/withdraw.ts';
import { noteTakeDownError } from '../src/store/publications.ts';
import { connectionFor, type QueueConfig } from '../src/queue/connection.ts';
import { channelQueueName } from '../src/queue/names.ts';
import { PUBLICATION_BACKOFF, publicationRetryDelayMs, type PublicationJob } from '../src/queue/publishing-queues.ts';

export interface ChannelWorkerOptions {
  queue: QueueConfig;
  concurrency: number;
  /** BullMQ's job lock; the PostgreSQL lease is as long, so a stalled job finds its claim lapsed. */
  lockDurationMs: number;
  log: FastifyBaseLogger;
  /** Called after a publication went out or was taken down (e.g. to refresh the website's listings). */
  onChanged?: (change: { tenantSlug: string; channel: ChannelName }) => Promise<void>;
  /** One attempt; the newspaper worker delivers the whole issue the publication is booked into. @defaultValue publishPublication */
  publish?: (publicationId: string, finalAttempt: boolean) => Promise<PublishResult>;
}

/** One follow-up per tenant and channel, however many of the batch went out there. */
function uniqueChanges(changes: readonly PublishedChange[]): PublishedChange[] {
  return [...new Map(changes.map((c) => [`${c.tenantSlug}|${c.channel}`, c])).values()];
}

/**
 * The BullMQ side of one channel: turns a job into one publish attempt and the outcome into BullMQ's
 * terms — a permanent refusal stops retries at once, a publication not yet due or held by a live
 * claim waits without spending an attempt, anything else retries with backoff.
 */
export function createChannelWorker(channel: ChannelName, ctx: PublishContext, opts: ChannelWorkerOptions): Worker<PublicationJob> {
  /** A paused channel target (rate limit, token to replace): the job waits without spending an attempt. */
  const waitOut = async (job: Job<PublicationJob>, token: string | undefined, error: ChannelPausedError): Promise<never> => {
    opts.log.info({ event: 'publication.paused', channel, publicationId: job.data.publicationId, jobId: job.id, retryAt: error.retryAt.toISOString(), reason: error.message }, 'channel paused; the job waits');
    await job.moveToDelayed(Math.max(error.retryAt.getTime(), Date.now() + 50), token);
    throw new DelayedError();
  };

  const processor = async (job: Job<PublicationJob>, token?: string): Promise<string> => {
    if (job.name === 'withdraw') {
      let withdrawn: Awaited<ReturnType<typeof withdrawPublication>>;
      try {
        withdrawn = await withdrawPublication(ctx, job.data.publicationId);
      } catch (error) {
        if (error instanceof ChannelPausedError) return waitOut(job, token, error);
        // The post is still up: say why on the row, where GET /v1/notices/:id shows it.
        const attempt = job.attemptsMade + 1;
        opts.log.warn({ event: 'withdrawal.retry', channel, publicationId: job.data.publicationId, attempt, err: error }, 'take-down failed; will retry');
        // The channel's error is what the job fails with, even if the database cannot take the note.
        await noteTakeDownError(ctx.pool, job.data.publicationId, { message: error instanceof Error ? error.message : String(error), attempt, takeDown: true }).catch((noteError: unknown) => {
          opts.log.warn({ err: noteError, publicationId: job.data.publicationId }, 'could not record the take-down error');
        });
        throw error;
      }
      if (withdrawn) await opts.onChanged?.(withdrawn);
      return withdrawn ? 'withdrawn' : 'skipped';
    }
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const log = opts.log.child({ channel, publicationId: job.data.publicationId, jobId: job.id, attempt: job.attemptsMade + 1 });
    const { outcome, changes } = await (opts.publish ? opts.publish(job.data.publicationId, finalAttempt) : publishPublication(ctx, { publicationId: job.data.publicationId, channel, finalAttempt }));
    for (const change of uniqueChanges(changes)) await opts.onChanged?.(change);
    switch (outcome.kind) {
      case 'published':
        log.info({ event: 'publication.published', adopted: outcome.adopted, url: outcome.receipt.url, batch: changes.length }, 'published');
        return outcome.adopted ? 'adopted' : 'published';
      case 'failed':
        log.warn({ event: 'publication.failed', reason: outcome.message }, 'publication failed for good');
        throw new UnrecoverableError(outcome.message);
      case 'retry':
        log.warn({ event: 'publication.retry', err: outcome.error }, 'publication attempt failed; will retry');
        throw outcome.error;
      case 'paused':
        return waitOut(job, token, outcome.error);
      case 'skipped': {
        const { refused, retryInMs } = outcome.refusal;
        if ((refused === 'not-due' || refused === 'held') && retryInMs !== undefined) {
          await job.moveToDelayed(Date.now() + Math.max(retryInMs, 50), token);
          throw new DelayedError();
        }
        log.debug({ event: 'publication.skipped', refused }, 'nothing to do');
        return `skipped:${refused}`;
      }
    }
  };
  const worker = new Worker<PublicationJob>(channelQueueName(channel), processor, {
    connection: connectionFor(opts.queue, 'worker'),
    prefix: opts.queue.prefix,
    concurrency: opts.concurrency,
    lockDuration: opts.lockDurationMs,
    stalledInterval: opts.lockDurationMs,
    settings: {
      backoffStrategy: (attemptsMade, type) => {
        if (type !== PUBLICATION_BACKOFF) throw new Error(`unknown backoff ${String(type)}`);
        return publicationRetryDelayMs(attemptsMade);
      },
    },
  });
  worker.on('error', (error) => {
    opts.log.warn({ err: error, channel }, 'worker connection error');
  });
  return worker;
}
