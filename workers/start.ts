import { join } from 'node:path';
import type { Worker } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import { createMailer, type MailerOptions } from '../src/alerts/email.ts';
import { runAlertWatch } from '../src/alerts/watch.ts';
import { sealAll } from '../src/archive/index.ts';
import { DAILY_SEAL_JOB, dailySealSchedules, devSealKey, runDailySeals, type SealKey } from '../src/archive/seals/index.ts';
import { createFacebookChannel, createGraphClient, DEFAULT_RATE_LIMIT_POLICY, type RateLimitPolicy } from '../src/channels/facebook/index.ts';
import { createNewspaperChannel } from '../src/channels/newspaper/index.ts';
import type { ChannelAdapter } from '../src/channels/types.ts';
import { createWebsiteChannel } from '../src/channels/website/index.ts';
import type { ChannelName } from '../src/notices/types.ts';
import { DEFAULT_HARVEST_DAYS, harvestComments } from '../src/publishing/facebook-comments.ts';
import type { FacebookJobContext } from '../src/publishing/facebook-context.ts';
import { facebookLengthLimit } from '../src/publishing/facebook-limits.ts';
import { checkFacebookTokens } from '../src/publishing/facebook-token-check.ts';
import { publishNewspaperIssue } from '../src/publishing/newspaper-batch.ts';
import { reconcile } from '../src/publishing/reconcile.ts';
import { startRelayLoop } from '../src/publishing/relay-loop.ts';
import { BatchLedger } from '../src/publishing/batch-ledger.ts';
import type { PublishContext } from '../src/publishing/publish.ts';
import type { SettledPublication } from '../src/publishing/settled.ts';
import { logSettled } from '../src/publishing/settled-log.ts';
import { withCallMetrics } from '../src/metrics/channel-calls.ts';
import { serveMetrics, type MetricsServer } from '../src/metrics/http-server.ts';
import { WorkerMetrics } from '../src/metrics/worker-metrics.ts';
import { AlertQueue, alertJobOptions } from '../src/queue/alert-queue.ts';
import { indexRebuilds, rebuildWebsiteIndex, WEBSITE_INDEX_JOB } from '../src/publishing/website-index.ts';
import { disconnectClusterClients, type QueueConfig } from '../src/queue/connection.ts';
import { PublishingQueues } from '../src/queue/publishing-queues.ts';
import { WindowedJob } from '../src/queue/windowed-job.ts';
import { webRootOf } from '../src/routes/public.ts';
import { DEV_SECRET_KEY } from '../src/secrets/secret-key.ts';
import { facebookPagesIn } from '../src/store/facebook-pages.ts';
import type { TenantDirectory } from '../src/tenancy/directory.ts';
import type { Clock } from '../src/time/clock.ts';
import { createAlertWorker } from './alert-worker.ts';
import { createChannelWorker } from './channel-worker.ts';
import { createMaintenanceWorker } from './maintenance-worker.ts';

/** The Facebook channel's settings (README, "Facebook channel"); tests shrink the timings. */
export interface FacebookWorkerOptions {
  /** HERALD_FACEBOOK_GRAPH_URL. @defaultValue 'https://graph.facebook.com/v26.0' */
  graphUrl?: string;
  /** HERALD_FACEBOOK_TIMEOUT_MS: every Graph call. @defaultValue 10 000 */
  timeoutMs?: number;
  /** HERALD_SECRET_KEY, which decrypts the Page tokens. @defaultValue the development key */
  secretKey?: Buffer;
  /** How soon a Page waiting for a new token is looked at again. @defaultValue 60 000 */
  tokenRecheckMs?: number;
  /** @defaultValue DEFAULT_RATE_LIMIT_POLICY (15 min when Facebook does not say, at most 24 h, throttle at 90 %) */
  rateLimit?: Partial<RateLimitPolicy>;
  /** How often comments are harvested. @defaultValue 900 000 (15 min) */
  harvestEveryMs?: number;
  /** HERALD_FACEBOOK_COMMENT_DAYS: how long after publication comments are harvested. @defaultValue 30 */
  harvestDays?: number;
  /** How often each Page token is checked with `/debug_token`. @defaultValue 86 400 000 (daily) */
  tokenCheckEveryMs?: number;
}

