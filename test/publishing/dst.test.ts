import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
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
  submitNotice,
  waitFor,
  websiteAnnouncement,
  type Problem,
  type TestWorkers,
} from '../helpers/workers.ts';

// Europe/Oslo falls back on 2027-10-31: 03:00+02:00 becomes 02:00+01:00, so 02:00–03:00 happens
// twice. "Now", for the API and the workers alike, is 02:29:57+01:00, the second pass through that
// hour: a notice for 02:30+01:00 is 3 s away (02:30+02:00 was an hour ago).

const NOW = Date.parse('2027-10-31T01:29:57Z');
// Re-anchored just before submitting, so "now" is 01:29:57Z then, however long setup took.
let shift = NOW - Date.now();
const clock = (): Date => new Date(Date.now() + shift);

const prefix = newQueuePrefix();
let t: TestApp;
let workers: TestWorkers | undefined;
let key: string;

before(async () => {
  t = await buildTestApp({ clock });
  workers = await startTestWorkers(t, { prefix, clock });
  key = await t.key('asnes', 'communications');
});

after(async () => {
  await workers?.stop();
  await deleteQueueKeys(prefix);
  await t.close();
});

test('02:30+01:00 in the repeated hour publishes once, 3 s later, not before', async () => {
  shift = NOW - Date.now();
  const realStart = Date.now();
  const notice = await submitAccepted(t, key, websiteAnnouncement(example('announcement'), '2027-10-31T02:30+01:00'));
  const [publication] = notice.publications;
  assert.ok(publication);
  assert.equal(notice.publications.length, 1);
  assert.equal(publication.scheduledAt, '2027-10-31T01:30:00.000Z');
  assert.equal(publication.scheduledAtLocal, '2027-10-31T02:30:00.000+01:00');
  const scheduledAt = Date.parse(publication.scheduledAt);
  const pageFile = join(t.dataDir, 'web', 'asnes', 'notices', `${notice.id}.html`);

  let looksBefore = 0;
  const published = await waitFor(
    'the publication to go out',
    async () => {
      const row = (await publicationStates(t.db.pool)).find((p) => p.id === publication.id);
      const fileThere = existsSync(pageFile);
      const lookedBy = clock().getTime();
      if (lookedBy < scheduledAt) {
        looksBefore++;
        assert.ok(!fileThere && row?.state !== 'published', `out ${scheduledAt - lookedBy} ms early (state ${row?.state ?? 'missing'})`);
      }
      return row?.state === 'published' && fileThere ? row : undefined;
    },
    { timeoutMs: 10_000, intervalMs: 25 },
  );
  const realElapsed = Date.now() - realStart;
  assert.ok(looksBefore > 10, `only ${looksBefore} looks before the scheduled time`);
  // 3 s of real time, not an hour early (02:30+02:00) nor an hour late.
  assert.ok(realElapsed >= 2500 && realElapsed < 8000, `published after ${realElapsed} ms of real time`);
  assert.ok(published.publishedAt && published.publishedAt.getTime() >= scheduledAt, `published_at ${published.publishedAt?.toISOString() ?? 'null'}`);
  assert.ok(published.publishedAt.getTime() < scheduledAt + 5000, `published_at ${published.publishedAt.toISOString()}`);
  assert.equal(published.attempts, 1);

  const records = (await archiveRecords(t.db.pool)).filter((r) => r.publicationId === publication.id);
  assert.deepEqual(records.map((r) => r.event), ['published']);
});

test('the same wall time without an offset is ambiguous: 422 time.ambiguous', async () => {
  const { status, body } = await submitNotice(t, key, websiteAnnouncement(example('announcement'), '2027-10-31T02:30'));
  assert.equal(status, 422, JSON.stringify(body));
  const problem = body as Problem;
  assert.deepEqual(problem.errors?.map((e) => [e.rule, e.path]), [['time.ambiguous', '/publishAt']]);
  // The message offers both readings.
  const [error] = problem.errors ?? [];
  assert.match(error?.message ?? '', /\+02:00.*\+01:00|\+01:00.*\+02:00/);
});

test('a wall time in the spring-forward gap does not exist: 422 time.nonexistent', async () => {
  const { status, body } = await submitNotice(t, key, websiteAnnouncement(example('announcement'), '2027-03-28T02:30'));
  assert.equal(status, 422, JSON.stringify(body));
  assert.deepEqual((body as Problem).errors?.map((e) => [e.rule, e.path]), [['time.nonexistent', '/publishAt']]);
});

test('nothing was stored for the refused notices', async () => {
  const { rows } = await t.db.pool.query<{ n: number }>('SELECT count(*) AS n FROM notices');
  assert.equal(rows[0]?.n, 1);
});
