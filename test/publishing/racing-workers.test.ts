import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import {
  archiveRecords,
  deleteQueueKeys,
  newQueuePrefix,
  publicationStates,
  recordsPerPublication,
  startTestWorkers,
  stateCounts,
  submitAnnouncements,
  type TestWorkers,
  waitFor,
} from '../helpers/workers.ts';

// Two worker sets (as two processes would run them) on one queue prefix and one database race for
// 40 publications that all fall due at the same instant: each goes out exactly once.

const NOTICES = 40;
const prefix = newQueuePrefix();
let t: TestApp;
const sets: TestWorkers[] = [];
/** Jobs each worker set finished, by their result ('published', 'adopted', 'skipped:…'). */
const results: Map<string, number>[] = [new Map<string, number>(), new Map<string, number>()];

before(async () => {
  t = await buildTestApp();
  for (const [i, tally] of results.entries()) {
    // No batches: every job claims only its own publication, so the two sets race job against job
    // (batched claims racing are in idempotent-jobs.test.ts) and the work shares out between them.
    const set = await startTestWorkers(t, { prefix, concurrency: 8, websiteBatchSize: 0 });
    sets.push(set);
    for (const worker of set.workers) {
      if (worker.name !== 'publish-website') continue;
      worker.on('completed', (_job, result: unknown) => {
        const name = String(result);
        tally.set(name, (tally.get(name) ?? 0) + 1);
      });
    }
    assert.equal(sets.length, i + 1);
  }
});

after(async () => {
  await Promise.allSettled(sets.map((s) => s.stop()));
  await deleteQueueKeys(prefix);
  await t.close();
});

test(`${NOTICES} publications due at once, two worker sets: each published exactly once`, async () => {
  const key = await t.key('asnes', 'communications');
  const publishAt = new Date(Math.ceil((Date.now() + 2000) / 1000) * 1000).toISOString();
  const ids: string[] = [];
  for (const notice of await submitAnnouncements(t, key, NOTICES, () => publishAt)) {
    for (const p of notice.publications) ids.push(p.id);
  }
  assert.equal(ids.length, NOTICES);
  assert.ok(Date.now() < Date.parse(publishAt), 'submitting took longer than the lead time: the jobs were never delayed');

  await waitFor('every publication to be published', async () => (await stateCounts(t.db.pool)).published === NOTICES, {
    timeoutMs: 15_000,
    describe: async () => JSON.stringify(await stateCounts(t.db.pool)),
  });
  // Let any straggling duplicate job finish before counting.
  await waitFor('both worker sets to be idle', async () => {
    const counts = await Promise.all(sets.map((s) => s.queues.queue('website').getJobCounts('active', 'waiting', 'delayed')));
    return counts.every((c) => (c.active ?? 0) + (c.waiting ?? 0) + (c.delayed ?? 0) === 0);
  });

  const publications = await publicationStates(t.db.pool);
  assert.deepEqual(publications.map((p) => p.id).sort(), [...ids].sort());
  for (const p of publications) {
    assert.equal(p.state, 'published', `${p.id}: ${p.state} ${JSON.stringify(p.lastError)}`);
    assert.ok(p.publishedAt && p.publishedAt.getTime() >= p.scheduledAt.getTime(), `${p.id} went out at ${p.publishedAt?.toISOString() ?? 'null'}, before ${p.scheduledAt.toISOString()}`);
  }
  const once = publications.filter((p) => p.attempts === 1).length;
  assert.ok(once >= NOTICES - 2, `only ${once} of ${NOTICES} went out on the first attempt: ${publications.map((p) => p.attempts).join(',')}`);

  const perPublication = await recordsPerPublication(t.db.pool);
  assert.equal(perPublication.size, NOTICES);
  for (const id of ids) assert.equal(perPublication.get(id), 1, `publication ${id} has ${perPublication.get(id) ?? 0} 'published' records`);
  const events = new Set((await archiveRecords(t.db.pool)).map((r) => r.event));
  assert.deepEqual([...events], ['published'], 'no failure was archived');

  // Both sets did real work, and together they published each one once.
  const published = results.map((tally) => tally.get('published') ?? 0);
  assert.equal((published[0] ?? 0) + (published[1] ?? 0), NOTICES, JSON.stringify(results.map((r) => Object.fromEntries(r))));
  assert.ok(published.every((n) => n > 0), `one worker set did everything: ${published.join(' / ')}`);
});