/** The deadline watch and its alert deliveries (README, "Alerts"); tests shrink the timings. */
export interface AlertWorkerOptions {
  /** HERALD_ALERT_WATCH_MS: how often the watch looks. @defaultValue 60 000 */
  watchEveryMs?: number;
  /** How late an open publication may be before it counts as stuck. @defaultValue 600 000 (10 min) */
  overdueGraceMs?: number;
  /** A Facebook rate limit longer than this counts as a paused channel. @defaultValue 3 600 000 (1 h) */
  longPauseMs?: number;
  /** HERALD_SMTP_URL and HERALD_ALERT_FROM. @defaultValue no e-mail (webhooks only) */
  smtp?: MailerOptions;
  /** Reads a tenant's webhook secret by its `secretEnv` name. @defaultValue process.env */
  secret?: (name: string) => string | undefined;
  /** First retry delay of a delivery, doubling. @defaultValue 5 000 */
  retryDelayMs?: number;
  /** @defaultValue 10 000 */
  webhookTimeoutMs?: number;
}

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
   * transaction for the lot). 200 published a quarter more per second than 50 in the fan-out
   * benchmark (alternating runs); 500 no more than 200. @defaultValue 200
   */
  websiteBatchSize?: number;
  /**
   * The website channel's adapter in place of the one writing pages under `dataDir` (the fan-out
   * benchmark measures Herald's pipeline with a channel that does nothing). @defaultValue the web root's
   */
  websiteChannel?: ChannelAdapter;
  /** @defaultValue graph.facebook.com, the development secret key, and the defaults above */
  facebook?: FacebookWorkerOptions;
  /** The deadline watch and alert deliveries. @defaultValue off in this process (`npm run worker` turns it on) */
  alerts?: AlertWorkerOptions;
  /** HERALD_WORKER_METRICS_PORT: serve this process's `/metrics` there (0: any free port). @defaultValue not served */
  metricsPort?: number;
  /** @defaultValue '127.0.0.1' */
  metricsHost?: string;
  /** HERALD_SEAL_KEY: signs each tenant's chain head at the end of its local day. @defaultValue the development key */
  sealKey?: SealKey;
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
  /** This process's metrics (served at `metricsUrl` when a port was given). */
  metrics: WorkerMetrics;
  metricsUrl: string | null;
  /** Finishes running jobs (BullMQ's close waits for them), then disconnects. */
  close(): Promise<void>;
}

