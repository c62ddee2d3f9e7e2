import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Queue, Worker, type Job } from 'bullmq';
import { DateTime } from 'luxon';
import pg from 'pg';
import { pino } from 'pino';
import { generateApiKey } from '../src/auth/api-key.ts';
import type { ChannelAdapter } from '../src/channels/types.ts';
import { assessNotice } from '../src/notices/assess.ts';
import type { NoticeInput } from '../src/notices/types.ts';
import { connectionFor, type QueueConfig } from '../src/queue/connection.ts';
import { PUBLICATION_JOB_OPTIONS, type PublicationJob, type PublishingQueues } from '../src/queue/publishing-queues.ts';
import type { Finding } from '../src/rules/types.ts';
import { insertUserWithKey } from '../src/store/api-keys.ts';
import { migrate } from '../src/store/migrate.ts';
import { insertNotice } from '../src/store/notices.ts';
import { createPool } from '../src/store/pool.ts';
import { syncTenants } from '../src/store/tenants.ts';
import { loadTenantDirectory, type TenantDirectory } from '../src/tenancy/directory.ts';
import { startWorkers } from '../workers/start.ts';
import { cpuMeter, cpuSpent, type CpuMeter } from './lib/cpu.ts';
import { measureAdRendering } from './lib/newspaper-ads.ts';
import { countKeysByPrefix, deleteKeysByPrefix } from './lib/redis-keys.ts';
import { report } from './lib/report.ts';

/**
 * Fan-out: N website-only notices through the workers (reconcile/relay → BullMQ → claim, render, write
 * the page, mark published and archive in one transaction → sealer), beside a bare BullMQ run of N
 * no-op jobs through one queue and one Worker of the same concurrency. Both run in this one process
 * (startWorkers, as `npm run worker` does; the bare Worker likewise), on a fresh database and a queue
 * prefix of their own whose keys are deleted at the end.
 *
 * Phases: bare BullMQ → Herald lateness on a fresh database (DELAYED jobs due in an hour in the
 * website queue, then SAMPLE notices due in 2–4 s) → Herald throughput (N notices inserted pending and
 * due now, then the workers start; done when all are published and every record is sealed) → Herald
 * lateness again, now with N notices on the tenant's website → the pipeline alone (N notices through
 * a no-op website channel, on a second fresh database) → bare lateness → bare BullMQ again.
 * The baseline is the better of the two bare runs. Progress and context go to stderr, figures to stdout.
 */
const N = Number(process.env.BENCH_FANOUT_N ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_FANOUT_CONCURRENCY ?? 8);
const DELAYED = Number(process.env.BENCH_FANOUT_DELAYED ?? 100_000);
const SAMPLE = Number(process.env.BENCH_FANOUT_SAMPLE ?? 200);
/** Newspaper ads rendered for the per-core figure (PDF rendering is that channel's cost). */
const ADS = Number(process.env.BENCH_FANOUT_ADS ?? 300);
const TENANT = 'asnes';
const databaseUrl = process.env.BENCH_FANOUT_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/herald_bench_fanout';
/** The no-op channel's run: a database of its own on the same server. */
const pipelineDatabaseUrl = (() => {
  const url = new URL(databaseUrl);
  url.pathname = `${url.pathname}_pipeline`;
  return url.toString();
})();
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const queueConfig: QueueConfig = { redisUrl, prefix: `{herald-bench-${randomBytes(4).toString('hex')}}` };
const connection = connectionFor(queueConfig, 'worker');
const prefix = queueConfig.prefix;
/** No phase may take longer than this: a stuck run fails instead of hanging the runner. */
const PHASE_TIMEOUT_MS = Number(process.env.BENCH_FANOUT_TIMEOUT_S ?? 600) * 1000;
const FAR_FUTURE_MS = 3_600_000;
/** startWorkers' default seal interval, passed explicitly so the seal-wait goal follows it. */
const SEAL_EVERY_MS = 2000;

const log = pino({ level: process.env.BENCH_LOG_LEVEL ?? 'warn', base: { service: 'herald-bench' } }, pino.destination(2));
const say = (line: string): void => {
  process.stderr.write(`fanout: ${line}\n`);
};
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (fromMs: number, toMs: number): number => (toMs - fromMs) / 1000;

