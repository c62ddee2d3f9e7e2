import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import type pg from 'pg';
import type { NoticeInput } from '../../src/notices/types.ts';
import { createLogger } from '../../src/logger.ts';
import type { NoticeView } from '../../src/notices/present.ts';
import { createPool } from '../../src/store/pool.ts';
import type { TenantDirectory } from '../../src/tenancy/directory.ts';
import type { Clock } from '../../src/time/clock.ts';
import { startWorkers, type AlertWorkerOptions, type FacebookWorkerOptions, type RunningWorkers } from '../../workers/start.ts';
import { REDIS_URL, shippedDirectory, type TestApp } from './app.ts';
import { example } from './examples.ts';

/** A queue prefix of this test's own: a Redis Cluster hash tag, like production's `{herald}`. */
export function newQueuePrefix(): string {
  return `{herald-test-${randomBytes(6).toString('hex')}}`;
}

/**
 * Deletes every Redis key under `prefix` (SCAN + DEL), never anything else: other test files share
 * this Redis. Returns how many keys it deleted.
 */
export async function deleteQueueKeys(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 3, lazyConnect: true });
  await redis.connect();
  // SCAN MATCH is a glob: escape its special characters so the prefix is matched literally.
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

export interface TestWorkers extends RunningWorkers {
  pool: pg.Pool;
  /** Closes the workers, then their pool; safe to call twice. */
  stop(): Promise<void>;
}

export interface TestWorkerOptions {
  prefix: string;
  /** @defaultValue the shipped tenants and rules */
  directory?: TenantDirectory;
  clock?: Clock;
  concurrency?: number;
  lockDurationMs?: number;
  sealEveryMs?: number;
  reconcileEveryMs?: number;
  websiteBatchSize?: number;
  /** @defaultValue graph.facebook.com with no tokens set: Facebook publications wait for a token */
  facebook?: FacebookWorkerOptions;
  /** @defaultValue silent (debug with TEST_LOG) */
  log?: FastifyBaseLogger;
  /** @defaultValue no deadline watch */
  alerts?: AlertWorkerOptions;
  /** @defaultValue no metrics server */
  metricsPort?: number;
}

/**
 * One worker set as `npm run worker` starts it, in this process, on the test's database, data dir
 * and queue prefix, with a pool of its own (as another process would have).
 */
export async function startTestWorkers(t: TestApp, opts: TestWorkerOptions): Promise<TestWorkers> {
  const concurrency = opts.concurrency ?? 4;
  const pool = createPool(t.db.url, concurrency + 4);
  // A database dropped under a closing pool reports "terminating connection": expected.
  pool.on('error', () => undefined);
  let running: RunningWorkers;
  try {
    running = await startWorkers({
      pool,
      databaseUrl: t.db.url,
      directory: opts.directory ?? shippedDirectory(),
      queue: { redisUrl: REDIS_URL, prefix: opts.prefix },
      dataDir: t.dataDir,
      log: opts.log ?? createLogger(process.env.TEST_LOG ? 'debug' : 'silent'),
      concurrency,
      lockDurationMs: opts.lockDurationMs ?? 5000,
      sealEveryMs: opts.sealEveryMs ?? 300,
      ...(opts.reconcileEveryMs === undefined ? {} : { reconcileEveryMs: opts.reconcileEveryMs }),
      ...(opts.clock ? { clock: opts.clock } : {}),
      ...(opts.websiteBatchSize === undefined ? {} : { websiteBatchSize: opts.websiteBatchSize }),
      ...(opts.facebook ? { facebook: opts.facebook } : {}),
      ...(opts.alerts ? { alerts: opts.alerts } : {}),
      ...(opts.metricsPort === undefined ? {} : { metricsPort: opts.metricsPort }),
    });
  } catch (error) {
    await pool.end();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    ...running,
    pool,
    stop() {
      stopping ??= (async () => {
        try {
          await running.close();
        } finally {
          await pool.end();
        }
      })();
      return stopping;
    },
  };
}

