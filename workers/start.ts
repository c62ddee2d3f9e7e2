import { join } from 'node:path';
import type { Worker } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import { sealAll } from '../src/archive/index.ts';
import { createNewspaperChannel } from '../src/channels/newspaper/index.ts';
import type { ChannelAdapter } from '../src/channels/types.ts';
import { createWebsiteChannel } from '../src/channels/website/index.ts';
import type { ChannelName } from '../src/notices/types.ts';
import { publishNewspaperIssue } from '../src/publishing/newspaper-batch.ts';
import { reconcile } from '../src/publishing/reconcile.ts';
import { startRelayLoop } from '../src/publishing/relay-loop.ts';
import { BatchLedger } from '../src/publishing/batch-ledger.ts';
import type { PublishContext } from '../src/publishing/publish.ts';
import { indexRebuilds, rebuildWebsiteIndex, WEBSITE_INDEX_JOB } from '../src/publishing/website-index.ts';
import type { QueueConfig } from '../src/queue/connection.ts';
import { PublishingQueues } from '../src/queue/publishing-queues.ts';
import { WindowedJob } from '../src/queue/windowed-job.ts';
import { webRootOf } from '../src/routes/public.ts';
import type { TenantDirectory } from '../src/tenancy/directory.ts';
import type { Clock } from '../src/time/clock.ts';
import { createChannelWorker } from './channel-worker.ts';
import { createMaintenanceWorker } from './maintenance-worker.ts';

export interface WorkerOptions {
  pool: pg.Pool;
  /** For the outbox relay's LISTEN connection. */
  databaseUrl: string;
  directory: TenantDirectory;
  queue: QueueConfig;
  dataDir: string;
  log: FastifyBaseLogger;
  /** @defaultValue 4 */
  concurrency?: number;
  /** Job lock and publication lease; tests shrink it. @defaultValue 30 000 */
  lockDurationMs?: number;
  /** How often the archive sealer runs. @defaultValue 2 000 */
  sealEveryMs?: number;
  /** How often the reconciler compares PostgreSQL with Redis. @defaultValue 30 000 */
  reconcileEveryMs?: number;
  /** How often listings are rebuilt so expired notices leave them. @defaultValue 3 600 000 */
  refreshListingsEveryMs?: number;
  /** @defaultValue the system clock */
  clock?: Clock;
  /**
   * How many other due publications a website job takes along in its claim (one statement, one
   * transaction for the lot). @defaultValue 50
   */
  websiteBatchSize?: number;
}

/** Periodic jobs keep their recent history (for the operator), not every run since the start. */
const KEEP_RECENT = { removeOnComplete: { count: 1000 }, removeOnFail: { count: 1000 } };

/**
 * Records are sealed this soon after they are appended (the periodic seal is the fallback), so a
 * burst of publications is in the chain well within the seal interval.
 */
const SEAL_SOON_MS = 250;

/** How often each worker process makes sure the maintenance schedules exist in Redis. */
const SCHEDULE_RENEWAL_MS = 5000;

export interface RunningWorkers {
  workers: readonly Worker[];
  queues: PublishingQueues;
  /** Finishes running jobs (BullMQ's close waits for them), then disconnects. */
  close(): Promise<void>;
}

/** Starts every channel worker and the maintenance worker in this process: `npm run worker`. */
export async function startWorkers(opts: WorkerOptions): Promise<RunningWorkers> {
  const clock = opts.clock ?? (() => new Date());
  const lockDurationMs = opts.lockDurationMs ?? 30_000;
  const webRoot = webRootOf(opts.dataDir);
  const queues = new PublishingQueues(opts.queue, 'worker');
  const newspaper = createNewspaperChannel({ directoryRoot: join(opts.dataDir, 'newspapers'), clock });
  const adapters = new Map<ChannelName, ChannelAdapter>([
    ['website', createWebsiteChannel({ webRoot, clock })],
    ['newspaper', newspaper],
  ]);
  // A newspaper job delivers the whole issue its publication is booked into (src/publishing/newspaper-batch.ts).
  const issueCtx = { pool: opts.pool, directory: opts.directory, newspaper, leaseMs: lockDurationMs, clock };
  const ctx: PublishContext = {
    pool: opts.pool,
    directory: opts.directory,
    adapters,
    leaseMs: lockDurationMs,
    clock,
    batchSize: { website: opts.websiteBatchSize ?? 50 },
    ledger: new BatchLedger(),
  };
  const rebuilds = indexRebuilds(queues);
  const seals = new WindowedJob<Record<string, never>>(queues.maintenance, 'seal', SEAL_SOON_MS, KEEP_RECENT);

  const channelWorkers = [...adapters.keys()].map((channel) =>
    createChannelWorker(channel, ctx, {
      queue: opts.queue,
      concurrency: opts.concurrency ?? 4,
      lockDurationMs,
      log: opts.log,
      onChanged: async (change) => {
        await seals.request('soon', {});
        if (change.channel === 'website') await rebuilds.request(change.tenantSlug, { tenantSlug: change.tenantSlug });
      },
      ...(channel === 'newspaper' ? { publish: (id: string, finalAttempt: boolean) => publishNewspaperIssue(issueCtx, id, finalAttempt) } : {}),
    }),
  );
  const maintenance = createMaintenanceWorker(
    {
      // 1,000-row batches seal about twice as fast as 500 here (one round trip per batch).
      seal: () => sealAll(opts.pool, { batchSize: 1000 }),
      reconcile: () => reconcile(opts.pool, queues, opts.log, clock()),
      [WEBSITE_INDEX_JOB]: (job) => rebuildWebsiteIndex(opts.pool, opts.directory, webRoot, (job.data as { tenantSlug: string }).tenantSlug, clock()),
      'refresh-listings': () => Promise.all(opts.directory.tenants().map((t) => rebuilds.request(t.slug, { tenantSlug: t.slug }))),
    },
    opts.queue,
    opts.log,
  );

  // Job schedulers: upserting the same id from several worker processes keeps one schedule. They live
  // in Redis, so a Redis that lost everything loses them too: each process upserts them again every
  // few seconds (a no-op while they exist).
  const keepSchedules = async (): Promise<void> => {
    await queues.maintenance.upsertJobScheduler('seal', { every: opts.sealEveryMs ?? 2000 }, { name: 'seal', opts: KEEP_RECENT });
    await queues.maintenance.upsertJobScheduler('reconcile', { every: opts.reconcileEveryMs ?? 30_000 }, { name: 'reconcile', opts: KEEP_RECENT });
    await queues.maintenance.upsertJobScheduler('refresh-listings', { every: opts.refreshListingsEveryMs ?? 3_600_000 }, { name: 'refresh-listings', opts: KEEP_RECENT });
  };
  await keepSchedules();
  const scheduleKeeper = setInterval(() => {
    keepSchedules().catch((error: unknown) => {
      opts.log.warn({ err: error }, 'could not renew the job schedulers; retrying');
    });
  }, SCHEDULE_RENEWAL_MS);
  // A pass at start: whatever Redis lost while no worker ran goes back into the queues now.
  await reconcile(opts.pool, queues, opts.log, clock());
  const relay = startRelayLoop({ pool: opts.pool, databaseUrl: opts.databaseUrl, queues, log: opts.log, clock });

  const workers = [...channelWorkers, maintenance];
  return {
    workers,
    queues,
    async close() {
      clearInterval(scheduleKeeper);
      await relay.stop();
      await Promise.all(workers.map((w) => w.close()));
      await queues.close();
    },
  };
}
