import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, Worker } from 'bullmq';
import { DateTime } from 'luxon';
import pg from 'pg';
import { generateApiKey } from '../src/auth/api-key.ts';
import { loadTenants } from '../src/config/tenants.ts';
import type { NoticeInput } from '../src/notices/types.ts';
import { DEV_SECRET_KEY, requireSecretKey } from '../src/secrets/secret-key.ts';
import { insertUserWithKey } from '../src/store/api-keys.ts';
import { ensureDatabase } from '../src/store/ensure-database.ts';
import { setPageToken } from '../src/store/facebook-pages.ts';
import { migrate } from '../src/store/migrate.ts';
import { syncTenants } from '../src/store/tenants.ts';
import { startFakeGraph } from '../test/fakes/graph-api/server.ts';
import { Herald, waitForApis } from '../scripts/soak/herald.ts';
import { startRedis } from '../scripts/soak/services.ts';
import { writeSoakTenants } from '../scripts/soak/tenants.ts';
import { loadAt, memorySampler, postgresBackendsRss, type Latencies } from './lib/e2e-load.ts';
import { report } from './lib/report.ts';
import { freePort, serve } from './lib/serve.ts';

/**
 * End to end under sustained intake: vacancies at a fixed rate (open loop: a slow answer does not
 * slow the stream) for a minute into one API process (`src/server.ts`), with two worker processes
 * (`workers/index.ts`) publishing each to the website, the (fake) Facebook Page and the newspaper,
 * whose issue closes right after the intake. Reports intake p50/p99, publication lag p50/p99 (from
 * the moment a publication was due to the moment it was out) and peak memory of Redis, of the
 * PostgreSQL backends serving the run, and of Herald's processes; beside, in the same run, the bare
 * baselines at the same rate: plain Fastify + ajv + one INSERT (bench/servers/bare.ts), and plain
 * BullMQ jobs through a no-op Worker. Redis is a server of the bench's own (port 6391, nothing
 * kept); PostgreSQL is the machine's, in a database of the bench's own.
 */
const RATE = Number(process.env.BENCH_E2E_RATE ?? 10);
const DURATION_S = Number(process.env.BENCH_E2E_DURATION_S ?? 60);
const databaseUrl = process.env.BENCH_E2E_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/herald_bench_e2e';
const REDIS_PORT = 6391;
/** How long Herald's processes may take to start on a busy machine (the issue must close after the intake). */
const STARTUP_ALLOWANCE_S = 90;
const ROOT = process.cwd();
const dir = '/tmp/herald-bench-e2e';
const say = (line: string): void => {
  process.stderr.write(`e2e: ${line}\n`);
};

rmSync(dir, { recursive: true, force: true });
mkdirSync(join(dir, 'logs'), { recursive: true });
await ensureDatabase(databaseUrl);
const admin = new pg.Pool({ connectionString: databaseUrl.replace(/\/[^/]+$/, '/postgres'), max: 1 });
const dbName = new URL(databaseUrl).pathname.slice(1);
// A fresh database each run: the figures are of an empty system filling up, not of the last run's rows.
await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [dbName]);
await admin.query(`DROP DATABASE IF EXISTS "${dbName}"`);
await admin.end();
await ensureDatabase(databaseUrl);
await migrate(databaseUrl);
const redis = await startRedis(join(dir, 'redis'), { cluster: false, port: REDIS_PORT, clusterPorts: [] });
const graph = await startFakeGraph({ port: 0 });
const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });

const vacancy = JSON.parse(readFileSync('examples/notices/vacancy.json', 'utf8')) as NoticeInput;
const body = (i: number): NoticeInput => ({ ...vacancy, title: `${vacancy.title} (${i})`, channels: ['website', 'facebook', 'newspaper'] });

