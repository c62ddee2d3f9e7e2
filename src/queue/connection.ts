import type { ConnectionOptions } from 'bullmq';

export interface QueueConfig {
  redisUrl: string;
  /** @defaultValue '{herald}' */
  prefix: string;
}

/**
 * BullMQ's connection for a Redis URL. `maxRetriesPerRequest: null` lets workers wait out a Redis
 * restart instead of failing every command (BullMQ's advice for workers).
 */
export function connectionFor(config: QueueConfig): ConnectionOptions {
  return { url: config.redisUrl, maxRetriesPerRequest: null };
}
