import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createWebsiteChannel } from '../../src/channels/website/index.ts';
import { createLogger } from '../../src/logger.ts';
import { BatchLedger } from '../../src/publishing/batch-ledger.ts';
import { publishPublication } from '../../src/publishing/publish.ts';
import { reconcile } from '../../src/publishing/reconcile.ts';
import type { DuePublication } from '../../src/queue/publishing-queues.ts';
import { PUBLICATION_JOB_OPTIONS, PublishingQueues } from '../../src/queue/publishing-queues.ts';
import { webRootOf } from '../../src/routes/public.ts';
import { REDIS_URL, buildTestApp, shippedDirectory, type TestApp } from '../helpers/app.ts';
import {
  archiveRecords,
  deleteQueueKeys,
  newQueuePrefix,
  type PublicationState,
  publicationStates,
  recordsPerPublication,
  startTestWorkers,
  stateCounts,
  submitAnnouncements,
  type TestWorkers,
  waitFor,
} from '../helpers/workers.ts';

// Re-enqueueing is always safe (principles 1 and 2): the reconciler and enqueue add nothing for a
// publication whose job waits (job id = publication id); a job that slips past that (another id,
// or added after the first finished) finds the publication claimed or published and does nothing.

const NOTICES = 5;
const LOCK_MS = 2000;
const prefix = newQueuePrefix();
const log = createLogger('silent');
let t: TestApp;
let workers: TestWorkers | undefined;
/** A second producer, as another process (the API of old, a reconciler elsewhere) would have. */
let other: PublishingQueues | undefined;
/** What the website worker's finished jobs returned: 'published', 'skipped:finished', … */
const results = new Map<string, number>();
const due: DuePublication[] = [];
const noticeIds: string[] = [];

before(async () => {
  t = await buildTestApp();
  workers = await startTestWorkers(t, { prefix, lockDurationMs: LOCK_MS, reconcileEveryMs: 600_000 });
  other = new PublishingQueues({ redisUrl: REDIS_URL, prefix }, 'worker');
  for (const worker of workers.workers) {
    if (worker.name !== 'publish-website') continue;
    worker.on('completed', (_job, result: unknown) => {
      const name = String(result);
      results.set(name, (results.get(name) ?? 0) + 1);
    });
  }
});

after(async () => {
  await workers?.stop();
  await other?.close();
  await deleteQueueKeys(prefix);
  await t.close();
});

const tally = (): Record<string, number> => Object.fromEntries(results);
const waitingJobs = async (): Promise<number> => {
  const c = await (workers?.queues ?? other)?.queue('website').getJobCounts('delayed', 'waiting', 'active', 'prioritized');
  return c ? Object.values(c).reduce((a, b) => a + b, 0) : -1;
};

test('while the jobs wait, reconcile and enqueue, repeated and from two producers, add no job', async () => {
  assert.ok(workers && other);
  const key = await t.key('asnes', 'communications');
  const publishAt = new Date(Math.ceil((Date.now() + 3000) / 1000) * 1000).toISOString();
  for (const notice of await submitAnnouncements(t, key, NOTICES, () => publishAt)) {
    noticeIds.push(notice.id);
    for (const p of notice.publications) due.push({ id: p.id, channel: p.channel, scheduledAt: new Date(p.scheduledAt) });
  }
  await waitFor('the relay to hand the publications to Redis', async () => (await stateCounts(t.db.pool)).scheduled === NOTICES);
  const website = workers.queues.queue('website');
  assert.equal(await waitingJobs(), NOTICES);

  const [queues, producer] = [workers.queues, other];
  for (let round = 0; round < 3; round++) {
    const [mine, theirs] = await Promise.all([
      reconcile(t.db.pool, queues, log, new Date()),
      reconcile(t.db.pool, producer, log, new Date()),
      queues.enqueue(due),
      producer.enqueue(due),
    ]);
    assert.deepEqual(mine, { checked: NOTICES, enqueued: 0 });
    assert.deepEqual(theirs, { checked: NOTICES, enqueued: 0 });
  }
  assert.equal(await waitingJobs(), NOTICES, 'a re-enqueue added a job');
  const jobIds = (await website.getJobs(['delayed'])).map((j) => j.id).sort();
  assert.deepEqual(jobIds, due.map((p) => p.id).sort());
  assert.ok(Date.now() < Date.parse(publishAt), 'the jobs fell due before the re-enqueues were done: the test proves less than it says');
});

