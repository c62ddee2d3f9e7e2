import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FakePost } from '../fakes/graph-api/state.ts';
import { archiveRecords, waitFor, type ArchiveRow } from '../helpers/workers.ts';
import { ASNES_PAGE, facebookScene, type FacebookScene } from './facebook-scene.ts';

// A withdrawal that races an attempt still waiting for Facebook's answer (the soak's post left up,
// BENCHMARKS.md bug 5): the withdrawal reads the Page back before the post exists and finds nothing;
// then the post is made and the answer comes. The late answer must send the post to be taken down,
// and the archive must say it was published and then withdrawn. Facebook's answer is held by the
// fake's `late-create` fault, well inside the client's timeout, so the attempt is still in flight.

let s: FacebookScene;
before(async () => {
  s = await facebookScene({ facebook: { timeoutMs: 20_000 } });
});
after(() => s.close());

/** Every post of the notice the Page ever had, deleted ones too. */
const postsOf = (noticeId: string): FakePost[] => (s.fake.state.pages.get(ASNES_PAGE)?.posts ?? []).filter((p) => p.message.includes(noticeId));

const postRequests = (noticeId: string) => s.fake.requests.filter((r) => r.method === 'POST' && r.edge === 'feed' && r.params.message?.includes(noticeId) === true);

/** Announces a notice and waits until Facebook holds the request that makes its post. */
async function announceHeld(title: string): Promise<string> {
  const notice = await s.announce(title);
  await s.waitFor(async () => postRequests(notice.id).length === 1 || undefined);
  return notice.id;
}

/** Waits until the notice's post was made and is gone again and the publication is `withdrawn`. */
async function waitTakenDown(noticeId: string): Promise<{ post: FakePost; records: ArchiveRow[]; publicationId: string }> {
  const publication = await waitFor(
    'the post to be made and taken down, the publication withdrawn',
    async () => {
      const p = await s.facebookOf(noticeId);
      return p.state === 'withdrawn' && postsOf(noticeId).some((post) => post.deleted) ? p : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 100, describe: async () => JSON.stringify({ publication: await s.facebookOf(noticeId), posts: postsOf(noticeId).map((p) => ({ id: p.id, deleted: p.deleted })) }) },
  );
  const posts = postsOf(noticeId);
  assert.equal(posts.length, 1, 'the post was made once');
  assert.equal(postRequests(noticeId).length, 1, 'one POST in all');
  const post = posts[0];
  assert.ok(post?.deleted, 'the post is gone from the Page');
  const { rows } = await s.t.db.pool.query<{ externalId: string | null }>(`SELECT external_id AS "externalId" FROM publications WHERE id = $1`, [publication.id]);
  assert.equal(rows[0]?.externalId, post.id, 'the row knows which post it took down');
  const records = (await archiveRecords(s.t.db.pool)).filter((r) => r.publicationId === publication.id);
  const published = records.filter((r) => r.event === 'published');
  assert.equal(published.length, 1, 'archived as published once');
  assert.equal((JSON.parse(published[0]?.content.toString('utf8') ?? '{}') as { message?: string }).message, post.message, 'the exact request is archived');
  assert.equal(published[0]?.receipt?.externalId, post.id);
  const takeDown = records.at(-1);
  assert.equal(takeDown?.event, 'withdrawn', 'the take-down is archived last');
  const graph = (JSON.parse(takeDown.content.toString('utf8')) as { graph?: { request: unknown } }).graph;
  assert.deepEqual(graph?.request, { method: 'DELETE', path: `/${post.id}` });
  return { post, records, publicationId: publication.id };
}

test('withdrawn while the post is being made: the late answer sends it back to be taken down', async () => {
  s.fake.fail({ match: { method: 'POST', edge: 'feed', pageId: ASNES_PAGE }, action: { kind: 'late-create', ms: 2500 } });
  const noticeId = await announceHeld('Trukket mens innlegget lages');
  await s.withdraw(noticeId, 'Trukket under publisering');
  // The first take-down runs while Facebook still holds the request: it finds nothing to delete.
  await s.waitForState(noticeId, 'withdrawn', s.comms, 2000);
  assert.equal(postsOf(noticeId).length, 0, 'the post is not made yet');

  const { records } = await waitTakenDown(noticeId);
  assert.deepEqual(
    records.map((r) => r.event),
    ['withdrawn', 'published', 'withdrawn'],
    'the first take-down (nothing found), the post as it went out, and its take-down',
  );
});

test('the answer comes while the take-down is still reading the Page: that take-down does not close the row', async () => {
  s.fake.fail({ match: { method: 'POST', edge: 'feed', pageId: ASNES_PAGE }, action: { kind: 'late-create', ms: 1500 } });
  // The read-back sees the Page before the post exists, and answers after the post was recorded.
  s.fake.fail({ match: { method: 'GET', edge: 'published_posts', pageId: ASNES_PAGE }, action: { kind: 'slow', ms: 4000, afterCreate: true } });
  const noticeId = await announceHeld('Trukket mens siden leses');
  await s.withdraw(noticeId, 'Trukket under tilbakelesing');

  const { records } = await waitTakenDown(noticeId);
  assert.deepEqual(
    records.map((r) => r.event),
    ['published', 'withdrawn'],
    'the take-down that knew no post left no record; the one that knew it did',
  );
});

test('the post is made, its answer is slow, and the take-down finds it by reading the Page back: one DELETE, and the late answer leaves the row withdrawn', async () => {
  s.fake.fail({ match: { method: 'POST', edge: 'feed', pageId: ASNES_PAGE }, action: { kind: 'slow', ms: 3000, afterCreate: true } });
  const noticeId = await announceHeld('Funnet ved tilbakelesing');
  await s.waitFor(async () => postsOf(noticeId).length === 1 || undefined);
  await s.withdraw(noticeId, 'Trukket før svaret kom');
  const publication = await s.waitForState(noticeId, 'withdrawn', s.comms, 2500);
  const [post] = postsOf(noticeId);
  assert.ok(post?.deleted, 'the take-down found the post and deleted it');

  // The answer comes after the take-down: archived as the post that went out, and nothing more.
  const records = await waitFor(
    'the late answer to be archived',
    async () => {
      const found = (await archiveRecords(s.t.db.pool)).filter((r) => r.publicationId === publication.id);
      return found.some((r) => r.event === 'published') ? found : undefined;
    },
    { timeoutMs: 10_000, intervalMs: 100 },
  );
  await sleep(1500); // a second take-down, had one been asked for, would have run by now
  assert.deepEqual(records.map((r) => r.event), ['withdrawn', 'published']);
  assert.equal(records[1]?.receipt?.externalId, post.id);
  const deletes = s.fake.requests.filter((r) => r.method === 'DELETE' && r.node === post.id);
  assert.equal(deletes.length, 1, 'one DELETE in all');
  assert.equal((await s.facebookOf(noticeId)).state, 'withdrawn');
  assert.equal((await archiveRecords(s.t.db.pool)).filter((r) => r.publicationId === publication.id).length, 2);
});
