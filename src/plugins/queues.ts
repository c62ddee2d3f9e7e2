import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { PublishingQueues } from '../queue/publishing-queues.ts';

declare module 'fastify' {
  interface FastifyInstance {
    queues: PublishingQueues;
  }
}

export interface QueuesPluginOptions {
  redisUrl: string;
  prefix: string;
}

async function queuesPlugin(app: FastifyInstance, opts: QueuesPluginOptions): Promise<void> {
  const queues = new PublishingQueues({ redisUrl: opts.redisUrl, prefix: opts.prefix }, 'producer');
  for (const queue of [...queues.queues.values(), queues.maintenance]) {
    queue.on('error', (error) => {
      app.log.warn({ err: error, queue: queue.name }, 'queue connection error');
    });
  }
  app.decorate('queues', queues);
  app.addHook('onClose', async () => {
    await queues.close();
  });
}

export default fp(queuesPlugin, { name: 'herald-queues', fastify: '5.x' });
