import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeGraph } from '../../test/fakes/graph-api/server.ts';
import type { SftpTestServer } from '../../test/fakes/sftp/openssh-server.ts';
import type { Herald } from './herald.ts';
import type { SoakPostgres, SoakRedis } from './services.ts';

export type FaultKind =
  | 'worker-kill'
  | 'redis-flush'
  | 'redis-restart'
  | 'cluster-node-restart'
  | 'postgres-restart'
  | 'graph-rate-limit'
  | 'graph-5xx'
  | 'graph-slow'
  | 'graph-accept-then-drop'
  | 'sftp-down';

export interface Chaos {
  /** How many of each fault were injected. */
  counts: Map<FaultKind, number>;
  /** When PostgreSQL was down: [from, to] in ms since the epoch. */
  postgresDown: [number, number][];
  /** Every fault with its time, for the log. */
  log: string[];
}

export interface ChaosOptions {
  herald: Herald;
  redis: SoakRedis;
  postgres: SoakPostgres;
  graph: FakeGraph;
  sftp: SftpTestServer;
  workers: readonly string[];
  /** Faults are injected until then. */
  until: number;
  /** Mean gap between two faults. */
  meanGapMs: number;
  /** The newspaper booking deadline: the SFTP server is down across it once, and a worker killed just after. */
  newspaperDeadline: number;
}

const pick = <T>(items: readonly T[]): T => {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
};

/** Injects faults at random moments until `until`; returns what it did. */
export async function runChaos(opts: ChaosOptions): Promise<Chaos> {
  const chaos: Chaos = { counts: new Map(), postgresDown: [], log: [] };
  const started = Date.now();
  const note = (kind: FaultKind, detail = ''): void => {
    chaos.counts.set(kind, (chaos.counts.get(kind) ?? 0) + 1);
    chaos.log.push(`+${((Date.now() - started) / 1000).toFixed(1)}s ${kind}${detail ? ` ${detail}` : ''}`);
  };
  let rateLimited = false;
  /** Workers being killed and restarted right now: never two kills of one process at once. */
  const killing = new Set<string>();
  const killWorker = async (detail: string, downMs: number): Promise<void> => {
    const free = opts.workers.filter((w) => !killing.has(w));
    if (free.length === 0) return;
    const name = pick(free);
    killing.add(name);
    note('worker-kill', `${name}${detail}`);
    try {
      await opts.herald.kill(name, downMs);
    } finally {
      killing.delete(name);
    }
  };

  const inject = async (kind: FaultKind): Promise<void> => {
    switch (kind) {
      case 'worker-kill':
        await killWorker('', 500 + Math.random() * 2500);
        return;
      case 'redis-flush':
        note(kind);
        await opts.redis.flushAll();
        return;
      case 'redis-restart':
      case 'cluster-node-restart': {
        const port = await opts.redis.restart();
        note(kind, `port ${port}`);
        return;
      }
      case 'postgres-restart': {
        const from = Date.now();
        const downMs = 1000 + Math.random() * 3000;
        note(kind, `${Math.round(downMs)} ms down`);
        try {
          await opts.postgres.restart(downMs);
        } finally {
          chaos.postgresDown.push([from, Date.now()]);
        }
        return;
      }
      case 'graph-rate-limit':
        // Once per run: Facebook's pause is counted in whole minutes.
        if (rateLimited) return inject('graph-5xx');
        rateLimited = true;
        note(kind);
        opts.graph.fail({ match: { method: 'POST' }, action: { kind: 'error', code: 32, regainMinutes: 1, usagePercent: 100 }, times: 1 });
        return;
      case 'graph-5xx':
        note(kind);
        opts.graph.fail({ match: { method: 'POST' }, action: { kind: 'error', code: 2, status: 500 }, times: 2 });
        return;
      case 'graph-slow':
        note(kind);
        opts.graph.fail({ match: { method: 'POST' }, action: { kind: 'slow', ms: 8000, afterCreate: Math.random() < 0.5 }, times: 1 });
        return;
      case 'graph-accept-then-drop':
        note(kind);
        opts.graph.fail({
          match: { method: 'POST' },
          action: Math.random() < 0.5 ? { kind: 'drop', afterCreate: true } : { kind: 'error-after-create', code: 2, status: 500 },
          times: 1,
        });
        return;
      case 'sftp-down': {
        const downMs = 2000 + Math.random() * 6000;
        note(kind, `${Math.round(downMs)} ms`);
        await opts.sftp.stop();
        await sleep(downMs);
        await opts.sftp.start();
        return;
      }
    }
  };

  const kinds: FaultKind[] = [
    'worker-kill',
    'worker-kill',
    'redis-flush',
    opts.redis.cluster ? 'cluster-node-restart' : 'redis-restart',
    'postgres-restart',
    'graph-rate-limit',
    'graph-5xx',
    'graph-slow',
    'graph-accept-then-drop',
    'sftp-down',
  ];
  // Every kind once, early, in random order; then at random.
  const firstRound = [...kinds].sort(() => Math.random() - 0.5);
  const atDeadline = (async () => {
    const wait = opts.newspaperDeadline - 2000 - Date.now();
    if (wait < 0) return;
    await sleep(wait);
    note('sftp-down', 'across the newspaper deadline');
    await opts.sftp.stop();
    await sleep(6000);
    await opts.sftp.start();
  })();
  const killAfterDeadline = (async () => {
    const wait = opts.newspaperDeadline + 300 - Date.now();
    if (wait < 0) return;
    await sleep(wait);
    await killWorker(' just after the newspaper deadline', 1000);
  })();

  // Faults overlap, as they do: one that takes a while (a restart, an outage) does not hold back the next.
  // Only one of each kind at a time (two PostgreSQL restarts at once would trip over each other).
  const busy = new Set<FaultKind>();
  const running: Promise<void>[] = [];
  while (Date.now() < opts.until) {
    await sleep(opts.meanGapMs * (0.3 + Math.random() * 1.4));
    if (Date.now() >= opts.until) break;
    const idle = kinds.filter((k) => !busy.has(k));
    const next = firstRound.find((k) => !busy.has(k)) ?? (idle.length > 0 ? pick(idle) : undefined);
    if (next === undefined) continue;
    const index = firstRound.indexOf(next);
    if (index >= 0) firstRound.splice(index, 1);
    busy.add(next);
    running.push(
      inject(next)
        .catch((error: unknown) => {
          chaos.log.push(`${next} could not be injected: ${String(error)}`);
        })
        .finally(() => busy.delete(next)),
    );
  }
  await Promise.all([...running, atDeadline, killAfterDeadline]);
  return chaos;
}