/** Nearest-rank percentile of an ascending list. */
function percentile(sorted: readonly number[], p: number): number {
  const value = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  if (value === undefined) throw new Error('percentile of nothing');
  return value;
}

/** Polls `check` until it returns a value; throws after PHASE_TIMEOUT_MS. */
async function until<T>(what: string, everyMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = performance.now() + PHASE_TIMEOUT_MS;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** A promise with its resolve, for counting events up to a total. */
function countdown(total: number): { tick(): void; done: Promise<number> } {
  let left = total;
  let resolve: (at: number) => void = () => undefined;
  const done = new Promise<number>((r) => (resolve = r));
  if (total === 0) resolve(performance.now());
  return {
    tick() {
      left -= 1;
      if (left === 0) resolve(performance.now());
    },
    done,
  };
}

async function withTimeout<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`timed out waiting for ${what}`));
    }, PHASE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// Setup: a fresh database, the tenants, one user.

/** Runs statements against the server's `postgres` database about the database named in `url`. */
async function onServer(url: string, statements: (name: string) => string[]): Promise<void> {
  const target = new URL(url);
  const name = pg.escapeIdentifier(decodeURIComponent(target.pathname.slice(1)));
  target.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: target.toString() });
  await admin.connect();
  try {
    for (const sql of statements(name)) await admin.query(sql);
  } finally {
    await admin.end();
  }
}

