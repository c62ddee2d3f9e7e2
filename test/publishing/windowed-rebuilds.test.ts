import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Queue } from 'bullmq';
import { INDEX_WINDOW_MS, windowAfter } from '../../src/publishing/website-index.ts';
import { connectionFor } from '../../src/queue/connection.ts';
import { WindowedJob } from '../../src/queue/windowed-job.ts';
import { REDIS_URL } from '../helpers/app.ts';
import { deleteQueueKeys, newQueuePrefix } from '../helpers/workers.ts';

const prefix = newQueuePrefix();
const queue = new Queue('maintenance', { connection: connectionFor({ redisUrl: REDIS_URL, prefix }, 'worker'), prefix });
after(async () => {
  await queue.close();
  await deleteQueueKeys(prefix);
});

test('a tenant whose rebuild is costly gets a longer window, so rebuilds keep to a twentieth of the time', () => {
  assert.equal(windowAfter(0), INDEX_WINDOW_MS);
  assert.equal(windowAfter(INDEX_WINDOW_MS / 20), INDEX_WINDOW_MS);
  assert.equal(windowAfter(INDEX_WINDOW_MS / 20 + 1), 2 * INDEX_WINDOW_MS);
  // A rebuild of 1.2 s (thousands of current notices): windows of 40 s, so at most 3 % of the time.
  assert.equal(windowAfter(1200), 8 * INDEX_WINDOW_MS);
});

test('requests in one window share one delayed job; a key with a longer window gets its own', async () => {
  const windows = new Map([
    ['small', 1000],
    ['large', 8000],
  ]);
  const jobs = new WindowedJob<{ key: string }>(queue, 'rebuild', (key) => windows.get(key) ?? 1000);
  const now = 1_700_000_000_000; // a multiple of 8 s: both windows start here
  for (const at of [now, now + 10, now + 999]) await jobs.request('small', { key: 'small' }, at);
  for (const at of [now, now + 5000]) await jobs.request('large', { key: 'large' }, at);
  await jobs.request('small', { key: 'small' }, now + 1000);

  // Each job is due 100 ms after its window closes; its id names the key, the window length and which window.
  const delayed = await queue.getDelayed();
  const found = delayed.map((j) => ({ id: j.id, delay: j.opts.delay })).sort((a, b) => (a.delay ?? 0) - (b.delay ?? 0));
  const w1 = now / 1000;
  assert.deepEqual(found, [
    { id: `rebuild-small-1000-${w1}`, delay: 1100 },
    { id: `rebuild-small-1000-${w1 + 1}`, delay: 1100 },
    { id: `rebuild-large-8000-${now / 8000}`, delay: 8100 },
  ]);
});
