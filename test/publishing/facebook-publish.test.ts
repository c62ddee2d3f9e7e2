import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { archiveRecords } from '../helpers/workers.ts';
import { ASNES_PAGE, facebookScene, type FacebookScene } from './facebook-scene.ts';

// Happy path end to end: a notice for the website and Facebook goes out on both; the Page has one
// post with the rendered text and the link to the notice's page; the archive holds the exact request
// body sent to the Graph API and Facebook's answer.

let s: FacebookScene;
before(async () => {
  s = await facebookScene();
});
after(() => s.close());

test('website and Facebook both publish; the archive keeps the Graph request and response', async () => {
  const notice = await s.announce('Vannet stenges i Flisa sentrum');
  const published = await s.waitForState(notice.id, 'published');
  const website = notice.publications.find((p) => p.channel === 'website');
  assert.ok(website);

  const posts = s.fake.posts(ASNES_PAGE);
  assert.equal(posts.length, 1);
  const post = posts[0];
  assert.ok(post);
  assert.match(post.message, /^Kunngjøring: Vannet stenges i Flisa sentrum\n/);
  const pageUrl = `http://127.0.0.1:3000/public/asnes/notices/${notice.id}.html`;
  assert.ok(post.message.endsWith(`Les hele kunngjøringen: ${pageUrl}`), post.message);
  assert.equal(post.link, pageUrl);
  assert.equal(published.externalUrl, `${s.fake.origin}/fake-facebook/posts/${post.id}`);
  assert.equal(published.attempts, 1);

  const records = (await archiveRecords(s.t.db.pool)).filter((r) => r.publicationId === published.id);
  assert.deepEqual(records.map((r) => r.event), ['published']);
  const record = records[0];
  assert.ok(record);
  assert.deepEqual(JSON.parse(record.content.toString('utf8')), { message: post.message, link: pageUrl }, 'the exact request body');
  const graph = record.receipt?.graph as { request: { method: string; path: string }; status: number; response: { id: string } };
  assert.deepEqual(graph.request, { method: 'POST', path: `/${ASNES_PAGE}/feed` });
  assert.equal(graph.status, 200);
  assert.equal(graph.response.id, post.id);
  assert.equal(record.receipt?.externalId, post.id);

  // The website goes out too, on its own queue.
  await s.waitFor(async () => {
    const { rows } = await s.t.db.pool.query<{ state: string }>('SELECT state FROM publications WHERE id = $1', [website.id]);
    return rows[0]?.state === 'published' || undefined;
  });
});

test('a notice with an image is a photo post carrying its alt text', async () => {
  const notice = await s.announce('Ny lekeplass på Flisa', s.comms, (n) => {
    n.attachments = [{ url: 'https://www.asnes.kommune.no/bilder/lekeplass.jpg', altText: 'Barn som klatrer i et rødt klatrestativ på den nye lekeplassen.' }];
  });
  await s.waitForState(notice.id, 'published');
  const post = s.fake.posts(ASNES_PAGE).find((p) => p.message.includes(notice.id));
  assert.ok(post?.photo);
  assert.equal(post.photo.url, 'https://www.asnes.kommune.no/bilder/lekeplass.jpg');
  assert.equal(post.photo.altText, 'Barn som klatrer i et rødt klatrestativ på den nye lekeplassen.');
});
