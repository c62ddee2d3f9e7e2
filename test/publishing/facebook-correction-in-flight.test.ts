import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { NoticeView } from '../../src/notices/present.ts';
import type { FakePost } from '../fakes/graph-api/state.ts';
import { example } from '../helpers/examples.ts';
import { archiveRecords, waitFor } from '../helpers/workers.ts';
import { ASNES_PAGE, facebookScene, type FacebookScene } from './facebook-scene.ts';

// A correction that races the old version's post still being made: the correction sends the post
// to be taken down (it would stand beside the corrected one), the take-down reads the Page before
// the post exists and finds nothing, then Facebook makes the post and answers. The late answer must
// be archived as published and the post deleted, leaving only the corrected version's post up.

let s: FacebookScene;
before(async () => {
  s = await facebookScene({ facebook: { timeoutMs: 20_000 } });
});
after(() => s.close());

const postsOf = (noticeId: string): FakePost[] => (s.fake.state.pages.get(ASNES_PAGE)?.posts ?? []).filter((p) => p.message.includes(noticeId));

test('corrected while the old post is being made: the late post is taken down, the corrected one stays', async () => {
  s.fake.fail({ match: { method: 'POST', edge: 'feed', pageId: ASNES_PAGE }, action: { kind: 'late-create', ms: 2500 } });
  const title = 'Kulturkveld i Flisa';
  const notice = await s.announce(title);
  const oldId = notice.publications.find((p) => p.channel === 'facebook')?.id;
  assert.ok(oldId);
  await s.waitFor(async () => s.fake.requests.some((r) => r.method === 'POST' && r.edge === 'feed' && r.params.message?.includes(notice.id) === true) || undefined);

  const res = await s.t.app.inject({
    method: 'PUT',
    url: `/v1/notices/${notice.id}`,
    headers: { authorization: `Bearer ${s.comms}`, 'content-type': 'application/json' },
    payload: { ...example('announcement'), title: 'Kulturkveld i Flisa er flyttet', channels: ['website', 'facebook'], publishAt: new Date().toISOString() },
  });
  assert.equal(res.statusCode, 200, res.body);
  const newId = res.json<NoticeView>().publications.find((p) => p.channel === 'facebook' && p.id !== oldId)?.id;
  assert.ok(newId);

  const records = await waitFor(
    'the old post made and taken down, the corrected post up',
    async () => {
      const old = (await archiveRecords(s.t.db.pool)).filter((r) => r.publicationId === oldId);
      const posts = postsOf(notice.id);
      return old.at(-1)?.event === 'withdrawn' && old.some((r) => r.event === 'published') && posts.length === 2 && posts.some((p) => p.deleted) ? old : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 100, describe: async () => JSON.stringify({ records: (await archiveRecords(s.t.db.pool)).map((r) => [r.publicationId, r.event]), posts: postsOf(notice.id) }) },
  );
  assert.deepEqual(
    records.map((r) => r.event),
    ['corrected', 'withdrawn', 'published', 'withdrawn'],
    'superseded in flight, the first take-down (nothing found), the post as it went out, and its take-down',
  );
  assert.equal(records[3]?.receipt?.reason, 'corrected: replaced by version 2');
  const posts = postsOf(notice.id);
  const oldPost = posts.find((p) => p.message.includes(title) && !p.message.includes('flyttet'));
  assert.ok(oldPost?.deleted, 'the old version’s post is gone from the Page');
  assert.equal(records[2]?.receipt?.externalId, oldPost.id);
  const newPost = posts.find((p) => p.message.includes('flyttet'));
  assert.ok(newPost && !newPost.deleted, 'the corrected post stays up');
  const { rows } = await s.t.db.pool.query<{ id: string; state: string }>(`SELECT id, state FROM publications WHERE id = ANY($1::uuid[]) ORDER BY notice_version`, [[oldId, newId]]);
  assert.deepEqual(rows, [{ id: oldId, state: 'withdrawn' }, { id: newId, state: 'published' }]);
});
