import { Queue, type JobsOptions } from 'bullmq';
import { CHANNELS, type ChannelName } from '../notices/types.ts';
import { connectionFor, type QueueConfig } from './connection.ts';
import { channelQueueName, MAINTENANCE_QUEUE } from './names.ts';

/** A job's payload: PostgreSQL holds everything else (principle 1). */
export interface PublicationJob {
  publicationId: string;
}

export interface DuePublication {
  id: string;
  channel: ChannelName;
  scheduledAt: Date;
}

/** The backoff type of publication jobs: see {@link publicationRetryDelayMs}. */
export const PUBLICATION_BACKOFF = 'doubling-capped';
const FIRST_RETRY_MS = 2000;
const LONGEST_RETRY_MS = 300_000;

/**
 * The wait before retry `attemptsMade`: doubling from 2 s, but never more than 5 minutes, so an
 * outage of a channel (a Graph API incident, the newspaper's SFTP down) is waited out for 22–44
 * minutes in all rather than 4–8; up to half of each wait is jitter, so a channel coming back is not
 * hit by every worker at once.
 */
export function publicationRetryDelayMs(attemptsMade: number, random: () => number = Math.random): number {
  const wait = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(wait * (1 - 0.5 * random()));
}

/**
 * Retries spend themselves only where they can help (a permanent refusal stops at once); the
 * channel workers know the backoff type ({@link publicationRetryDelayMs}).
 */
export const PUBLICATION_JOB_OPTIONS: JobsOptions = {
  attempts: 16,
  backoff: { type: PUBLICATION_BACKOFF },
  // Finished jobs are gone: PostgreSQL keeps the outcome, and the reconciler may add the same id again.
  removeOnComplete: true,
  removeOnFail: true,
};

/** The producer side of the channel queues: used by the API after commit and by the reconciler. */
export class PublishingQueues {
  readonly queues: ReadonlyMap<ChannelName, Queue<PublicationJob>>;
  readonly maintenance: Queue;

  constructor(config: QueueConfig, role: 'worker' | 'producer') {
    const connection = connectionFor(config, role);
    this.queues = new Map(CHANNELS.map((channel) => [channel, new Queue<PublicationJob>(channelQueueName(channel), { connection, prefix: config.prefix })]));
    this.maintenance = new Queue(MAINTENANCE_QUEUE, { connection, prefix: config.prefix });
  }

  queue(channel: ChannelName): Queue<PublicationJob> {
    const queue = this.queues.get(channel);
    if (!queue) throw new Error(`no queue for ${channel}`);
    return queue;
  }

  /**
   * Adds one delayed job per publication. The job id is the publication id, so adding it again while
   * the job waits is a no-op: re-enqueueing never duplicates.
   */
  async enqueue(publications: readonly DuePublication[], now = Date.now()): Promise<void> {
    const byChannel = new Map<ChannelName, DuePublication[]>();
    for (const p of publications) {
      const list = byChannel.get(p.channel) ?? [];
      list.push(p);
      byChannel.set(p.channel, list);
    }
    await Promise.all(
      [...byChannel].map(([channel, due]) =>
        this.queue(channel).addBulk(
          due.map((p) => ({
            name: 'publish',
            data: { publicationId: p.id },
            opts: { ...PUBLICATION_JOB_OPTIONS, jobId: p.id, delay: Math.max(0, p.scheduledAt.getTime() - now) },
          })),
        ),
      ),
    );
  }

  /**
   * Take-down jobs for withdrawn publications, id `withdraw-<publication id>`. One that fails for
   * good is not kept: the relay's next pass adds it again, as the row is still `withdrawing` (with
   * its last error), so a withdrawal is tried until the post is down. Kept in the failed set, the
   * id would have stopped every later take-down of the publication.
   */
  async enqueueWithdrawals(publications: readonly { id: string; channel: ChannelName }[]): Promise<void> {
    await Promise.all(
      publications.map((p) =>
        this.queue(p.channel).add(
          'withdraw',
          { publicationId: p.id },
          { ...PUBLICATION_JOB_OPTIONS, jobId: `withdraw-${p.id}` },
        ),
      ),
    );
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values(), this.maintenance].map((q) => q.close()));
  }
}
