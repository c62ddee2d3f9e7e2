import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { generateApiKey } from '../../src/auth/api-key.ts';
import { loadTenants } from '../../src/config/tenants.ts';
import { createLogger } from '../../src/logger.ts';
import type { NoticeInput } from '../../src/notices/types.ts';
import { reconcile } from '../../src/publishing/reconcile.ts';
import { PublishingQueues } from '../../src/queue/publishing-queues.ts';
import { insertUserWithKey } from '../../src/store/api-keys.ts';
import { insertNotice } from '../../src/store/notices.ts';
import { databaseNow, listOpenPublications } from '../../src/store/publications.ts';
import { syncTenants } from '../../src/store/tenants.ts';
import { REDIS_URL } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';
import { CONFIG_DIR } from '../helpers/paths.ts';
import { deleteQueueKeys, newQueuePrefix } from '../helpers/workers.ts';

// A reconcile pass checks the rows that were handed to Redis before it began. A row handed over or
// claimed while it runs has its job (the process that moved it made it), so checking it would only
// cost a Redis round trip per publication during a burst; a later loss is the next pass's to find.

const prefix = newQueuePrefix();
let db: TestDatabase;
let queues: PublishingQueues;
let tenantId: string;
let userId: string;

before(async () => {
  db = await createTestDatabase();
  tenantId = (await syncTenants(db.pool, loadTenants(CONFIG_DIR))).get('asnes') ?? '';
  const key = generateApiKey();
  ({ userId } = await insertUserWithKey(db.pool, { tenantSlug: 'asnes', role: 'communications', name: 'Avstemming', prefix: key.prefix, hash: key.hash }));
  queues = new PublishingQueues({ redisUrl: REDIS_URL, prefix }, 'worker');
});
after(async () => {
  await queues.close();
  await deleteQueueKeys(prefix);
  await db.drop();
});

/** A website publication due in an hour, handed over (`scheduled`) but with no job in Redis. */
async function handedOverWithoutJob(): Promise<string> {
  const id = randomUUID();
  const at = new Date(Date.now() + 3_600_000);
  const inserted = await insertNotice(db.pool, {
    id: randomUUID(),
    tenantId,
    type: 'event',
    status: 'scheduled',
    publishAt: at,
    submittedBy: userId,
    content: { type: 'event', language: 'nb', title: 'Avstemt' } as unknown as NoticeInput,
    ruleVersion: 'test',
    warnings: [],
    publications: [{ id, channel: 'website', target: '', scheduledAt: at, appearsAt: at, issueDate: null }],
    idempotency: null,
  });
  assert.ok(inserted);
  await db.pool.query(`UPDATE publications SET state = 'scheduled', updated_at = now() WHERE id = $1`, [id]);
  return id;
}

test('rows moved after a pass began are not among those it checks', async () => {
  const earlier = await handedOverWithoutJob();
  const passStart = await databaseNow(db.pool);
  const later = await handedOverWithoutJob();
  const listed = (await listOpenPublications(db.pool, null, 100, passStart)).map((p) => p.id);
  assert.ok(listed.includes(earlier));
  assert.ok(!listed.includes(later));
});

test('a pass that begins after both finds both without a job, and re-enqueues them', async () => {
  const ids = [await handedOverWithoutJob(), await handedOverWithoutJob()];
  const { enqueued } = await reconcile(db.pool, queues, createLogger('silent'), new Date());
  assert.ok(enqueued >= 2);
  for (const id of ids) assert.equal(await queues.queue('website').getJobState(id), 'delayed');
});