const recreateDatabase = (url: string): Promise<void> => onServer(url, (name) => [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`]);
const dropDatabase = (url: string): Promise<void> => onServer(url, (name) => [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);

interface Template {
  type: NoticeInput['type'];
  content: NoticeInput;
  ruleVersion: string;
  warnings: Finding[];
}

/**
 * The shipped examples that pass every rule as website-only notices needing no approval, as the API
 * would store them (content with the channels it settled on, rule version, warnings).
 */
async function templates(directory: ReturnType<typeof loadTenantDirectory>): Promise<Template[]> {
  const entry = directory.get(TENANT);
  if (!entry) throw new Error(`tenant ${TENANT} missing`);
  const now = DateTime.now().setZone(entry.tenant.timeZone);
  const found: Template[] = [];
  for (const file of (await readdir('examples/notices')).filter((f) => f.endsWith('.json')).sort()) {
    const input = { ...(JSON.parse(await readFile(join('examples/notices', file), 'utf8')) as NoticeInput), channels: ['website' as const] };
    const rules = entry.rules.get(input.type);
    if (!rules || rules.approval) continue;
    const assessment = assessNotice(input, entry.tenant, rules, now, 'nb');
    if (assessment.errors.length > 0 || assessment.plan.length !== 1 || assessment.plan[0]?.channel !== 'website') continue;
    found.push({ type: input.type, content: { ...input, channels: assessment.channels }, ruleVersion: rules.version, warnings: assessment.warnings });
  }
  if (found.length === 0) throw new Error('no example passes as a website-only notice');
  return found;
}

/**
 * Inserts `count` website-only notices (status scheduled, one pending publication each) with
 * insertNotice, a few statements at a time; returns the publication ids.
 */
async function insertNotices(
  pool: pg.Pool,
  who: { tenantId: string; userId: string },
  kinds: readonly Template[],
  count: number,
  scheduledAt: (i: number) => Date,
): Promise<string[]> {
  const ids: string[] = new Array<string>(count);
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < count; i = next++) {
      const kind = kinds[i % kinds.length];
      if (!kind) throw new Error('no template');
      const at = scheduledAt(i);
      const publicationId = randomUUID();
      ids[i] = publicationId;
      const inserted = await insertNotice(pool, {
        id: randomUUID(),
        tenantId: who.tenantId,
        type: kind.type,
        status: 'scheduled',
        publishAt: at,
        submittedBy: who.userId,
        content: kind.content,
        ruleVersion: kind.ruleVersion,
        warnings: kind.warnings,
        publications: [{ id: publicationId, channel: 'website', target: '', scheduledAt: at, appearsAt: at, issueDate: null }],
        idempotency: null,
      });
      if (!inserted) throw new Error('insertNotice refused a notice');
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  return ids;
}

// ---------------------------------------------------------------------------------------------
// Bare BullMQ: N no-op jobs through one queue and one Worker of the same concurrency.

/** Jobs per wall-second and per CPU-second (this process and the Redis server) of a bare run. */
async function bareThroughput(run: string, cpu: CpuMeter): Promise<{ perSecond: number; perCpuSecond: number }> {
  const name = `bare-fanout-${run}`;
  const queue = new Queue<PublicationJob>(name, { connection, prefix });
  const completed = countdown(N);
  const worker = new Worker<PublicationJob>(name, async () => 'done', { connection, prefix, concurrency: CONCURRENCY });
  worker.on('completed', () => {
    completed.tick();
  });
  try {
    await Promise.all([queue.waitUntilReady(), worker.waitUntilReady()]);
    const started = performance.now();
    const cpuBefore = await cpu.read();
    // The same job options and id scheme as Herald's own jobs, in chunks like its relay's batches.
    for (let i = 0; i < N; i += 1000) {
      const chunk = Array.from({ length: Math.min(1000, N - i) }, () => {
        const publicationId = randomUUID();
        return { name: 'publish', data: { publicationId }, opts: { ...PUBLICATION_JOB_OPTIONS, jobId: publicationId } };
      });
      await queue.addBulk(chunk);
    }
    const finished = await withTimeout('bare BullMQ jobs', completed.done);
    const spent = cpuSpent(cpuBefore, await cpu.read());
    say(
      `bare BullMQ (${run}): CPU ${spent.total.toFixed(2)} s (node ${spent.node.toFixed(2)}: main thread ${spent.nodeMain.toFixed(2)}; ` +
        `Redis ${spent.redis.toFixed(2)}, PostgreSQL ${spent.postgres.toFixed(2)}); per job ${((spent.total / N) * 1000).toFixed(2)} ms`,
    );
    return { perSecond: N / seconds(started, finished), perCpuSecond: N / spent.total };
  } finally {
    await worker.close();
    await queue.close();
  }
}

/** Adds `count` jobs due in an hour, in chunks (they stay in the delayed set for the whole run). */
async function addFarFuture(queue: Queue<PublicationJob>, count: number): Promise<void> {
  for (let i = 0; i < count; i += 2000) {
    const chunk = Array.from({ length: Math.min(2000, count - i) }, () => {
      const publicationId = randomUUID();
      return { name: 'publish', data: { publicationId }, opts: { ...PUBLICATION_JOB_OPTIONS, jobId: publicationId, delay: FAR_FUTURE_MS } };
    });
    await queue.addBulk(chunk);
  }
}

/** Sample job i is due 2 s + i × (2 s / SAMPLE) after `base`: spread over 2–4 s. */
const dueAt = (base: number, i: number): number => base + 2000 + Math.floor((i * 2000) / SAMPLE);

/** Lateness (processedOn − due) of SAMPLE jobs due in 2–4 s with DELAYED far-future jobs in the queue. */
async function bareLateness(): Promise<number[]> {
  const name = 'bare-lateness';
  const queue = new Queue<PublicationJob>(name, { connection, prefix });
  const lateness: number[] = [];
  const processed = countdown(SAMPLE);
  let worker: Worker<PublicationJob> | undefined;
  try {
    const t = performance.now();
    await addFarFuture(queue, DELAYED);
    say(`bare: ${DELAYED} delayed jobs added in ${seconds(t, performance.now()).toFixed(1)} s`);
    worker = new Worker<PublicationJob>(
      name,
      async (job: Job<PublicationJob>) => {
        if (job.processedOn === undefined) throw new Error('job without processedOn');
        lateness.push(job.processedOn - (job.timestamp + (job.opts.delay ?? 0)));
        processed.tick();
        return 'done';
      },
      { connection, prefix, concurrency: CONCURRENCY },
    );
    await worker.waitUntilReady();
    const base = Date.now();
    await queue.addBulk(
      Array.from({ length: SAMPLE }, (_, i) => {
        const publicationId = randomUUID();
        return { name: 'publish', data: { publicationId }, opts: { ...PUBLICATION_JOB_OPTIONS, jobId: publicationId, delay: dueAt(base, i) - Date.now() } };
      }),
    );
    await withTimeout('bare lateness sample', processed.done);
    return lateness.sort((a, b) => a - b);
  } finally {
    await worker?.close();
    await queue.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Herald.

interface HeraldThroughput {
  /** Published and archived (sealed) per second, from starting the workers. */
  completedPerSecond: number;
  /** The same per CPU-second of this process, Redis and the database's backends. */
  completedPerCpuSecond: number;
  /** Published per second, from starting the workers (what the sealer has to keep up with). */
  publishedPerSecond: number;
  /** Records sealed per second of the sealer's busy time (union of its seal jobs' run times). */
  sealedPerSecond: number;
  /** From the last publication to the last seal. */
  sealLagMs: number;
  /** The most unsealed records seen at once. */
  maxUnsealed: number;
  /** Per record, sealed_at − recorded_at: how long a publication's record waited for its place in the chain. */
  sealWaitMs: { p50: number; p99: number };
}

/**
 * Polled every 50 ms while Herald runs, on the probe's own connections, whose CPU counts as
 * PostgreSQL's: so it only asks whether anything is still open (the open-publications index holds
 * the open ones only) and how many records wait for their seal, instead of counting every published row.
 */
const PROGRESS = `
SELECT EXISTS (SELECT 1 FROM publications WHERE state IN ('pending', 'scheduled', 'publishing')) AS open,
       (SELECT count(*) FROM publications WHERE state = 'failed')::int AS failed,
       (SELECT count(*) FROM archive_records WHERE seq IS NULL)::int AS unsealed`;

/** p50 and p99 of sealed_at − recorded_at over the records of the publications in `ids`. */
const SEAL_WAIT = `
SELECT percentile_cont(ARRAY[0.5, 0.99]) WITHIN GROUP (ORDER BY (extract(epoch FROM sealed_at - recorded_at) * 1000)::float8) AS ms
  FROM archive_records WHERE publication_id = ANY($1::uuid[]) AND event = 'published'`;

/** Every publication in `ids` is published and has a sealed archive record of its publication. */
const COMPLETE = `
SELECT count(*)::int AS n FROM publications p
 WHERE p.id = ANY($1::uuid[]) AND p.state = 'published'
   AND EXISTS (SELECT 1 FROM archive_records r WHERE r.publication_id = p.id AND r.event = 'published' AND r.seq IS NOT NULL)`;

interface Who {
  tenantId: string;
  userId: string;
}

/** The tenants in the database, and one user of the bench's tenant to submit the notices. */
async function tenantAndUser(pool: pg.Pool, directory: TenantDirectory): Promise<Who> {
  const tenantIds = await syncTenants(pool, directory.tenants());
  const tenantId = tenantIds.get(TENANT);
  if (!tenantId) throw new Error(`tenant ${TENANT} not synced`);
  const key = generateApiKey();
  const { userId } = await insertUserWithKey(pool, { tenantSlug: TENANT, role: 'communications', name: 'Bench', prefix: key.prefix, hash: key.hash });
  return { tenantId, userId };
}

// ---------------------------------------------------------------------------------------------
// Herald's pipeline alone: the website channel replaced by one that does nothing.

/**
 * Renders the notice's id and delivers it nowhere. Publications still go through the relay, BullMQ,
 * the claim, the archive (a few bytes each), the sealer and the listing rebuilds; no page is
 * rendered or written. What Herald costs without its channel's own work.
 */
const noopWebsite: ChannelAdapter = {
  name: 'website',
  sharedAddress: true,
  render: (task) => Promise.resolve({ bytes: Buffer.from(task.notice.id), contentType: 'text/plain' }),
  deliver: (task) => Promise.resolve({ externalId: task.notice.id, url: `https://example.invalid/${task.notice.id}`, at: new Date(), details: {} }),
  withdraw: (_task, delivered) => Promise.resolve(delivered),
  findExisting: () => Promise.resolve(null),
};

/** N notices through the no-op channel, on a fresh database of their own, measured as the website's are. */
async function pipelineThroughput(directory: TenantDirectory, kinds: readonly Template[], dataDir: string): Promise<HeraldThroughput> {
  await recreateDatabase(pipelineDatabaseUrl);
  await migrate(pipelineDatabaseUrl);
  const pool = createPool(pipelineDatabaseUrl);
  const probe = createPool(pipelineDatabaseUrl, 2);
  const cpu = cpuMeter(redisUrl, probe, new URL(pipelineDatabaseUrl).pathname.slice(1));
  try {
    const now = new Date();
    const ids = await insertNotices(pool, await tenantAndUser(pool, directory), kinds, N, () => now);
    const cpuAtStart = await cpu.read();
    const started = { perf: performance.now(), epoch: Date.now() };
    const running = await startWorkers({ pool, databaseUrl: pipelineDatabaseUrl, directory, queue: queueConfig, dataDir, log, concurrency: CONCURRENCY, sealEveryMs: SEAL_EVERY_MS, websiteChannel: noopWebsite });
    try {
      return await measureHerald('pipeline', running.queues, probe, ids, started, cpu, cpuAtStart);
    } finally {
      await running.close();
    }
  } finally {
    await cpu.close();
    await pool.end();
    await probe.end();
    if (process.env.BENCH_KEEP_DB === undefined) await dropDatabase(pipelineDatabaseUrl);
  }
}

/**
 * Lateness through Herald: DELAYED far-future jobs in its website queue, then SAMPLE notices due in
 * 2–4 s, inserted pending (the relay hands them over on NOTIFY); each one's published_at − scheduled_at.
 */
async function heraldLateness(queues: PublishingQueues, pool: pg.Pool, probe: pg.Pool, who: Who, kinds: readonly Template[], label: string): Promise<number[]> {
  const t = performance.now();
  await addFarFuture(queues.queue('website'), DELAYED);
  say(`herald ${label}: ${DELAYED} delayed jobs added to its website queue in ${seconds(t, performance.now()).toFixed(1)} s`);
  const base = Date.now();
  const sampleIds = await insertNotices(pool, who, kinds, SAMPLE, (i) => new Date(dueAt(base, i)));
  if (Date.now() > dueAt(base, 0)) say(`herald ${label}: warning: the sample took longer to insert than its first due time`);
  // Lateness has two sources worth telling apart: this process's event loop held up, or the jobs' path.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const lateness = await until(`Herald lateness sample (${label})`, 100, async () => {
    const { rows } = await probe.query<{ ms: number | null }>(
      `SELECT (extract(epoch FROM published_at - scheduled_at) * 1000)::float8 AS ms FROM publications WHERE id = ANY($1::uuid[])`,
      [sampleIds],
    );
    const values = rows.map((r) => r.ms);
    return values.length === SAMPLE && values.every((v): v is number => v !== null) ? values.sort((a, b) => a - b) : undefined;
  });
  loopDelay.disable();
  say(`herald ${label}: while the sample went out, the event loop was held up at most ${Math.round(loopDelay.max / 1e6)} ms (p99 ${Math.round(loopDelay.percentile(99) / 1e6)} ms)`);
  return lateness;
}

