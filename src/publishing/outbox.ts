import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import type { DuePublication, PublishingQueues } from '../queue/publishing-queues.ts';
import { markScheduled } from '../store/publications.ts';

/**
 * After the notice and its publications are committed (the outbox), hand them to the queues and mark
 * them `scheduled`. A Redis that is away loses nothing: the rows stay `pending` and the reconciler
 * enqueues them when Redis is back (principle 1). So this never throws.
 */
export async function dispatch(pool: pg.Pool, queues: PublishingQueues, publications: readonly DuePublication[], log: FastifyBaseLogger): Promise<boolean> {
  try {
    await queues.enqueue(publications);
    await markScheduled(pool, publications.map((p) => p.id));
    return true;
  } catch (error) {
    log.warn({ err: error, event: 'outbox.deferred', publications: publications.length }, 'enqueue deferred to the reconciler');
    return false;
  }
}
