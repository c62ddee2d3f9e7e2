import type { ConnectionOptions } from 'bullmq';
import { Cluster, Redis, type RedisOptions } from 'ioredis';

export interface QueueConfig {
  redisUrl: string;
  /** @defaultValue '{herald}' */
  prefix: string;
  /** HERALD_REDIS_CLUSTER: `redisUrl` is one node of a Redis Cluster. @defaultValue false */
  cluster?: boolean;
}

/**
 * A Redis client for `url`: the server itself, or (`cluster`) a Cluster client that starts from that
 * node and finds the others, following MOVED/ASK as slots move and nodes restart.
 */
export function redisClient(url: string, cluster: boolean, options: RedisOptions): Redis | Cluster {
  if (!cluster) return new Redis(url, options);
  const node = new URL(url);
  const auth = { ...(node.username ? { username: decodeURIComponent(node.username) } : {}), ...(node.password ? { password: decodeURIComponent(node.password) } : {}) };
  const { enableOfflineQueue, ...perNode } = options;
  return new Cluster([{ host: node.hostname, port: Number(node.port || 6379) }], {
    redisOptions: { ...perNode, ...auth, ...(node.protocol === 'rediss:' ? { tls: {} } : {}) },
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    // A restarted node is found again by its neighbours' slot maps; keep asking meanwhile.
    clusterRetryStrategy: (times) => Math.min(100 * times, 2000),
  });
}

/**
 * Cluster clients handed to BullMQ as instances: BullMQ treats an instance as shared and never
 * disconnects it, so whoever closes the queues calls `disconnectClusterClients()`.
 */
const clusterClients = new Set<Cluster>();

/** Disconnects every Cluster client `connectionFor` made (none on a single Redis). */
export function disconnectClusterClients(): void {
  for (const client of clusterClients) client.disconnect();
  clusterClients.clear();
}

const WORKER = { maxRetriesPerRequest: null } as const;
const PRODUCER = { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 } as const;

/**
 * BullMQ's connection for a Redis URL.
 * - `worker`: `maxRetriesPerRequest: null` lets workers wait out a Redis restart instead of failing
 *   every command (BullMQ's advice for workers).
 * - `producer` (the API): fail fast instead of hanging a request while Redis is away; the notice is
 *   already committed and the reconciler enqueues it later.
 * On a Redis Cluster BullMQ needs a Cluster instance (it makes no cluster client from options); the
 * queue prefix's hash tag keeps each queue's keys in one slot.
 */
export function connectionFor(config: QueueConfig, role: 'worker' | 'producer'): ConnectionOptions {
  const options = role === 'worker' ? WORKER : PRODUCER;
  if (!config.cluster) return { url: config.redisUrl, ...options };
  const client = redisClient(config.redisUrl, true, options) as Cluster;
  client.on('error', () => undefined);
  clusterClients.add(client);
  return client;
}