test('duplicate jobs under other ids race the real ones at the due time: each publication goes out once', async () => {
  assert.ok(workers && other);
  // What a job-id scheme change or a hand-added job would do: the queue cannot dedupe these.
  const website = other.queue('website');
  const now = Date.now();
  await website.addBulk(
    due.flatMap((p) =>
      [1, 2].map((n) => ({
        name: 'publish',
        data: { publicationId: p.id },
        opts: { ...PUBLICATION_JOB_OPTIONS, jobId: `${p.id}-dup${n}`, delay: Math.max(0, p.scheduledAt.getTime() - now) },
      })),
    ),
  );
  assert.equal(await waitingJobs(), NOTICES * 3);

  await waitFor('every job to finish', async () => (await waitingJobs()) === 0, {
    timeoutMs: 15_000,
    describe: async () => `${JSON.stringify(await stateCounts(t.db.pool))} ${JSON.stringify(tally())}`,
  });
  // A job may take due siblings along in its batch, so fewer jobs than publications say 'published';
  // every job ran, and every one either published or found its publication done.
  const { published = 0, 'skipped:finished': finished = 0, ...rest } = tally();
  assert.deepEqual(rest, {}, 'a job ended otherwise than published or skipped:finished');
  assert.ok(published >= 1, 'no job published');
  assert.equal(published + finished, NOTICES * 3);
  await assertPublishedOnce(await publicationStates(t.db.pool));
});

test('after publication: reconcile finds nothing open, and re-enqueued jobs are no-ops', async () => {
  assert.ok(workers && other);
  const before = await publicationStates(t.db.pool);
  const pages = noticeIds.map((id) => join(webRootOf(t.dataDir), 'asnes', 'notices', `${id}.html`));
  const mtimes = pages.map((p) => statSync(p).mtimeMs);
  results.clear();

  assert.deepEqual(await reconcile(t.db.pool, workers.queues, log, new Date()), { checked: 0, enqueued: 0 });
  // Finished jobs are removed, so the same ids are free again: these jobs really run, now.
  await workers.queues.enqueue(due);
  await other.enqueue(due);
  // A no-op job can finish before the second producer adds the same id again, which then runs too.
  await waitFor('the re-enqueued jobs to run', async () => (results.get('skipped:finished') ?? 0) >= NOTICES && (await waitingJobs()) === 0, {
    describe: async () => JSON.stringify(tally()),
  });
  const { 'skipped:finished': finished = 0, ...rest } = tally();
  assert.deepEqual(rest, {}, 'a re-enqueued job did something');
  assert.ok(finished >= NOTICES && finished <= 2 * NOTICES, `${finished} jobs for ${NOTICES} publications from two producers`);

  const now = await publicationStates(t.db.pool);
  assert.deepEqual(now, before, 'a no-op job changed a publication');
  assert.deepEqual(pages.map((p) => statSync(p).mtimeMs), mtimes, 'a no-op job rewrote a page');
  await assertPublishedOnce(now);
});

test('publishing an already published publication directly is a no-op', async () => {
  const ctx = {
    pool: t.db.pool,
    directory: shippedDirectory(),
    adapters: new Map([['website' as const, createWebsiteChannel({ webRoot: webRootOf(t.dataDir), clock: () => new Date() })]]),
    leaseMs: LOCK_MS,
    clock: () => new Date(),
    batchSize: { website: 50 },
    ledger: new BatchLedger(),
  };
  const before = await publicationStates(t.db.pool);
  for (const p of due) {
    for (const finalAttempt of [false, true]) {
      assert.deepEqual(await publishPublication(ctx, { publicationId: p.id, channel: 'website', finalAttempt }), { outcome: { kind: 'skipped', refusal: { refused: 'finished' } }, changes: [] });
    }
  }
  assert.deepEqual(await publicationStates(t.db.pool), before);
  await assertPublishedOnce(before);
});

async function assertPublishedOnce(publications: PublicationState[]): Promise<void> {
  assert.deepEqual(
    publications.map((p) => [p.state, p.attempts]),
    publications.map(() => ['published', 1]),
  );
  const perPublication = await recordsPerPublication(t.db.pool);
  for (const p of due) assert.equal(perPublication.get(p.id), 1, `publication ${p.id} has ${perPublication.get(p.id) ?? 0} 'published' records`);
  assert.deepEqual([...new Set((await archiveRecords(t.db.pool)).map((r) => r.event))], ['published']);
}
