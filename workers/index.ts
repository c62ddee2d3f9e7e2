import closeWithGrace from 'close-with-grace';
import { missingWebhookSecrets } from '../src/alerts/config.ts';
import { ConfigInvalid } from '../src/errors.ts';
import { sealKeyFrom } from '../src/archive/seals/index.ts';
import { loadEnv } from '../src/config/env.ts';
import { createLogger } from '../src/logger.ts';
import { requireSecretKey } from '../src/secrets/secret-key.ts';
import { createPool } from '../src/store/pool.ts';
import { loadTenantDirectory } from '../src/tenancy/directory.ts';
import { startWorkers } from './start.ts';

/** `npm run worker`: the channel workers and the maintenance worker, configured only by the environment. */
let env;
let directory;
try {
  env = loadEnv();
  directory = loadTenantDirectory(env.HERALD_CONFIG_DIR, env.HERALD_RULES_DIR);
  const missing = missingWebhookSecrets(directory.tenants(), process.env);
  if (missing.length > 0) throw new ConfigInvalid(missing.map((m) => `  ${m}`).join('\n'));
} catch (error) {
  process.stderr.write(`herald worker: ${(error as Error).message}\n`);
  process.exit(1);
}

const log = createLogger(env.LOG_LEVEL).child({ role: 'worker', pid: process.pid });
const pool = createPool(env.DATABASE_URL);
pool.on('error', (error) => {
  log.warn({ err: error }, 'postgres idle client error');
});
const running = await startWorkers({
  pool,
  databaseUrl: env.DATABASE_URL,
  directory,
  queue: { redisUrl: env.REDIS_URL, prefix: env.HERALD_QUEUE_PREFIX, cluster: env.HERALD_REDIS_CLUSTER },
  dataDir: env.HERALD_DATA_DIR,
  concurrency: env.HERALD_WORKER_CONCURRENCY,
  lockDurationMs: env.HERALD_JOB_LOCK_MS,
  websiteBatchSize: env.HERALD_WEBSITE_BATCH,
  sealKey: sealKeyFrom(env.HERALD_SEAL_KEY),
  log,
  facebook: {
    graphUrl: env.HERALD_FACEBOOK_GRAPH_URL,
    timeoutMs: env.HERALD_FACEBOOK_TIMEOUT_MS,
    secretKey: requireSecretKey(env.HERALD_SECRET_KEY),
    harvestDays: env.HERALD_FACEBOOK_COMMENT_DAYS,
  },
  alerts: {
    watchEveryMs: env.HERALD_ALERT_WATCH_MS,
    ...(env.HERALD_SMTP_URL === undefined ? {} : { smtp: { url: env.HERALD_SMTP_URL, from: env.HERALD_ALERT_FROM } }),
  },
  ...(env.HERALD_WORKER_METRICS_PORT === 0 ? {} : { metricsPort: env.HERALD_WORKER_METRICS_PORT, metricsHost: env.HERALD_WORKER_METRICS_HOST }),
});
log.info({ event: 'workers.started', queues: running.workers.map((w) => w.name), metrics: running.metricsUrl, email: env.HERALD_SMTP_URL !== undefined }, 'workers running');

// SIGTERM/SIGINT: finish the jobs in hand (BullMQ's close waits), then let go of Redis and PostgreSQL.
closeWithGrace({ delay: 30_000 }, async ({ signal, err }) => {
  if (err) log.error({ err }, 'closing after an error');
  else log.info({ signal }, 'closing');
  await running.close();
  await pool.end();
});
