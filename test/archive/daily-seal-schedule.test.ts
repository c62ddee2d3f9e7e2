import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { deleteQueueKeys, newQueuePrefix, startTestWorkers, type TestWorkers } from '../helpers/workers.ts';

// The daily seals run as a maintenance job scheduler at local midnight, one per time zone in use.

const prefix = newQueuePrefix();
let t: TestApp;
let workers: TestWorkers;
before(async () => {
  t = await buildTestApp();
  workers = await startTestWorkers(t, { prefix });
});
after(async () => {
  await workers.stop();
  await deleteQueueKeys(prefix);
  await t.close();
});

test('the workers keep a midnight scheduler for the daily seal in each zone', async () => {
  const schedulers = await workers.queues.maintenance.getJobSchedulers();
  const daily = schedulers.filter((s) => s.name === 'daily-seal');
  assert.deepEqual(daily.map((s) => [s.key, s.pattern, s.tz]), [['daily-seal:Europe/Oslo', '0 0 * * *', 'Europe/Oslo']]);
  const next = daily[0]?.next;
  assert.ok(typeof next === 'number');
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(next));
  assert.equal(hour, '00:00');
});
