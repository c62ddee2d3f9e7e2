import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { generateApiKey } from '../../src/auth/api-key.ts';
import { loadTenants } from '../../src/config/tenants.ts';
import type { Role } from '../../src/notices/types.ts';
import { DEV_SECRET_KEY, requireSecretKey } from '../../src/secrets/secret-key.ts';
import { insertUserWithKey } from '../../src/store/api-keys.ts';
import { ensureDatabase } from '../../src/store/ensure-database.ts';
import { setPageToken } from '../../src/store/facebook-pages.ts';
import { migrate } from '../../src/store/migrate.ts';
import { createPool } from '../../src/store/pool.ts';
import { syncTenants } from '../../src/store/tenants.ts';
import { startFakeGraph } from '../../test/fakes/graph-api/server.ts';
import { startSftpServer } from '../../test/fakes/sftp/openssh-server.ts';
import { runChaos } from './chaos.ts';
import { check, unsettled } from './check.ts';
import { SoakClient } from './client.ts';
import { Herald, waitForApis } from './herald.ts';
import { runIntake, type Keys } from './intake.ts';
import { printReport, summarise } from './report.ts';
import { startPostgres, startRedis } from './services.ts';
import { writeSoakTenants } from './tenants.ts';

/**
 * `npm run soak [-- --duration 120 --notices 400 --rate 2 --cluster]`: Herald for real (two API and
 * two worker processes, the fake Graph API, an SFTP server, a Redis and a PostgreSQL of the soak's
 * own on loopback) under a stream of notices while a chaos driver breaks things; then it settles and
 * checks every publication against the driver's ground truth. Exit code 1 if anything was lost or
 * duplicated, or the archive does not verify.
 */
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '120' },
    notices: { type: 'string' },
    rate: { type: 'string', default: '2' },
    settle: { type: 'string', default: '300' },
    workers: { type: 'string', default: '2' },
    cluster: { type: 'boolean', default: false },
    dir: { type: 'string', default: '/tmp/herald-soak' },
    // Loopback ports of the soak's own services and APIs (a test picks free ones).
    'pg-port': { type: 'string', default: '5442' },
    'redis-port': { type: 'string', default: '6390' },
    'cluster-ports': { type: 'string', default: '7001,7002,7003' },
    'api-ports': { type: 'string', default: '3391,3392' },
    json: { type: 'string' },
  },
});
const durationMs = Number(values.duration) * 1000;
const rate = Number(values.rate);
const maxNotices = values.notices === undefined ? Math.ceil((rate * durationMs) / 1000) : Number(values.notices);
const settleMs = Number(values.settle) * 1000;
const workerCount = Math.max(2, Number(values.workers));
const cluster = values.cluster;
if (![durationMs, rate, maxNotices, settleMs].every((v) => Number.isFinite(v) && v > 0)) {
  process.stderr.write('soak: --duration, --rate, --notices and --settle must be positive numbers\n');
  process.exit(2);
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = values.dir;
const logDir = join(dir, 'logs');
const say = (message: string): void => {
  process.stderr.write(`soak: ${message}\n`);
};
const TENANTS = ['asnes', 'karasjok'] as const;
const ROLES: Record<string, Role> = { hr: 'hr', communications: 'communications', approver: 'communications', admin: 'admin' };

const [api1 = 3391, api2 = 3392] = values['api-ports'].split(',').map(Number);
const postgres = await startPostgres(join(dir, 'pg'), Number(values['pg-port']));
mkdirSync(logDir, { recursive: true });
const redis = await startRedis(join(dir, 'redis'), { cluster, port: Number(values['redis-port']), clusterPorts: values['cluster-ports'].split(',').map(Number) });
const sftp = await startSftpServer();
const graph = await startFakeGraph({ port: 0 });
const herald = new Herald({
  root: ROOT,
  logDir,
  env: {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    ...(cluster ? { HERALD_REDIS_CLUSTER: 'true' } : {}),
    HERALD_CONFIG_DIR: join(dir, 'config'),
    HERALD_DATA_DIR: join(dir, 'data'),
    LOG_LEVEL: 'warn',
    HERALD_FACEBOOK_GRAPH_URL: graph.url,
    HERALD_FACEBOOK_TIMEOUT_MS: '3000',
    // A killed worker's jobs are taken over after this (production: 30 s).
    HERALD_JOB_LOCK_MS: '5000',
    HERALD_WORKER_METRICS_PORT: '0',
    // Load shedding off: on a shared 2-core machine a busy moment is not what this run measures.
    HERALD_MAX_EVENT_LOOP_DELAY_MS: '0',
  },
});

let exitCode = 1;
try {
  // Today's issue closes about 60 % into the intake, at a whole minute (as booking deadlines are written), allowing for a slow start on a busy machine.
  const setupBudgetMs = 60_000;
  const deadline = DateTime.fromMillis(Date.now() + setupBudgetMs + durationMs * 0.6).setZone('Europe/Oslo').startOf('minute').plus({ minutes: 1 });
  writeSoakTenants(join(ROOT, 'config'), join(dir, 'config'), deadline, {
    kind: 'sftp',
    host: '127.0.0.1',
    port: sftp.port,
    username: sftp.username,
    path: sftp.path,
    privateKeyPath: sftp.privateKeyPath,
    hostKeySha256: sftp.hostKeySha256,
  });
  const tenants = loadTenants(join(dir, 'config'));
  await ensureDatabase(postgres.url);
  await migrate(postgres.url);
  const pool = createPool(postgres.url, 4);
  pool.on('error', () => undefined);
  await syncTenants(pool, tenants);
  const keys: Keys = {};
  for (const slug of TENANTS) {
    keys[slug] = {};
    for (const [who, role] of Object.entries(ROLES)) {
      const created = generateApiKey();
      await insertUserWithKey(pool, { tenantSlug: slug, role, name: `Soak ${who} (${slug})`, prefix: created.prefix, hash: created.hash });
      (keys[slug] as Record<string, string>)[who] = created.key;
    }
  }
  const pageIds: string[] = [];
  for (const tenant of tenants) {
    const page = tenant.channels.facebook;
    if (!page) continue;
    const token = `soak-page-token-${tenant.slug}`;
    graph.addPage(page.pageId, { name: tenant.name, token });
    await setPageToken(pool, requireSecretKey(DEV_SECRET_KEY), { tenantSlug: tenant.slug, pageId: page.pageId, token });
    pageIds.push(page.pageId);
  }

  const apis = [herald.start('api-1', 'api', api1), herald.start('api-2', 'api', api2)];
  const workers = Array.from({ length: workerCount }, (_, i) => herald.start(`worker-${i + 1}`, 'worker').name);
  await waitForApis(apis);
  say(`${cluster ? 'Redis Cluster' : 'Redis'} ${redis.ports.join(',')}, PostgreSQL ${values['pg-port']}, APIs ${apis.map((a) => a.url).join(' ')}, ${workers.length} workers; logs in ${logDir}`);

  const started = Date.now();
  const until = started + durationMs;
  const newspaperDeadline = deadline.toMillis();
  say(`intake for ${durationMs / 1000} s at ${rate}/s (at most ${maxNotices}); the papers' booking deadline is ${deadline.toFormat('HH:mm')} Oslo time`);
  const client = new SoakClient(apis.map((a) => a.url));
  const [intake, chaos] = await Promise.all([
    runIntake({ client, keys, tenants: TENANTS, examplesDir: join(ROOT, 'examples', 'notices'), until, maxNotices, rate, newspaperUntil: newspaperDeadline - 3000, withdrawShare: 0.08 }),
    runChaos({ herald, redis, postgres, graph, sftp, workers, until, meanGapMs: Math.max(2000, durationMs / 16), newspaperDeadline }),
  ]);
  for (const line of chaos.log) say(`fault ${line}`);

  say(`intake done: ${intake.accepted.length} accepted; settling (at most ${settleMs / 1000} s)`);
  const ids = intake.accepted.map((s) => s.id);
  const settleDeadline = Date.now() + settleMs;
  let left = Infinity;
  let quiet = 0;
  while (Date.now() < settleDeadline) {
    left = await unsettled(pool, ids).catch(() => Infinity);
    quiet = left === 0 ? quiet + 1 : 0;
    if (quiet >= 3) break;
    await sleep(1000);
  }
  const settledAfterMs = Date.now() - until;
  // The queue prefix's hash tag puts every queue key in one slot, so on a cluster one node holds them all.
  const queueKeys = await redis.keysPerNode('{herald}');
  const holders = [...queueKeys].filter(([, n]) => n > 0);
  say(`queue keys per Redis node: ${[...queueKeys].map(([port, n]) => `${port}: ${n}`).join(', ')}`);
  const verdict = await check({ pool, accepted: intake.accepted, graph, pageIds, manifestRoots: [sftp.uploadDir, join(dir, 'data', 'newspapers')] });
  if (holders.length !== 1) verdict.problems.push(`the queue keys are on ${holders.length} Redis nodes, not one: the hash tag did not hold`);
  const summary = summarise({ intake, chaos, verdict, answers: client.answers, cluster, durationMs: until - started, settledAfterMs, workers: workers.length });
  printReport(summary);
  if (values.json) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(values.json, `${JSON.stringify(summary, null, 2)}\n`);
  }
  exitCode = summary.ok ? 0 : 1;
  await pool.end();
} catch (error) {
  say(`failed: ${(error as Error).stack ?? String(error)}`);
} finally {
  await herald.stopAll();
  await Promise.allSettled([sftp.close(), graph.close(), redis.stop(), postgres.stop()]);
}
process.exit(exitCode);
