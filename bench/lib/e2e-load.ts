import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';

export interface Latencies {
  ok: number;
  failed: number;
  p50: number;
  p99: number;
  /** The slowest 1 %: when each was due (seconds into the load) and how long it took, slowest first. */
  slowest: { atS: number; ms: number }[];
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/**
 * Open-loop load: call `fire(i)` at `rate` per second for `durationS`, each on its schedule whether
 * or not the earlier ones have answered (a slow server does not slow the arrivals, as with real
 * users), and time each from its scheduled start. A fetch Response counts as ok when it is 2xx.
 */
export async function loadAt(rate: number, durationS: number, fire: (i: number) => Promise<unknown>): Promise<Latencies> {
  const total = Math.round(rate * durationS);
  const start = performance.now();
  const times: number[] = [];
  const timed: { atS: number; ms: number }[] = [];
  let failed = 0;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(
      fire(i).then(
        async (result) => {
          if (result instanceof Response) {
            await result.arrayBuffer();
            if (!result.ok) {
              failed += 1;
              return;
            }
          }
          const ms = performance.now() - due;
          times.push(ms);
          timed.push({ atS: (due - start) / 1000, ms });
        },
        () => {
          failed += 1;
        },
      ),
    );
  }
  await Promise.all(pending);
  times.sort((a, b) => a - b);
  const slowest = timed.sort((a, b) => b.ms - a.ms).slice(0, Math.ceil(timed.length / 100));
  return { ok: times.length, failed, p50: percentile(times, 50), p99: percentile(times, 99), slowest };
}

async function rssOfPid(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** RSS of the PostgreSQL backends connected to `database` (same machine), summed; shared buffers they touched count in each. */
export async function postgresBackendsRss(pool: pg.Pool, database: string): Promise<number> {
  const { rows } = await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database]);
  const sizes = await Promise.all(rows.map((r) => rssOfPid(r.pid)));
  return sizes.reduce((a, b) => a + b, 0);
}

export interface MemoryPeaks {
  redis: number;
  postgres: number;
  /** By process name. */
  processes: Record<string, number>;
}

/** Samples memory every second until `stop()`, keeping each peak. */
export function memorySampler(sources: {
  redis: { usedMemory(): Promise<number> };
  processes: () => readonly { name: string; rss(): Promise<number> }[];
  postgres: () => Promise<number>;
}): { stop(): Promise<MemoryPeaks> } {
  const peaks: MemoryPeaks = { redis: 0, postgres: 0, processes: {} };
  const state = { running: true };
  const loop = (async () => {
    while (state.running) {
      peaks.redis = Math.max(peaks.redis, await sources.redis.usedMemory().catch(() => 0));
      peaks.postgres = Math.max(peaks.postgres, await sources.postgres().catch(() => 0));
      for (const p of sources.processes()) peaks.processes[p.name] = Math.max(peaks.processes[p.name] ?? 0, await p.rss());
      await sleep(1000);
    }
  })();
  return {
    async stop() {
      state.running = false;
      await loop;
      return peaks;
    },
  };
}
