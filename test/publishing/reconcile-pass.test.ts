import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createLogger } from '../../src/logger.ts';
import { reconcile } from '../../src/publishing/reconcile.ts';
import { PublishingQueues } from '../../src/queue/publishing-queues.ts';
import { databaseNow, listOpenPublications } from '../../src/store/publications.ts';
import { REDIS_URL } from '../helpers/app.ts';
import { storedNotices, type StoredNotices } from '../helpers/stored-notices.ts';
import { deleteQueueKeys, newQueuePrefix } from '../helpers/workers.ts';

// A reconcile pass checks the rows that were handed to Redis before it began. A row handed over or
// claimed while it runs has its job (the process that moved it made it), so checking it would only
// cost a Redis round trip per publication during a burst; a later loss is the next pass's to find.

const prefix = newQueuePrefix();
let scene: StoredNotices;
let queues: PublishingQueues;

before(async () => {
  scene = await storedNotices();
  queues = new PublishingQueues({ redisUrl: REDIS_URL, prefix }, 'worker');
});
after(async () => {
  await queues.close();
  await deleteQueueKeys(prefix);
  await scene.db.drop();
});

/** A website publication due in an hour, handed over (`scheduled`) but with no job in Redis. */
async function handedOverWithoutJob(): Promise<string> {
  const id = await scene.websitePublication('Avstemt', new Date(Date.now() + 3_600_000));
  await scene.db.pool.query(`UPDATE publications SET state = 'scheduled', updated_at = now() WHERE id = $1`, [id]);
  return id;
}

test('rows moved after a pass began are not among those it checks', async () => {
  const earlier = await handedOverWithoutJob();
  const passStart = await databaseNow(scene.db.pool);
  const later = await handedOverWithoutJob();
  const listed = (await listOpenPublications(scene.db.pool, null, 100, passStart)).map((p) => p.id);
  assert.ok(listed.includes(earlier));
  assert.ok(!listed.includes(later));
});

test('a pass that begins after both finds both without a job, and re-enqueues them', async () => {
  const ids = [await handedOverWithoutJob(), await handedOverWithoutJob()];
  const { enqueued } = await reconcile(scene.db.pool, queues, createLogger('silent'), new Date());
  assert.ok(enqueued >= 2);
  for (const id of ids) assert.equal(await queues.queue('website').getJobState(id), 'delayed');
});
