import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { TestApp } from '../helpers/app.ts';
import { example } from '../helpers/examples.ts';
import { archiveRecords, submitAccepted, waitFor, websiteAnnouncement } from '../helpers/workers.ts';
import { cmsScene, type CmsScene } from '../helpers/cms-scene.ts';

// The municipality's CMS answers for the website channel: a 400 fails the publication at once with
// the CMS's words (visible through the API, archived as `failed`); 503s are retried with backoff.

/** What the CMS answers next, per notice title. */
const script = new Map<string, number[]>();
const received: string[] = [];
let s: CmsScene;
let t: TestApp;

before(async () => {
  s = await cmsScene((push, reply) => {
    const title = push.notice.content.title;
    received.push(title);
    const status = script.get(title)?.shift() ?? 200;
    reply(status, status === 400 ? { error: 'Feltet «ingress» mangler' } : {});
  });
  t = s.t;
});
after(() => s.close());

test('a permanent refusal fails at once, in the channel own words, archived; nothing goes out', async () => {
  const key = await t.key('asnes', 'communications');
  script.set('Refusert', [400]);
  const notice = await submitAccepted(t, key, websiteAnnouncement(example('announcement'), new Date().toISOString(), 'Refusert'));
  const failed = await waitFor('the publication to fail', async () => {
    const p = await s.publicationOf(key, notice.id);
    return p.state === 'failed' ? p : undefined;
  });
  assert.equal(failed.attempts, 1, 'no retry after a permanent refusal');
  assert.match(JSON.stringify(failed.lastError), /answered 400/);
  assert.match(JSON.stringify(failed.lastError), /ingress/);
  assert.equal(existsSync(join(t.dataDir, 'web', 'asnes', 'notices', `${notice.id}.html`)), false);
  const records = (await archiveRecords(t.db.pool)).filter((r) => r.publicationId === failed.id);
  assert.deepEqual(records.map((r) => r.event), ['failed']);
  assert.match(records[0]?.content.toString() ?? '', /answered 400/);
});

test('a transient failure is retried with backoff and then goes out once', async () => {
  const key = await t.key('asnes', 'communications');
  script.set('Ustabil', [503, 503]);
  const notice = await submitAccepted(t, key, websiteAnnouncement(example('announcement'), new Date().toISOString(), 'Ustabil'));
  const published = await waitFor(
    'the publication to go out after two 503s',
    async () => {
      const p = await s.publicationOf(key, notice.id);
      return p.state === 'published' ? p : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  );
  assert.equal(published.attempts, 3);
  assert.equal(received.filter((title) => title === 'Ustabil').length, 3);
  const records = (await archiveRecords(t.db.pool)).filter((r) => r.publicationId === published.id);
  assert.deepEqual(records.map((r) => r.event), ['published']);
});
