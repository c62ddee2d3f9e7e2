import { readFile } from 'node:fs/promises';
import { Redis } from 'ioredis';
import type pg from 'pg';

/**
 * CPU seconds spent by everything a run uses: this process, the Redis server, and the PostgreSQL
 * backends serving one database (read from /proc: the servers run on this machine). Work per
 * CPU-second stays comparable when other processes load the machine; work per wall-second does not.
 */
export interface CpuMeter {
  /** Seconds of CPU so far, per part; `nodeMain` is this process's main thread alone (JavaScript). */
  read(): Promise<{ node: number; nodeMain: number; redis: number; postgres: number }>;
  close(): Promise<void>;
}

/** Linux's clock ticks per second (`getconf CLK_TCK`), the unit of /proc/<pid>/stat's times. */
const TICKS_PER_SECOND = 100;

/** CPU seconds of a process (or, as `self/task/<tid>`, of one thread), from its /proc stat. */
async function procSeconds(path: string): Promise<number> {
  try {
    const stat = await readFile(`/proc/${path}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0; // the backend ended
  }
}

export function cpuMeter(redisUrl: string, probe: pg.Pool, database: string): CpuMeter {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
  // Backends come and go with pool connections; a backend seen once is counted until it ends.
  const seen = new Map<number, number>();
  return {
    async read() {
      const usage = process.cpuUsage();
      const info = await redis.info('cpu');
      const value = (key: string): number => Number(new RegExp(`^${key}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
      const { rows } = await probe.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database]);
      for (const { pid } of rows) seen.set(pid, await procSeconds(String(pid)));
      return {
        node: (usage.user + usage.system) / 1e6,
        // The rest of node's CPU is its other threads: V8's (collector, compiler) and libuv's file calls.
        nodeMain: await procSeconds(`self/task/${process.pid}`),
        redis: value('used_cpu_user') + value('used_cpu_sys'),
        postgres: [...seen.values()].reduce((a, b) => a + b, 0),
      };
    },
    async close() {
      redis.disconnect();
    },
  };
}

/** CPU seconds between two readings, in all and per part. */
export function cpuSpent(
  from: Awaited<ReturnType<CpuMeter['read']>>,
  to: Awaited<ReturnType<CpuMeter['read']>>,
): { total: number; node: number; nodeMain: number; redis: number; postgres: number } {
  const node = to.node - from.node;
  const nodeMain = to.nodeMain - from.nodeMain;
  const redis = to.redis - from.redis;
  const postgres = to.postgres - from.postgres;
  return { total: node + redis + postgres, node, nodeMain, redis, postgres };
}
