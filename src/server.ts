import closeWithGrace from 'close-with-grace';
import { DateTime } from 'luxon';
import { build } from './app.ts';
import { sealKeyFrom } from './archive/seals/seal-key.ts';
import { loadEnv } from './config/env.ts';
import { createLogger } from './logger.ts';
import { warmUpAdFit } from './notices/ad-fit.ts';
import { requireSecretKey } from './secrets/secret-key.ts';
import { ensureDatabase } from './store/ensure-database.ts';
import { migrate } from './store/migrate.ts';
import { createPool } from './store/pool.ts';
import { loadTenantDirectory } from './tenancy/directory.ts';

/** `npm start`: the API alone, configured only by the environment. */
let env;
let directory;
try {
  env = loadEnv();
  directory = loadTenantDirectory(env.HERALD_CONFIG_DIR, env.HERALD_RULES_DIR);
} catch (error) {
  // A broken configuration or rule file stops start-up with every problem listed, and no stack trace.
  process.stderr.write(`herald: ${(error as Error).message}\n`);
  process.exit(1);
}

const logger = createLogger(env.LOG_LEVEL);
if (env.HERALD_MIGRATE) {
  await ensureDatabase(env.DATABASE_URL);
  const applied = await migrate(env.DATABASE_URL);
  logger.info({ event: 'migrations.applied', applied }, 'database migrated');
}

const app = await build({
  directory,
  pool: createPool(env.DATABASE_URL),
  redisUrl: env.REDIS_URL,
  redisCluster: env.HERALD_REDIS_CLUSTER,
  dataDir: env.HERALD_DATA_DIR,
  logger,
  secretKey: requireSecretKey(env.HERALD_SECRET_KEY),
  queuePrefix: env.HERALD_QUEUE_PREFIX,
  operatorKey: env.HERALD_OPERATOR_KEY,
  maxEventLoopDelayMs: env.HERALD_MAX_EVENT_LOOP_DELAY_MS,
  sealKey: sealKeyFrom(env.HERALD_SEAL_KEY),
  noarkFormat: env.HERALD_NOARK_FORMAT,
  sessions: { idleMs: env.HERALD_SESSION_IDLE_MINUTES * 60_000, absoluteMs: env.HERALD_SESSION_MAX_HOURS * 3_600_000, cookieSecure: env.HERALD_COOKIE_SECURE },
});
closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'closing after an error');
  else app.log.info({ signal }, 'closing');
  await app.close();
});
// Before listening: the first notices after a start would otherwise wait on cold layout code.
warmUpAdFit(directory.tenants(), DateTime.now(), 20);
await app.listen({ port: env.PORT, host: env.HOST });
