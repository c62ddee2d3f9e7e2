import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { archiveRecords } from '../helpers/workers.ts';
import { ASNES_PAGE, facebookScene, type FacebookScene } from './facebook-scene.ts';

// The dialog on record: comments on a published post are harvested on a schedule and archived as
// records of their own (author, text, time, comment id), each exactly once however often the harvest
// runs; the author's name is marked for the public journal to screen. Posts older than the harvest
// period are left alone.

let s: FacebookScene;
before(async () => {
  s = await facebookScene({ facebook: { harvestEveryMs: 250 } });
});
after(() => s.close());

interface CommentContent {
  kind: string;
  postId: string;
  commentId: string;
  parentId: string | null;
  author: { id: string; name: string };
  message: string;
  createdTime: string;
}

async function commentRecords(publicationId: string) {
  return (await archiveRecords(s.t.db.pool)).filter((r) => r.event === 'comment' && r.publicationId === publicationId);
}

test('comments and replies are archived once each, with author, text, time and id', async () => {
  const notice = await s.announce('Høring om ny skolestruktur');
  const published = await s.waitForState(notice.id, 'published');
  const post = s.fake.posts(ASNES_PAGE).find((p) => p.message.includes(notice.id));
  assert.ok(post);
  const first = s.fake.addComment(post.id, { name: 'Kari Nordmann', message: 'Når er fristen for innspill?' });
  assert.ok(first);
  s.fake.addComment(post.id, { name: 'Åsnes kommune', message: 'Fristen står i kunngjøringen.', parentId: first.id });

  await s.waitFor(async () => ((await commentRecords(published.id)).length === 2 ? true : undefined));
  s.fake.addComment(post.id, { name: 'Ola Hansen', message: 'Takk for infoen 👍' });
  await s.waitFor(async () => ((await commentRecords(published.id)).length === 3 ? true : undefined));
  // Several more harvests run: nothing is archived twice.
  await sleep(1000);
  const records = await commentRecords(published.id);
  assert.equal(records.length, 3);

  const contents = records.map((r) => JSON.parse(r.content.toString('utf8')) as CommentContent);
  assert.deepEqual(new Set(contents.map((c) => c.commentId)).size, 3);
  const kari = contents.find((c) => c.author.name === 'Kari Nordmann');
  assert.ok(kari);
  assert.equal(kari.kind, 'facebook-comment');
  assert.equal(kari.postId, post.id);
  assert.equal(kari.message, 'Når er fristen for innspill?');
  assert.equal(kari.commentId, first.id);
  assert.equal(kari.createdTime, first.createdTime.toISOString());
  assert.equal(contents.find((c) => c.author.name === 'Åsnes kommune')?.parentId, first.id, 'a reply names what it answers');
  for (const r of records) assert.deepEqual(r.receipt?.screenable, ['/author/name', '/author/id']);
});

test('a post published longer ago than the harvest period is not read', async () => {
  const notice = await s.announce('Gammel kunngjøring');
  const published = await s.waitForState(notice.id, 'published');
  await s.t.db.pool.query(`UPDATE publications SET published_at = now() - interval '31 days' WHERE id = $1`, [published.id]);
  const post = s.fake.posts(ASNES_PAGE).find((p) => p.message.includes(notice.id));
  assert.ok(post);
  const readBefore = s.fake.requests.filter((r) => r.edge === 'comments' && r.node === post.id).length;
  s.fake.addComment(post.id, { name: 'Sen Kommentar', message: 'For sent' });
  await sleep(1000);
  assert.equal((await commentRecords(published.id)).length, 0);
  assert.equal(s.fake.requests.filter((r) => r.edge === 'comments' && r.node === post.id).length, readBefore, 'no more reads of an old post');
});
