import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import type { TestApp } from '../helpers/app.ts';
import { example } from '../helpers/examples.ts';
import { archiveRecords, submitAccepted, waitFor, websiteAnnouncement } from '../helpers/workers.ts';
import { cmsScene, type CmsScene } from '../helpers/cms-scene.ts';

// The website's side of the race with a withdrawal: the municipality's CMS holds the page's push,
// the withdrawal writes the withdrawn page meanwhile, then the push is answered and the notice's page
// is written over it. The late delivery must send the publication back to be withdrawn again.

const HOLD_MS = 2500;
/** The events the CMS received, in order. */
const received: string[] = [];
let s: CmsScene;
let t: TestApp;

before(async () => {
  s = await cmsScene((push, reply) => {
    received.push(push.event);
    if (push.event === 'publish') setTimeout(() => {
      reply(200);
    }, HOLD_MS);
    else reply(200);
  });
  t = s.t;
});
after(() => s.close());

test('withdrawn while the CMS holds the page: the page written late is replaced by the withdrawn page', async () => {
  const key = await t.key('asnes', 'communications');
  const notice = await submitAccepted(t, key, websiteAnnouncement(example('announcement'), new Date().toISOString(), 'Trukket mens CMS venter'));
  await waitFor('the CMS to hold the page', async () => received.includes('publish') || undefined);
  const res = await t.app.inject({
    method: 'POST',
    url: `/v1/notices/${notice.id}/withdraw`,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    payload: { reason: 'Trukket under publisering' },
  });
  assert.equal(res.statusCode, 200, res.body);
  // The first withdrawal is done before the CMS answers the push.
  await waitFor('the first withdrawal', async () => (await s.publicationOf(key, notice.id)).state === 'withdrawn' || undefined, { timeoutMs: HOLD_MS - 500 });
  assert.deepEqual(received, ['publish', 'withdraw']);

  const records = await waitFor('the page published and withdrawn again', async () => {
    const all = (await archiveRecords(t.db.pool)).filter((r) => r.publicationId === notice.publications[0]?.id);
    return all.length === 3 && (await s.publicationOf(key, notice.id)).state === 'withdrawn' ? all : undefined;
  });
  assert.deepEqual(records.map((r) => r.event), ['withdrawn', 'published', 'withdrawn']);
  // A moment for anything still on its way to the file, then the page must be the withdrawn one.
  await sleep(300);
  const page = readFileSync(join(t.dataDir, 'web', 'asnes', 'notices', `${notice.id}.html`));
  assert.ok(page.equals(records[2]?.content ?? Buffer.alloc(0)), 'the page on the website is the last withdrawn page');
  assert.deepEqual(received, ['publish', 'withdraw', 'withdraw']);
});
