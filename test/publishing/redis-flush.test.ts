import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { example } from '../helpers/examples.ts';
import {
  archiveRecords,
  deleteQueueKeys,
  newQueuePrefix,
  type PublicationState,
  publicationStates,
  recordsPerPublication,
  startTestWorkers,
  stateCounts,
  submitAccepted,
  submitAnnouncements,
  type TestWorkers,
  waitFor,
  websiteAnnouncement,
} from '../helpers/workers.ts';

// Principle 1: PostgreSQL is the truth, Redis only executes. Redis loses every key while the
// notices' jobs wait delayed in it; the next worker set's reconcile pass at start puts them back,
// and each goes out once, at its time. And when Redis loses everything under running workers (a
// restart of a Redis that keeps nothing on disk), they recover without a restart of their own.

const NOTICES = 10;
const prefix = newQueuePrefix();
/** The running-workers tests' own prefix: the first test's worker sets never see their jobs. */
const runningPrefix = newQueuePrefix();
let t: TestApp;
const sets: TestWorkers[] = [];

before(async () => {
  t = await buildTestApp();
});

after(async () => {
  await Promise.allSettled(sets.map((s) => s.stop()));
  await deleteQueueKeys(prefix);
  await deleteQueueKeys(runningPrefix);
  await t.close();
});

test('after Redis lost everything, the reconcile pass at start re-enqueues and each goes out once at its time', async () => {
  // The periodic reconcile is far away: only the pass at start can bring the jobs back.
  const first = await startTestWorkers(t, { prefix, reconcileEveryMs: 600_000 });
  sets.push(first);
  const key = await t.key('asnes', 'communications');
  const base = Math.ceil((Date.now() + 4000) / 1000) * 1000;
  const ids: string[] = [];
  // Spread over a second, so "at its time" is checked for different times.
  for (const notice of await submitAnnouncements(t, key, NOTICES, (i) => new Date(base + i * 100).toISOString())) {
    for (const p of notice.publications) ids.push(p.id);
  }
  await waitFor('the relay to hand every publication to Redis', async () => (await stateCounts(t.db.pool)).scheduled === NOTICES, {
    describe: async () => JSON.stringify(await stateCounts(t.db.pool)),
  });
  const website = first.queues.queue('website');
  assert.equal((await website.getJobCounts('delayed')).delayed, NOTICES, 'the jobs wait delayed in Redis');

  await first.stop();
  const deleted = await deleteQueueKeys(prefix);
  assert.ok(deleted > 0, 'there were keys to lose');
  assert.ok(Date.now() < base, 'the flush came after the jobs were due: the test proves nothing');

  const second = await startTestWorkers(t, { prefix, reconcileEveryMs: 600_000 });
  sets.push(second);
  // startWorkers awaits its reconcile pass: the jobs are back before it returns.
  const counts = await second.queues.queue('website').getJobCounts('delayed', 'waiting', 'active');
  assert.equal((counts.delayed ?? 0) + (counts.waiting ?? 0) + (counts.active ?? 0), NOTICES, JSON.stringify(counts));

  const early: string[] = [];
  await waitFor(
    'every publication to be published',
    async () => {
      const rows = await publicationStates(t.db.pool);
      const lookedBy = Date.now();
      for (const p of rows) if (p.state !== 'scheduled' && lookedBy < p.scheduledAt.getTime()) early.push(`${p.id} ${p.state}`);
      return rows.every((p) => p.state === 'published');
    },
    { timeoutMs: 15_000, intervalMs: 25, describe: async () => JSON.stringify(await stateCounts(t.db.pool)) },
  );
  assert.deepEqual(early, [], 'published before its time');

  const publications = await publicationStates(t.db.pool);
  assert.deepEqual(publications.map((p) => p.id).sort(), [...ids].sort());
  for (const p of publications) {
    assert.ok(p.publishedAt && p.publishedAt.getTime() >= p.scheduledAt.getTime(), `${p.id} went out at ${p.publishedAt?.toISOString() ?? 'null'}, before ${p.scheduledAt.toISOString()}`);
    assert.ok(p.publishedAt.getTime() < p.scheduledAt.getTime() + 3000, `${p.id} went out late, at ${p.publishedAt.toISOString()}`);
    assert.equal(p.attempts, 1, `${p.id} took ${p.attempts} attempts`);
  }
  const perPublication = await recordsPerPublication(t.db.pool);
  for (const id of ids) assert.equal(perPublication.get(id), 1, `publication ${id} has ${perPublication.get(id) ?? 0} 'published' records`);
});

// The workers keep running while Redis loses everything: the reconciler and the sealer are BullMQ job
// schedulers kept in that same Redis, so the loss must not take them along.
let running: TestWorkers | undefined;

test('Redis loses everything while the workers run: the periodic reconcile brings the jobs back', async () => {
  // The first test's workers are done (stop is idempotent): their relay would take these notices.
  await Promise.all(sets.map((s) => s.stop()));
  running = await startTestWorkers(t, { prefix: runningPrefix, reconcileEveryMs: 1000, sealEveryMs: 300 });
  sets.push(running);
  const key = await t.key('asnes', 'communications', 'second communications officer');
  const publishAt = new Date(Math.ceil((Date.now() + 3000) / 1000) * 1000);
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const notice = await submitAccepted(t, key, websiteAnnouncement(example('announcement'), publishAt.toISOString(), `Etter tapet nr. ${i + 1}`));
    for (const p of notice.publications) ids.push(p.id);
  }
  const mine = async (): Promise<PublicationState[]> => (await publicationStates(t.db.pool)).filter((p) => ids.includes(p.id));
  await waitFor('the relay to hand them to Redis', async () => (await mine()).every((p) => p.state === 'scheduled'));
  assert.ok((await deleteQueueKeys(runningPrefix)) > 0);

  // Due in ~3 s; the reconciler runs every second: all out well within 10 s.
  await waitFor('the lost publications to go out', async () => (await mine()).every((p) => p.state === 'published'), {
    timeoutMs: 10_000,
    describe: async () => `states ${(await mine()).map((p) => p.state).join(',')}: nothing re-enqueued them`,
  });
  const perPublication = await recordsPerPublication(t.db.pool);
  for (const id of ids) assert.equal(perPublication.get(id), 1);
});

test('Redis loses everything while the workers run: new records are still sealed within seconds', async () => {
  assert.ok(running);
  const key = await t.key('asnes', 'communications', 'third communications officer');
  // Due at once: the relay hands it over on the NOTIFY, whatever Redis lost before.
  const notice = await submitAccepted(t, key, websiteAnnouncement(example('announcement'), new Date().toISOString(), 'Etter tapet, straks'));
  const id = notice.publications[0]?.id;
  await waitFor('it to go out', async () => (await publicationStates(t.db.pool)).find((p) => p.id === id)?.state === 'published');
  await waitFor('its record to be sealed', async () => (await archiveRecords(t.db.pool)).find((r) => r.publicationId === id)?.seq != null, {
    timeoutMs: 6000,
    describe: async () => `${(await archiveRecords(t.db.pool)).filter((r) => r.seq === null).length} records unsealed: the sealer's schedule was lost with Redis`,
  });
});
