import { Redis } from 'ioredis';

/** Walks every key that starts with `prefix` (matched literally: glob characters are escaped). */
async function eachBatch(redisUrl: string, prefix: string, visit: (redis: Redis, keys: string[]) => Promise<number>): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let total = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 2000);
      cursor = next;
      if (keys.length > 0) total += await visit(redis, keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return total;
}

/** Deletes every key under `prefix` by SCAN + UNLINK (never FLUSHALL: this Redis is shared). Returns how many went. */
export function deleteKeysByPrefix(redisUrl: string, prefix: string): Promise<number> {
  return eachBatch(redisUrl, prefix, (redis, keys) => redis.unlink(...keys));
}

/** How many keys are under `prefix`: a check that nothing was left behind. */
export function countKeysByPrefix(redisUrl: string, prefix: string): Promise<number> {
  return eachBatch(redisUrl, prefix, (_redis, keys) => Promise.resolve(keys.length));
}
