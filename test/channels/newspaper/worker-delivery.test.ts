import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { archiveRecords, deleteQueueKeys, newQueuePrefix, publicationStates, startTestWorkers, waitFor, type TestWorkers } from '../../helpers/workers.ts';
import { clockBeforeDeadline } from './at-the-deadline.ts';
import { ISSUE, submitNewspaperNotices } from './support.ts';

// The whole path: notices booked through the API, one BullMQ job each on publish-newspaper, and at
// the booking deadline the worker fills the issue's folder once: every ad, its text, one manifest.

const prefix = newQueuePrefix();
const clock = clockBeforeDeadline(8000);
let t: TestApp;
let workers: TestWorkers | undefined;

before(async () => {
  t = await buildTestApp({ clock });
  workers = await startTestWorkers(t, { prefix, clock });
});
after(async () => {
  await workers?.stop();
  await deleteQueueKeys(prefix);
  await t.close();
});

test('at the deadline the batch folder fills once: three ads, three texts, one manifest; all delivered', async () => {
  const key = await t.key('asnes', 'communications');
  const booked = await submitNewspaperNotices(t, key, 3, 'Frist');
  const folder = join(t.dataDir, 'newspapers', 'asnes', 'glamdalen', ISSUE);
  const ids = booked.map((b) => b.publicationId);
  assert.deepEqual(await readdir(folder).catch(() => []), [], 'nothing before the deadline');

  await waitFor('the issue to be delivered', async () => (await publicationStates(t.db.pool)).filter((p) => ids.includes(p.id) && p.state === 'delivered').length === 3, {
    timeoutMs: 20_000,
    describe: async () => JSON.stringify((await publicationStates(t.db.pool)).filter((p) => ids.includes(p.id)).map((p) => [p.state, p.lastError])),
  });
  assert.ok(clock().getTime() >= new Date('2030-03-01T11:00:00Z').getTime(), 'not before the deadline');
  const files = (await readdir(folder)).sort();
  assert.equal(files.filter((f) => f.endsWith('.pdf')).length, 3);
  assert.equal(files.filter((f) => f.endsWith('.txt') && !f.startsWith('manifest-')).length, 3);
  assert.equal(files.filter((f) => /^manifest-.*\.json$/.test(f)).length, 1, files.join(', '));
  assert.ok(!files.some((f) => f.startsWith('.')));

  // Every job has run by now (they were due together); let them all finish, then count.
  await new Promise((r) => setTimeout(r, 500));
  const records = await archiveRecords(t.db.pool);
  for (const id of ids) assert.equal(records.filter((r) => r.event === 'delivered' && r.publicationId === id).length, 1, 'each ad archived once');
  assert.equal(records.filter((r) => r.event === 'delivered' && r.publicationId === null).length, 1, 'one delivery, one manifest record');
  assert.equal((await readdir(folder)).filter((f) => /^manifest-.*\.json$/.test(f)).length, 1, 'still one manifest');
});
