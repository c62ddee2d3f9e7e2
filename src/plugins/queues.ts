import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { CHANNELS } from '../notices/types.ts';
import { redisClient } from '../queue/connection.ts';
import { ALERTS_QUEUE, channelQueueName, MAINTENANCE_QUEUE } from '../queue/names.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every worker queue by name, for the operator's views (metrics, readiness, dashboard); the API adds no jobs. */
    queues: ReadonlyMap<string, Queue>;
  }
}

export interface QueuesPluginOptions {
  redisUrl: string;
  /** HERALD_REDIS_CLUSTER */
  cluster: boolean;
  /** HERALD_QUEUE_PREFIX. */
  prefix: string;
}

/** The names of every queue a worker process runs. */
export const WORKER_QUEUES = [...CHANNELS.map(channelQueueName), MAINTENANCE_QUEUE, ALERTS_QUEUE] as const;

async function queuesPlugin(app: FastifyInstance, opts: QueuesPluginOptions): Promise<void> {
  // One connection for all of them, failing fast while Redis is away (readiness says so at once).
  const connection = redisClient(opts.redisUrl, opts.cluster, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 });
  connection.on('error', () => undefined);
  const queues = new Map(WORKER_QUEUES.map((name) => [name, new Queue(name, { connection, prefix: opts.prefix })]));
  for (const queue of queues.values()) {
    queue.on('error', (error) => {
      app.log.debug({ err: error, queue: queue.name }, 'queue connection error');
    });
  }
  app.decorate('queues', queues);
  app.addHook('onClose', async () => {
    await Promise.all([...queues.values()].map((q) => q.close()));
    connection.disconnect();
  });
}

export default fp(queuesPlugin, { name: 'herald-queues', fastify: '5.x' });