/**
 * Polls `check` until it returns something other than undefined/false, or fails after `timeoutMs`
 * naming `what` and the last value seen by `describe`.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  opts: { timeoutMs?: number; intervalMs?: number; describe?: () => Promise<string> } = {},
): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      const state = opts.describe ? ` (${await opts.describe()})` : '';
      throw new Error(`timed out waiting for ${what}${state}`);
    }
    await sleep(opts.intervalMs ?? 50);
  }
}

export interface Problem {
  type: string;
  status: number;
  title: string;
  detail?: string;
  errors?: { rule: string; path: string; message: string }[];
}

/** POST /v1/notices; asserts nothing: the status and the parsed body. */
export async function submitNotice(t: TestApp, key: string, notice: NoticeInput): Promise<{ status: number; body: unknown }> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/notices',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    payload: JSON.stringify(notice),
  });
  return { status: res.statusCode, body: res.json() };
}

/** POST /v1/notices that must answer 201: the stored notice. */
export async function submitAccepted(t: TestApp, key: string, notice: NoticeInput): Promise<NoticeView> {
  const { status, body } = await submitNotice(t, key, notice);
  if (status !== 201) throw new Error(`expected 201, got ${status}: ${JSON.stringify(body)}`);
  return body as NoticeView;
}

/** Submits `count` website-only announcements, the i-th going out at `publishAtOf(i)`; returns them in order. */
export async function submitAnnouncements(t: TestApp, key: string, count: number, publishAtOf: (i: number) => string): Promise<NoticeView[]> {
  const notices: NoticeView[] = [];
  for (let i = 0; i < count; i++) {
    notices.push(await submitAccepted(t, key, websiteAnnouncement(example('announcement'), publishAtOf(i), `Kunngjøring nr. ${i + 1}`)));
  }
  return notices;
}

/** A website-only announcement that goes out at `publishAt` (an ISO string). */
export function websiteAnnouncement(base: NoticeInput, publishAt: string, title?: string): NoticeInput {
  return { ...base, channels: ['website'], publishAt, ...(title === undefined ? {} : { title }) };
}

export interface PublicationState {
  id: string;
  noticeId: string;
  state: string;
  attempts: number;
  scheduledAt: Date;
  publishedAt: Date | null;
  lastError: unknown;
}

export async function publicationStates(pool: pg.Pool): Promise<PublicationState[]> {
  const { rows } = await pool.query<PublicationState>(
    `SELECT id, notice_id AS "noticeId", state, attempts, scheduled_at AS "scheduledAt", published_at AS "publishedAt", last_error AS "lastError"
       FROM publications ORDER BY scheduled_at, id`,
  );
  return rows;
}

/** How many publications are in each state, e.g. `{ published: 3, scheduled: 1 }`. */
export async function stateCounts(pool: pg.Pool): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ state: string; n: number }>('SELECT state, count(*) AS n FROM publications GROUP BY state ORDER BY state');
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

export interface ArchiveRow {
  id: number;
  publicationId: string | null;
  event: string;
  content: Buffer;
  seq: number | null;
  receipt: Record<string, unknown> | null;
}

export async function archiveRecords(pool: pg.Pool): Promise<ArchiveRow[]> {
  const { rows } = await pool.query<ArchiveRow>(
    `SELECT id, publication_id AS "publicationId", event, content, seq, receipt FROM archive_records ORDER BY id`,
  );
  return rows;
}

/** Publication id → how many archive records of this event it has. */
export async function recordsPerPublication(pool: pg.Pool, event = 'published'): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ publicationId: string; n: number }>(
    `SELECT publication_id AS "publicationId", count(*) AS n FROM archive_records WHERE event = $1 GROUP BY publication_id`,
    [event],
  );
  return new Map(rows.map((r) => [r.publicationId, r.n]));
}

export async function tenantId(pool: pg.Pool, slug: string): Promise<string> {
  const { rows } = await pool.query<{ id: string }>('SELECT id FROM tenants WHERE slug = $1', [slug]);
  const id = rows[0]?.id;
  if (id === undefined) throw new Error(`no tenant ${slug}`);
  return id;
}
