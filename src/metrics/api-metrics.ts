import type { Queue } from 'bullmq';
import type pg from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { openAlertCounts } from '../store/alerts.ts';
import { publicationCounts, unsealedArchive } from '../store/operator-counts.ts';

export interface ApiMetricSources {
  pool: pg.Pool;
  queues: ReadonlyMap<string, Queue>;
}

/** BullMQ's job states worth watching: a growing `waiting` or `delayed`, any `failed`. */
const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;

/** A scrape must answer even while a source is down: each read gets this long, then its gauge stays empty. */
const SOURCE_TIMEOUT_MS = 2000;

async function within<T>(work: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      resolve(undefined);
    }, SOURCE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The API process's `/metrics`: notices accepted and rejected (counted here, by type and rule), and
 * the whole deployment's state read at scrape time from PostgreSQL and Redis — publications by
 * channel and state, queue depths and delayed jobs, how far archive sealing lags, alerts open — so
 * any one API process answers for the system, and a restart loses nothing.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly accepted = new Counter({ name: 'herald_notices_accepted_total', help: 'Notices accepted (POST /v1/notices answered 201), by type', labelNames: ['type'] as const, registers: [this.registry] });
  private readonly rejected = new Counter({ name: 'herald_notices_rejected_total', help: 'Notices refused, by type and by each rule they broke', labelNames: ['type', 'rule'] as const, registers: [this.registry] });

  constructor(sources: ApiMetricSources) {
    const registers = [this.registry];
    new Gauge({
      name: 'herald_publications',
      help: 'Publications by channel and state',
      labelNames: ['channel', 'state'] as const,
      registers,
      async collect() {
        const rows = await within(publicationCounts(sources.pool));
        this.reset();
        for (const r of rows ?? []) this.set({ channel: r.channel, state: r.state }, r.count);
      },
    });
    new Gauge({
      name: 'herald_queue_jobs',
      help: 'Jobs in each worker queue by state (waiting, active, delayed, prioritized, failed)',
      labelNames: ['queue', 'state'] as const,
      registers,
      async collect() {
        const counts = await Promise.all([...sources.queues.values()].map(async (q) => ({ queue: q.name, counts: await within(q.getJobCounts(...JOB_STATES)) })));
        this.reset();
        for (const { queue, counts: c } of counts) for (const state of JOB_STATES) if (c) this.set({ queue, state }, c[state] ?? 0);
      },
    });
    new Gauge({
      name: 'herald_archive_sealing_lag_seconds',
      help: 'Age of the oldest archive record not yet sealed (0: all sealed)',
      registers,
      async collect() {
        const archive = await within(unsealedArchive(sources.pool));
        if (archive) this.set(archive.oldestSeconds);
      },
    });
    new Gauge({
      name: 'herald_archive_unsealed_records',
      help: 'Archive records not yet in the hash chain',
      registers,
      async collect() {
        const archive = await within(unsealedArchive(sources.pool));
        if (archive) this.set(archive.count);
      },
    });
    new Gauge({
      name: 'herald_alerts_open',
      help: 'Alerts of the deadline watch not yet resolved, by tenant and kind',
      labelNames: ['tenant', 'kind'] as const,
      registers,
      async collect() {
        const rows = await within(openAlertCounts(sources.pool));
        this.reset();
        for (const r of rows ?? []) this.set({ tenant: r.tenant, kind: r.kind }, r.count);
      },
    });
  }

  private processMetrics = false;

  /**
   * Node's process metrics (CPU, memory, event-loop lag), from the first scrape on: an event-loop
   * monitor is started only in a process someone scrapes.
   */
  async scrape(): Promise<string> {
    if (!this.processMetrics) {
      collectDefaultMetrics({ register: this.registry, prefix: 'herald_api_' });
      this.processMetrics = true;
    }
    return this.registry.metrics();
  }

  noticeAccepted(type: string): void {
    this.accepted.inc({ type });
  }

  noticeRejected(type: string, rules: readonly string[]): void {
    for (const rule of new Set(rules)) this.rejected.inc({ type, rule });
  }
}