async function progress(probe: pg.Pool): Promise<{ open: boolean; unsealed: number }> {
  const { rows } = await probe.query<{ open: boolean; failed: number; unsealed: number }>(PROGRESS);
  const row = rows[0];
  if (!row) throw new Error('no progress row');
  if (row.failed > 0) throw new Error(`${row.failed} publications failed`);
  return row;
}

/** How many of `ids` are published (for the progress lines, every 15 s). */
async function publishedOf(probe: pg.Pool, ids: readonly string[]): Promise<number> {
  const { rows } = await probe.query<{ n: number }>(`SELECT count(*)::int AS n FROM publications WHERE id = ANY($1::uuid[]) AND state = 'published'`, [ids]);
  return rows[0]?.n ?? 0;
}

const describe = (sorted: readonly number[]): string =>
  `p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, max ${percentile(sorted, 100).toFixed(0)} ms`;

async function main(): Promise<void> {
  const directory = loadTenantDirectory('config', 'rules');
  await recreateDatabase(databaseUrl);
  await migrate(databaseUrl);
  // The workers' pool is the one `npm run worker` makes; the probe polls progress on connections of its own.
  const pool = createPool(databaseUrl);
  const probe = createPool(databaseUrl, 2);
  const dataDir = await mkdtemp(join(tmpdir(), 'herald-bench-fanout-'));
  const workerOptions = { pool, databaseUrl, directory, queue: queueConfig, dataDir, log, concurrency: CONCURRENCY, sealEveryMs: SEAL_EVERY_MS };
  try {
    const who = await tenantAndUser(pool, directory);
    const kinds = await templates(directory);
    say(`${N} notices (${kinds.map((k) => k.type).join(', ')}), concurrency ${CONCURRENCY}, one process, queue prefix ${prefix}`);

    // Bare BullMQ before and after Herald: the better run is the baseline (the stricter choice).
    const cpu = cpuMeter(redisUrl, probe, new URL(databaseUrl).pathname.slice(1));
    const bareBefore = await bareThroughput('a', cpu);
    say(`bare BullMQ: ${Math.round(bareBefore.perSecond)} jobs/s, ${Math.round(bareBefore.perCpuSecond)} jobs per CPU-second`);

    // 1. Lateness through Herald on a fresh database: the queue's backlog alone.
    let running = await startWorkers(workerOptions);
    let freshLateness: number[];
    try {
      freshLateness = await heraldLateness(running.queues, pool, probe, who, kinds, 'fresh');
      // Sealed before the throughput run starts, so its sealer counts its own records only.
      await until('the lateness sample to be sealed', 100, async () => ((await progress(probe)).unsealed === 0 ? true : undefined));
    } finally {
      await running.close();
    }
    await deleteKeysByPrefix(redisUrl, prefix);

    // 2. Throughput: N notices due now, pending, inserted before any worker runs; then the workers.
    const t = performance.now();
    const now = new Date();
    const ids = await insertNotices(pool, who, kinds, N, () => now);
    say(`herald: ${N} notices inserted in ${seconds(t, performance.now()).toFixed(1)} s`);
    const cpuAtStart = await cpu.read();
    const started = { perf: performance.now(), epoch: Date.now() };
    running = await startWorkers(workerOptions);
    let herald: HeraldThroughput;
    let loadedLateness: number[];
    try {
      herald = await measureHerald('herald', running.queues, probe, ids, started, cpu, cpuAtStart);
      say(
        `herald: ${Math.round(herald.publishedPerSecond)} published/s, ${Math.round(herald.completedPerSecond)} published and sealed/s; ` +
          `sealer ${Math.round(herald.sealedPerSecond)} records/s of busy time, backlog at most ${herald.maxUnsealed} records, ` +
          `last seal ${(herald.sealLagMs / 1000).toFixed(1)} s after the last publication; ` +
          `a record waited for its seal p50 ${Math.round(herald.sealWaitMs.p50)} ms, p99 ${Math.round(herald.sealWaitMs.p99)} ms`,
      );
      // 3. Lateness again, with the N notices now on the tenant's website index.
      loadedLateness = await heraldLateness(running.queues, pool, probe, who, kinds, `after ${N}`);
    } finally {
      await running.close();
    }
    // Herald's queues (and their delayed jobs) are done with: free Redis before the next runs.
    await deleteKeysByPrefix(redisUrl, prefix);

    // 4. The same N through a channel that does nothing: Herald's own part of the cost.
    const pipeline = await pipelineThroughput(directory, kinds, dataDir);
    say(`pipeline (no-op channel): ${Math.round(pipeline.completedPerSecond)} published and sealed/s, ${Math.round(pipeline.completedPerCpuSecond)} per CPU-second`);
    await deleteKeysByPrefix(redisUrl, prefix);

    const bare = await bareLateness();
    const bareAfter = await bareThroughput('b', cpu);
    await cpu.close();
    say(`bare BullMQ: ${Math.round(bareAfter.perSecond)} jobs/s, ${Math.round(bareAfter.perCpuSecond)} jobs per CPU-second (second run)`);
    const baseline = Math.max(bareBefore.perSecond, bareAfter.perSecond);
    const cpuBaseline = Math.max(bareBefore.perCpuSecond, bareAfter.perCpuSecond);

    say(`lateness, ${DELAYED} delayed jobs waiting, ${SAMPLE} due in 2–4 s:`);
    say(`  bare BullMQ Worker (processedOn − due):                 ${describe(bare)}`);
    say(`  Herald, fresh (published_at − scheduled_at):            ${describe(freshLateness)}`);
    say(`  Herald, after the ${N} run (published_at − scheduled_at): ${describe(loadedLateness)}`);

    report({ scenario: 'fanout', metric: `website publications published and sealed/s (${N} notices, concurrency ${CONCURRENCY}) vs bare BullMQ no-op jobs/s`, unit: 'per s', herald: herald.completedPerSecond, baseline, goal: 0.3 });
    // The same comparison per CPU-second of this process, Redis and the database's backends: it holds
    // when other processes load the machine, which the wall-clock figure does not.
    report({ scenario: 'fanout', metric: `website publications published and sealed per CPU-second (node + Redis + PostgreSQL) vs bare BullMQ jobs per CPU-second`, unit: 'per CPU-s', herald: herald.completedPerCpuSecond, baseline: cpuBaseline, goal: 0.3 });
    // The same bar for Herald without its channel's work: how much of the gap is the pipeline's, how much the page's.
    report({ scenario: 'fanout', metric: `pipeline alone (no-op channel: no page rendered or written) published and sealed/s vs bare BullMQ no-op jobs/s`, unit: 'per s', herald: pipeline.completedPerSecond, baseline, goal: 0.3 });
    report({ scenario: 'fanout', metric: `pipeline alone (no-op channel) published and sealed per CPU-second vs bare BullMQ jobs per CPU-second`, unit: 'per CPU-s', herald: pipeline.completedPerCpuSecond, baseline: cpuBaseline, goal: 0.3 });
    const tenant = directory.get(TENANT)?.tenant;
    if (!tenant) throw new Error(`tenant ${TENANT} missing`);
    const ads = await measureAdRendering(tenant, ADS);
    say(`newspaper: ${ads.heraldPerCpuSecond.toFixed(0)} PDF/A ads per CPU-second (${Math.round(ads.heraldBytes / 1024)} kB each) vs ${ads.barePerCpuSecond.toFixed(0)} bare pdfkit PDFs (${Math.round(ads.bareBytes / 1024)} kB)`);
    report({ scenario: 'fanout', metric: `newspaper ads rendered per CPU-second, one core (PDF/A-2b, fonts embedded) vs pdfkit's bare PDF of the same text`, unit: 'per CPU-s', herald: ads.heraldPerCpuSecond, baseline: ads.barePerCpuSecond, goal: 0.1 });
    report({ scenario: 'fanout', metric: 'archive sealing records/s (of sealer busy time) vs publications/s (keeps up)', unit: 'per s', herald: herald.sealedPerSecond, baseline: herald.publishedPerSecond, goal: 1 });
    // Capacity alone hides a sealer that could keep up but does not get to run: the wait shows it.
    report({ scenario: 'fanout', metric: `archive seal wait p99 (sealed_at − recorded_at; sealer every ${SEAL_EVERY_MS / 1000} s)`, unit: 'ms', herald: herald.sealWaitMs.p99, baseline: null, goal: 2 * SEAL_EVERY_MS, lowerIsBetter: true });
    report({ scenario: 'fanout', metric: `scheduling lateness p99 via Herald, ${DELAYED} delayed jobs waiting`, unit: 'ms', herald: percentile(freshLateness, 99), baseline: null, goal: 1000, lowerIsBetter: true });
    report({ scenario: 'fanout', metric: `scheduling lateness p99 via Herald, ${DELAYED} delayed jobs waiting, ${N} notices on the website`, unit: 'ms', herald: percentile(loadedLateness, 99), baseline: null, goal: 1000, lowerIsBetter: true });
  } finally {
    await pool.end();
    await probe.end();
    await rm(dataDir, { recursive: true, force: true });
    const deleted = await deleteKeysByPrefix(redisUrl, prefix);
    const left = await countKeysByPrefix(redisUrl, prefix);
    say(`cleanup: ${deleted} Redis keys deleted, ${left} left under ${prefix}`);
    if (process.env.BENCH_KEEP_DB === undefined) await dropDatabase(databaseUrl);
  }
}

