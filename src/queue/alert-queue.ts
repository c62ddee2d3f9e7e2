import { Queue, type JobsOptions } from 'bullmq';
import { connectionFor, type QueueConfig } from './connection.ts';
import { ALERTS_QUEUE } from './names.ts';

/** A delivery job's payload: PostgreSQL holds the message (principle 1). */
export interface AlertDeliveryJob {
  deliveryId: string;
}

/**
 * E-mails and webhooks retry with exponential backoff: a receiver that is down for an hour still gets
 * the alert. @defaultValue 10 attempts, 5 s doubling (about 85 minutes in all)
 */
export function alertJobOptions(retryDelayMs = 5000): JobsOptions {
  return { attempts: 10, backoff: { type: 'exponential', delay: retryDelayMs, jitter: 0.3 }, removeOnComplete: true, removeOnFail: true };
}

/** The producer side of the alert queue: the deadline watch hands it each new delivery. */
export class AlertQueue {
  readonly queue: Queue<AlertDeliveryJob>;

  constructor(
    config: QueueConfig,
    private readonly jobOptions: JobsOptions = alertJobOptions(),
  ) {
    this.queue = new Queue<AlertDeliveryJob>(ALERTS_QUEUE, { connection: connectionFor(config, 'worker'), prefix: config.prefix });
  }

  /** The job id is the delivery id: handing the same delivery over again while it waits is a no-op. */
  async enqueue(deliveryIds: readonly string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    await this.queue.addBulk(deliveryIds.map((deliveryId) => ({ name: 'deliver', data: { deliveryId }, opts: { ...this.jobOptions, jobId: deliveryId } })));
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
