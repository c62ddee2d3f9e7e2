import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { example } from '../helpers/examples.ts';
import {
  archiveRecords,
  deleteQueueKeys,
  newQueuePrefix,
  publicationStates,
  startTestWorkers,
  submitAccepted,
  waitFor,
  websiteAnnouncement,
  type TestWorkers,
} from '../helpers/workers.ts';

// Workers judge due-ness by their own clock (tests shift it), while a claim's lease is on the
// database's clock. A job that finds its publication held by another worker's live claim must retry
// when that lease runs out — not a clock difference later. Here the workers' clock is an hour behind.

const SHIFT = -3_600_000;
const clock = (): Date => new Date(Date.now() + SHIFT);
const LEASE_LEFT_MS = 2000;
const prefix = newQueuePrefix();
let t: TestApp;
let workers: TestWorkers | undefined;

before(async () => {
  t = await buildTestApp({ clock });
});

after(async () => {
  await workers?.stop();
  await deleteQueueKeys(prefix);
  await t.close();
});

test('a job held by a live claim retries when the lease ends, whatever the workers clock says', async () => {
  const key = await t.key('asnes', 'communications');
  // Due now on the shifted clock (the API shares it); no worker runs yet.
  const notice = await submitAccepted(t, key, websiteAnnouncement(example('announcement'), clock().toISOString()));
  const id = notice.publications[0]?.id;
  assert.ok(id);
  // Another worker holds it: claimed, its lease runs for 2 more seconds, and then it dies.
  await t.db.pool.query(
    `UPDATE publications SET state = 'publishing', attempts = 1, attempt_started_at = now(),
            lease_until = now() + $2 * interval '1 millisecond' WHERE id = $1`,
    [id, LEASE_LEFT_MS],
  );

  // The reconcile pass at start gives it a job; the job finds it held and waits for the lease.
  const started = Date.now();
  workers = await startTestWorkers(t, { prefix, clock, lockDurationMs: 2000 });
  const published = await waitFor('the held publication to be taken over once the lease ran out', async () => {
    const row = (await publicationStates(t.db.pool)).find((p) => p.id === id);
    return row?.state === 'published' ? row : undefined;
  }, {
    timeoutMs: LEASE_LEFT_MS + 6000,
    describe: async () => {
      const delayed = await workers?.queues.queue('website').getJobs(['delayed']);
      const due = delayed?.map((j) => `job delayed until ${new Date(j.timestamp + j.delay).toISOString()}`).join(', ');
      return `${due ?? 'no job'}; now ${new Date().toISOString()}`;
    },
  });
  assert.ok(Date.now() - started >= LEASE_LEFT_MS - 200, 'taken over while the lease was still live');
  assert.equal(published.attempts, 2);
  assert.deepEqual((await archiveRecords(t.db.pool)).filter((r) => r.publicationId === id).map((r) => r.event), ['published']);
});
