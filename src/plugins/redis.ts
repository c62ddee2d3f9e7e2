import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Cluster, Redis } from 'ioredis';
import { redisClient } from '../queue/connection.ts';

declare module 'fastify' {
  interface FastifyInstance {
    redis: Redis | Cluster;
  }
}

export interface RedisPluginOptions {
  url: string;
  /** HERALD_REDIS_CLUSTER */
  cluster: boolean;
}

async function redisPlugin(app: FastifyInstance, opts: RedisPluginOptions): Promise<void> {
  // Fail fast instead of queueing commands while Redis is away: readiness must say so at once.
  const redis = redisClient(opts.url, opts.cluster, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', (error: Error) => {
    app.log.warn({ err: error }, 'redis connection error');
  });
  redis.connect().catch(() => undefined);
  app.decorate<Redis | Cluster>('redis', redis);
  app.addHook('onClose', async () => {
    redis.disconnect();
  });
}

export default fp(redisPlugin, { name: 'herald-redis', fastify: '5.x' });
