import { UnrecoverableError, Worker } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';
import { deliverAlert, type AlertDeliveryContext, type DeliveryOutcome } from '../src/alerts/deliver.ts';
import type { AlertDeliveryJob } from '../src/queue/alert-queue.ts';
import { connectionFor, type QueueConfig } from '../src/queue/connection.ts';
import { ALERTS_QUEUE } from '../src/queue/names.ts';

/**
 * The alert queue's worker: one delivery per job. A retryable failure throws (BullMQ backs off and
 * tries again); a permanent one stops the job at once. PostgreSQL keeps each delivery's state.
 */
export function createAlertWorker(ctx: AlertDeliveryContext, queue: QueueConfig, log: FastifyBaseLogger, observe?: (outcome: DeliveryOutcome) => void): Worker<AlertDeliveryJob> {
  const worker = new Worker<AlertDeliveryJob>(
    ALERTS_QUEUE,
    async (job) => {
      const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const outcome = await deliverAlert(ctx, job.data.deliveryId, finalAttempt);
      observe?.(outcome);
      if (outcome.kind === 'retry') throw new Error(outcome.error);
      if (outcome.kind === 'failed') throw new UnrecoverableError(outcome.error);
      return outcome.kind;
    },
    { connection: connectionFor(queue, 'worker'), prefix: queue.prefix, concurrency: 4 },
  );
  worker.on('error', (error) => {
    log.warn({ err: error }, 'alert worker connection error');
  });
  return worker;
}
