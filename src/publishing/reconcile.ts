import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import type { DuePublication, PublishingQueues } from '../queue/publishing-queues.ts';
import { databaseNow, listOpenPublications, markScheduled } from '../store/publications.ts';

const PAGE = 500;
/** Job states in which BullMQ still holds the job: nothing to do. */
const LIVE = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

/**
 * Re-enqueues every publication handed to Redis that has no live job (Ghost's `rescheduleAll`): after
 * a Redis that lost everything, or a job removed by hand. Publications not handed over yet (`pending`)
 * are the outbox relay's, which runs in every worker process. Job ids are the publication ids, so
 * running this twice, or beside the relay, adds nothing twice.
 */
export async function reconcile(pool: pg.Pool, queues: PublishingQueues, log: FastifyBaseLogger, now: Date): Promise<{ checked: number; enqueued: number }> {
  let checked = 0;
  let enqueued = 0;
  let after: string | null = null;
  // Rows the relay hands over or workers claim while the pass runs have their jobs: not checked.
  const passStart = await databaseNow(pool);
  for (;;) {
    const page = await listOpenPublications(pool, after, PAGE, passStart);
    if (page.length === 0) break;
    after = page[page.length - 1]?.id ?? null;
    checked += page.length;
    const states = await Promise.all(page.map((p) => queues.queue(p.channel).getJobState(p.id)));
    const missing: DuePublication[] = page.filter((_, i) => !LIVE.has(states[i] ?? 'unknown'));
    if (missing.length > 0) {
      await queues.enqueue(missing, now.getTime());
      await markScheduled(pool, missing.map((p) => p.id));
      enqueued += missing.length;
    }
  }
  if (enqueued > 0) log.info({ event: 'reconciler.enqueued', checked, enqueued }, 're-enqueued publications without a job');
  return { checked, enqueued };
}
