import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import type { NoticeView } from '../../src/notices/present.ts';
import type { TestApp } from '../helpers/app.ts';
import { example } from '../helpers/examples.ts';
import { archiveRecords, submitAccepted, waitFor, websiteAnnouncement } from '../helpers/workers.ts';
import { cmsScene, type CmsScene } from '../helpers/cms-scene.ts';

// A correction that races the old version's page still on its way: the municipality's CMS holds the
// first version's push, the correction's page is pushed and written meanwhile, then the first
// version's answer comes and its page is written over the correction's at the address the versions
// share. The late delivery must be archived as it went out, and the corrected page put back.

const HOLD_MS = 2500;
/** The pushes the CMS received, in order: event and the notice's title. */
const received: { event: string; title: string }[] = [];
let s: CmsScene;
let t: TestApp;

before(async () => {
  s = await cmsScene((push, reply) => {
    received.push({ event: push.event, title: push.notice.content.title });
    // Only the first push (the first version's page) is held.
    if (received.length === 1) setTimeout(() => {
      reply(200);
    }, HOLD_MS);
    else reply(200);
  });
  t = s.t;
});
after(() => s.close());

async function noticeOf(key: string, id: string): Promise<NoticeView> {
  const res = await t.app.inject({ url: `/v1/notices/${id}`, headers: { authorization: `Bearer ${key}` } });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<NoticeView>();
}

test('corrected while the CMS holds the old page: the old page written late is replaced by the corrected one', async () => {
  const key = await t.key('asnes', 'communications');
  const first = websiteAnnouncement(example('announcement'), new Date().toISOString(), 'Vannet stenges tirsdag');
  const notice = await submitAccepted(t, key, first);
  const oldId = notice.publications[0]?.id;
  assert.ok(oldId);
  await waitFor('the CMS to hold the first page', async () => received.length === 1 || undefined);

  const corrected = await t.app.inject({
    method: 'PUT',
    url: `/v1/notices/${notice.id}`,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    payload: { ...first, title: 'Vannet stenges onsdag' },
  });
  assert.equal(corrected.statusCode, 200, corrected.body);
  const newId = corrected.json<NoticeView>().publications.find((p) => p.id !== oldId)?.id;
  assert.ok(newId);
  // The corrected page is out before the CMS answers the first push.
  await waitFor('the corrected page', async () => (await noticeOf(key, notice.id)).publications.find((p) => p.id === newId)?.state === 'published' || undefined, {
    timeoutMs: HOLD_MS - 500,
  });

  const records = await waitFor('the old page archived as it went out, and taken down by the corrected one', async () => {
    const old = (await archiveRecords(t.db.pool)).filter((r) => r.publicationId === oldId);
    return old.at(-1)?.event === 'withdrawn' ? old : undefined;
  });
  assert.deepEqual(
    records.map((r) => r.event),
    ['corrected', 'published', 'withdrawn'],
    'superseded in flight, its page as it went out, and the corrected page written back over it',
  );
  assert.match(records[1]?.content.toString('utf8') ?? '', /Vannet stenges tirsdag/);
  const newPublished = (await archiveRecords(t.db.pool)).filter((r) => r.publicationId === newId && r.event === 'published');
  assert.equal(newPublished.length, 1, 'the corrected publication was published once');
  assert.ok(records[2]?.content.equals(newPublished[0]?.content ?? Buffer.alloc(0)), 'the take-down wrote the corrected page');
  assert.deepEqual(records[2]?.receipt?.restored, { publicationId: newId, version: 2 });

  // A moment for anything still on its way to the file, then the page must be the corrected one.
  await sleep(300);
  const page = readFileSync(join(t.dataDir, 'web', 'asnes', 'notices', `${notice.id}.html`));
  assert.ok(page.equals(newPublished[0]?.content ?? Buffer.alloc(0)), 'the page on the website is the corrected page');
  assert.deepEqual(
    received.map((r) => `${r.event}: ${r.title}`),
    ['publish: Vannet stenges tirsdag', 'publish: Vannet stenges onsdag', 'publish: Vannet stenges onsdag'],
    'the CMS got the corrected page again after the old one',
  );
  const { rows } = await t.db.pool.query<{ version: number; state: string }>(`SELECT notice_version AS version, state FROM publications WHERE notice_id = $1 ORDER BY notice_version`, [notice.id]);
  assert.deepEqual(rows, [{ version: 1, state: 'withdrawn' }, { version: 2, state: 'published' }]);
});
