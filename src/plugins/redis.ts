import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';

declare module 'fastify' {
  interface FastifyInstance {
    redis: Redis;
  }
}

export interface RedisPluginOptions {
  url: string;
}

async function redisPlugin(app: FastifyInstance, opts: RedisPluginOptions): Promise<void> {
  // Fail fast instead of queueing commands while Redis is away: readiness must say so at once.
  const redis = new Redis(opts.url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', (error: Error) => {
    app.log.warn({ err: error }, 'redis connection error');
  });
  redis.connect().catch(() => undefined);
  app.decorate('redis', redis);
  app.addHook('onClose', async () => {
    redis.disconnect();
  });
}

export default fp(redisPlugin, { name: 'herald-redis', fastify: '5.x' });