// ---- bare intake: plain Fastify + ajv + one INSERT, at the same rate
const barePort = await freePort();
const bare = await serve('bench/servers/bare.ts', [databaseUrl, String(barePort)]);
let bareIntake: Latencies;
try {
  say(`bare intake at ${RATE}/s for ${DURATION_S} s`);
  bareIntake = await loadAt(RATE, DURATION_S, (i) => fetch(`http://127.0.0.1:${barePort}/v1/notices`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body(i)) }));
} finally {
  await bare.stop();
}

// ---- bare BullMQ: jobs added at the same rate, a no-op Worker; lag = done − added
const connection = { url: redis.url, maxRetriesPerRequest: null };
const bareQueue = new Queue('bare', { connection, prefix: '{bench-bare}' });
const bareLag: number[] = [];
const bareWorker = new Worker('bare', async () => undefined, { connection, prefix: '{bench-bare}', concurrency: 8 });
bareWorker.on('completed', (job) => bareLag.push(Date.now() - job.timestamp));
say(`bare BullMQ at ${RATE}/s for ${DURATION_S} s`);
await loadAt(RATE, DURATION_S, (i) => bareQueue.add('noop', { i }, { removeOnComplete: true }));
while (bareLag.length < RATE * DURATION_S) await sleep(100);
await bareWorker.close();
await bareQueue.close();
await redis.flushAll();

// ---- Herald: one API, two worker processes, every channel
// The papers' issue closes at the first whole minute after the intake and a start-up allowance.
const deadline = DateTime.now().plus({ seconds: DURATION_S + STARTUP_ALLOWANCE_S }).setZone('Europe/Oslo').startOf('minute').plus({ minutes: 1 });
// Both papers deliver into a folder here: SFTP outages are the soak's business.
writeSoakTenants(join(ROOT, 'config'), join(dir, 'config'), deadline, { kind: 'directory' });
const tenants = loadTenants(join(dir, 'config'));
await syncTenants(pool, tenants);
const key = generateApiKey();
await insertUserWithKey(pool, { tenantSlug: 'asnes', role: 'hr', name: 'Bench HR', prefix: key.prefix, hash: key.hash });
const page = tenants.find((t) => t.slug === 'asnes')?.channels.facebook?.pageId ?? '';
graph.addPage(page, { token: 'bench-page-token' });
await setPageToken(pool, requireSecretKey(DEV_SECRET_KEY), { tenantSlug: 'asnes', pageId: page, token: 'bench-page-token' });