/**
 * Polls PostgreSQL until the N publications are published and every record is sealed. The sealer's
 * work is read afterwards from the maintenance queue's completed seal jobs (BullMQ keeps them: the
 * scheduler's template sets no removeOnComplete), so no job is missed for starting before this looked.
 */
async function measureHerald(
  label: string,
  queues: PublishingQueues,
  probe: pg.Pool,
  ids: readonly string[],
  started: { perf: number; epoch: number },
  cpu: CpuMeter,
  cpuAtStart: Awaited<ReturnType<CpuMeter['read']>>,
): Promise<HeraldThroughput> {
  let publishedAt: number | undefined;
  let reported = started.perf;
  let maxUnsealed = 0;
  const completedAt = await until('Herald publications', 50, async () => {
    // Only this run's notices are open: the lateness sample before it went out and was sealed.
    const row = await progress(probe);
    const at = performance.now();
    maxUnsealed = Math.max(maxUnsealed, row.unsealed);
    if (!row.open && publishedAt === undefined) {
      publishedAt = at;
      await describeMaintenance(label, queues, row.unsealed);
    }
    if (at - reported >= 15_000) {
      reported = at;
      say(`${label}: ${seconds(started.perf, at).toFixed(0)} s: ${await publishedOf(probe, ids)} published, ${row.unsealed} records unsealed`);
    }
    return !row.open && row.unsealed === 0 ? at : undefined;
  });
  const spent = cpuSpent(cpuAtStart, await cpu.read());
  say(
    `${label}: CPU ${spent.total.toFixed(2)} s (node ${spent.node.toFixed(2)}: main thread ${spent.nodeMain.toFixed(2)}, other threads ${(spent.node - spent.nodeMain).toFixed(2)}; ` +
      `Redis ${spent.redis.toFixed(2)}, PostgreSQL ${spent.postgres.toFixed(2)}); per publication ${((spent.total / N) * 1000).toFixed(2)} ms`,
  );
  const { rows } = await probe.query<{ n: number }>(COMPLETE, [ids]);
  if (rows[0]?.n !== N) throw new Error(`only ${rows[0]?.n ?? 0} of ${N} publications are published with a sealed record`);
  const waits = await probe.query<{ ms: [number, number] }>(SEAL_WAIT, [ids]);
  const [p50, p99] = waits.rows[0]?.ms ?? [NaN, NaN];
  if (publishedAt === undefined) throw new Error('never saw every publication published');

  // The last seal's commit can be seen before its job reports completion: wait for the report.
  const seals = await until('the seal jobs to report', 50, async () => {
    const jobs = (await queues.maintenance.getJobs(['completed'])).filter((j) => j.name === 'seal' && (j.processedOn ?? 0) >= started.epoch);
    const runs = jobs.flatMap((j) => (typeof j.returnvalue === 'number' && j.returnvalue > 0 ? [{ sealed: j.returnvalue, from: j.processedOn ?? 0, to: j.finishedOn ?? 0 }] : []));
    const sealed = runs.reduce((sum, r) => sum + r.sealed, 0);
    return sealed >= N ? { sealed, busy: runs.map((r): [number, number] => [r.from, r.to]) } : undefined;
  });
  return {
    completedPerSecond: N / seconds(started.perf, completedAt),
    completedPerCpuSecond: N / spent.total,
    publishedPerSecond: N / seconds(started.perf, publishedAt),
    sealedPerSecond: seals.sealed / (unionMs(seals.busy) / 1000),
    sealLagMs: completedAt - publishedAt,
    maxUnsealed,
    sealWaitMs: { p50, p99 },
  };
}

/** What the maintenance worker (which runs the seal jobs) has in hand when the last publication is out. */
async function describeMaintenance(label: string, queues: PublishingQueues, unsealed: number): Promise<void> {
  const jobs = await queues.maintenance.getJobs(['waiting', 'active']);
  const byName = jobs.reduce((by, j) => by.set(j.name, (by.get(j.name) ?? 0) + 1), new Map<string, number>());
  const listed = [...byName].map(([name, n]) => `${n} ${name}`).join(', ');
  say(`${label}: all published; ${unsealed} records unsealed; maintenance jobs waiting or active: ${listed || 'none'}`);
}

/** Total length of a set of intervals, overlaps counted once. */
function unionMs(intervals: [number, number][]): number {
  let total = 0;
  let end = -Infinity;
  for (const [from, to] of [...intervals].sort((a, b) => a[0] - b[0])) {
    if (to <= end) continue;
    total += to - Math.max(from, end);
    end = to;
  }
  return total;
}

await main();