/** Starts every channel worker and the maintenance worker in this process: `npm run worker`. */
export async function startWorkers(opts: WorkerOptions): Promise<RunningWorkers> {
  const clock = opts.clock ?? (() => new Date());
  const lockDurationMs = opts.lockDurationMs ?? 30_000;
  const webRoot = webRootOf(opts.dataDir);
  const queues = new PublishingQueues(opts.queue, 'worker');
  const fb = opts.facebook ?? {};
  const graph = createGraphClient({ ...(fb.graphUrl !== undefined && { baseUrl: fb.graphUrl }), ...(fb.timeoutMs !== undefined && { timeoutMs: fb.timeoutMs }) });
  const secretKey = fb.secretKey ?? Buffer.from(DEV_SECRET_KEY, 'hex');
  const pages = facebookPagesIn(opts.pool, secretKey);
  const metrics = new WorkerMetrics();
  const record = metrics.channelCall.bind(metrics);
  // After each commit: the counters and one log line per publication, from what the worker holds.
  const observe = (settled: readonly SettledPublication[]): void => {
    metrics.settled(settled);
    logSettled(opts.log, settled);
  };
  const rateLimit = { ...DEFAULT_RATE_LIMIT_POLICY, ...fb.rateLimit };
  const tokenRecheckMs = fb.tokenRecheckMs ?? 60_000;
  const facebookJobs: FacebookJobContext = { pool: opts.pool, directory: opts.directory, client: graph, pages, clock, log: opts.log, policy: rateLimit, tokenRecheckMs };
  const newspaper = withCallMetrics(createNewspaperChannel({ directoryRoot: join(opts.dataDir, 'newspapers'), clock }), 'newspaper', record);
  const adapters = new Map<ChannelName, ChannelAdapter>([
    ['website', withCallMetrics(opts.websiteChannel ?? createWebsiteChannel({ webRoot, clock }), 'website', record)],
    // Facebook publications are not batched: each waits on its own Page's pauses.
    ['facebook', withCallMetrics(createFacebookChannel({ client: graph, pages, clock, maxLength: facebookLengthLimit(opts.directory), tokenRecheckMs, rateLimit }), 'facebook', record)],
    ['newspaper', newspaper],
  ]);
  // A newspaper job delivers the whole issue its publication is booked into (src/publishing/newspaper-batch.ts).
  const issueCtx = { pool: opts.pool, directory: opts.directory, newspaper, leaseMs: lockDurationMs, clock, observe };
  const ctx: PublishContext = {
    pool: opts.pool,
    directory: opts.directory,
    adapters,
    leaseMs: lockDurationMs,
    clock,
    batchSize: { website: opts.websiteBatchSize ?? 200 },
    ledger: new BatchLedger(),
    observe,
  };
  const rebuilds = indexRebuilds(queues);
  const alerting = opts.alerts ? startAlerting(opts, opts.alerts, { clock, secretKey, metrics }) : null;
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
      'facebook-comments': () => harvestComments(facebookJobs, fb.harvestDays ?? DEFAULT_HARVEST_DAYS),
      'facebook-token-check': () => checkFacebookTokens(facebookJobs),
      ...(alerting ? { 'deadline-watch': () => alerting.watch() } : {}),
      [DAILY_SEAL_JOB]: (job) => runDailySeals(opts.pool, opts.sealKey ?? devSealKey(), opts.directory, job.data, clock()),
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
    await queues.maintenance.upsertJobScheduler('facebook-comments', { every: fb.harvestEveryMs ?? 900_000 }, { name: 'facebook-comments', opts: KEEP_RECENT });
    await queues.maintenance.upsertJobScheduler('facebook-token-check', { every: fb.tokenCheckEveryMs ?? 86_400_000 }, { name: 'facebook-token-check', opts: KEEP_RECENT });
    if (alerting) await queues.maintenance.upsertJobScheduler('deadline-watch', { every: alerting.everyMs }, { name: 'deadline-watch', opts: KEEP_RECENT });
    // The daily seals: at each local midnight, one scheduler per time zone the tenants live in.
    for (const s of dailySealSchedules(opts.directory)) {
      await queues.maintenance.upsertJobScheduler(s.id, s.repeat, { name: DAILY_SEAL_JOB, data: s.data, opts: KEEP_RECENT });
    }
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

  const workers = [...channelWorkers, maintenance, ...(alerting ? [alerting.worker] : [])];
  let server: MetricsServer | null = null;
  if (opts.metricsPort !== undefined) {
    // A port taken (a second worker process on the same host) must not stop the workers: said, not fatal.
    server = await serveMetrics(metrics.withProcessMetrics().registry, opts.metricsPort, opts.metricsHost ?? '127.0.0.1').catch((error: unknown) => {
      opts.log.warn({ err: error, port: opts.metricsPort }, 'worker metrics not served: give each worker process its own HERALD_WORKER_METRICS_PORT');
      return null;
    });
  }
  return {
    workers,
    queues,
    metrics,
    metricsUrl: server?.url ?? null,
    async close() {
      clearInterval(scheduleKeeper);
      await relay.stop();
      await Promise.all(workers.map((w) => w.close()));
      await queues.close();
      await alerting?.close();
      await server?.close();
      disconnectClusterClients();
    },
  };
}

/** The deadline watch's task, the alert queue and its worker, in this process. */
function startAlerting(opts: WorkerOptions, alerts: AlertWorkerOptions, deps: { clock: Clock; secretKey: Buffer; metrics: WorkerMetrics }) {
  const queue = new AlertQueue(opts.queue, alertJobOptions(alerts.retryDelayMs));
  const mailer = alerts.smtp ? createMailer(alerts.smtp) : null;
  const worker = createAlertWorker(
    { pool: opts.pool, directory: opts.directory, mailer, secret: alerts.secret ?? ((name) => process.env[name]), clock: deps.clock, log: opts.log, webhookTimeoutMs: alerts.webhookTimeoutMs ?? 10_000 },
    opts.queue,
    opts.log,
    (outcome) => {
      deps.metrics.alertDelivery(outcome);
    },
  );
  const watchCtx = {
    pool: opts.pool,
    directory: opts.directory,
    clock: deps.clock,
    log: opts.log,
    secretKey: deps.secretKey,
    overdueGraceMs: alerts.overdueGraceMs ?? 600_000,
    longPauseMs: alerts.longPauseMs ?? 3_600_000,
    email: mailer !== null,
    enqueue: (ids: readonly string[]) => queue.enqueue(ids),
  };
  return {
    everyMs: alerts.watchEveryMs ?? 60_000,
    worker,
    async watch() {
      const summary = await runAlertWatch(watchCtx);
      deps.metrics.watchPass(summary);
      return summary;
    },
    async close() {
      await queue.close();
      mailer?.close();
    },
  };
}