const apiPort = await freePort();
const herald = new Herald({
  root: ROOT,
  logDir: join(dir, 'logs'),
  env: {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    HERALD_CONFIG_DIR: join(dir, 'config'),
    HERALD_DATA_DIR: join(dir, 'data'),
    LOG_LEVEL: 'warn',
    HERALD_FACEBOOK_GRAPH_URL: graph.url,
    HERALD_WORKER_METRICS_PORT: '0',
    // Load shedding off: on a shared 2-core machine it sheds at a busy moment of someone else's; the
    // figures are of Herald's work, not of its 503s.
    HERALD_MAX_EVENT_LOOP_DELAY_MS: '0',
  },
});
const api = herald.start('api', 'api', apiPort);
herald.start('worker-1', 'worker');
herald.start('worker-2', 'worker');
let heraldIntake: Latencies;
let memory;
try {
  await waitForApis([api]);
  say(`Herald intake at ${RATE}/s for ${DURATION_S} s (newspaper issue closes ${deadline.toFormat('HH:mm')} Oslo time)`);
  const sampler = memorySampler({ redis, processes: () => [...herald.processes.values()], postgres: () => postgresBackendsRss(pool, dbName) });
  heraldIntake = await loadAt(RATE, DURATION_S, (i) =>
    fetch(`${api.url}/v1/notices`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key.key}`, 'idempotency-key': randomUUID() }, body: JSON.stringify(body(i)) }),
  );
  const expected = heraldIntake.ok * 3;
  say(`waiting for ${expected} publications (the newspaper's at ${deadline.toFormat('HH:mm')})`);
  const waitUntil = Math.max(deadline.toMillis(), Date.now()) + 180_000;
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM publications WHERE state IN ('published', 'delivered')`);
    if ((rows[0]?.n ?? 0) >= expected) break;
    if (Date.now() > waitUntil) throw new Error(`only ${rows[0]?.n ?? 0} of ${expected} publications out by ${new Date(waitUntil).toISOString()}`);
    await sleep(500);
  }
  memory = await sampler.stop();
} finally {
  await herald.stopAll();
}
const { rows: lags } = await pool.query<{ channel: string; lag_ms: string }>(
  `SELECT channel, extract(epoch FROM (coalesce(delivered_at, published_at) - greatest(scheduled_at, n.created_at))) * 1000 AS lag_ms
     FROM publications p JOIN notices n ON n.id = p.notice_id ORDER BY 2`,
);
await pool.end();
await graph.close();
await redis.stop();

const pct = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
};
const lagOf = (channels: readonly string[]) => lags.filter((l) => channels.includes(l.channel)).map((l) => Number(l.lag_ms));
const bullmq = { p50: pct(bareLag, 50), p99: pct(bareLag, 99) };
const rate = `${RATE}/s for ${DURATION_S} s`;
say(`intake refused or failed: Herald ${heraldIntake.failed}, bare ${bareIntake.failed}`);
// Whether the tail is the first seconds (a cold process) or spread over the run says what it is.
const slowest = (l: Latencies): string => l.slowest.map((s) => `${Math.round(s.ms)} ms at ${s.atS.toFixed(1)} s`).join(', ');
say(`slowest 1 % of intake: Herald ${slowest(heraldIntake)}; bare ${slowest(bareIntake)}`);
if (heraldIntake.failed > 0 || bareIntake.failed > 0) throw new Error('intake requests failed: the figures would not be of the same work');
report({ scenario: 'e2e', metric: `intake p50, ${rate} (bare: Fastify + ajv + INSERT)`, unit: 'ms', herald: heraldIntake.p50, baseline: bareIntake.p50, goal: 10, lowerIsBetter: true });
report({ scenario: 'e2e', metric: `intake p99, ${rate}`, unit: 'ms', herald: heraldIntake.p99, baseline: bareIntake.p99, goal: 10, lowerIsBetter: true });
const webLag = lagOf(['website', 'facebook']);
report({ scenario: 'e2e', metric: 'publication lag p50, website + Facebook (bare: BullMQ job added → done)', unit: 'ms', herald: pct(webLag, 50), baseline: bullmq.p50, goal: 1000, lowerIsBetter: true });
report({ scenario: 'e2e', metric: 'publication lag p99, website + Facebook', unit: 'ms', herald: pct(webLag, 99), baseline: null, goal: 2000, lowerIsBetter: true });
// The whole issue goes out as one batch after its booking deadline, every ad rendered in it: one lag,
// which a bare job's lag says nothing about.
report({ scenario: 'e2e', metric: 'publication lag, newspaper (delivered − booking deadline, one issue)', unit: 'ms', herald: pct(lagOf(['newspaper']), 99), baseline: null, goal: 30_000, lowerIsBetter: true });
report({ scenario: 'e2e', metric: 'bare BullMQ lag p99 (job added → done)', unit: 'ms', herald: bullmq.p99, baseline: null, goal: 1000, lowerIsBetter: true });
report({ scenario: 'e2e', metric: 'peak Redis used_memory', unit: 'MB', herald: memory.redis / 2 ** 20, baseline: null, goal: 256, lowerIsBetter: true });
report({ scenario: 'e2e', metric: 'peak RSS of the PostgreSQL backends serving the run', unit: 'MB', herald: memory.postgres / 2 ** 20, baseline: null, goal: 1024, lowerIsBetter: true });
for (const [name, rss] of Object.entries(memory.processes)) {
  report({ scenario: 'e2e', metric: `peak RSS of ${name}`, unit: 'MB', herald: rss / 2 ** 20, baseline: null, goal: 512, lowerIsBetter: true });
}
