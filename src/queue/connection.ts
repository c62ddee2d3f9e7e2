import type { ConnectionOptions } from 'bullmq';

export interface QueueConfig {
  redisUrl: string;
  /** @defaultValue '{herald}' */
  prefix: string;
}

/**
 * BullMQ's connection for a Redis URL.
 * - `worker`: `maxRetriesPerRequest: null` lets workers wait out a Redis restart instead of failing
 *   every command (BullMQ's advice for workers).
 * - `producer` (the API): fail fast instead of hanging a request while Redis is away; the notice is
 *   already committed and the reconciler enqueues it later.
 */
export function connectionFor(config: QueueConfig, role: 'worker' | 'producer'): ConnectionOptions {
  return role === 'worker'
    ? { url: config.redisUrl, maxRetriesPerRequest: null }
    : { url: config.redisUrl, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 };
}
