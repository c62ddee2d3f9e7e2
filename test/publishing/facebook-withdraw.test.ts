import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { example } from '../helpers/examples.ts';
import { archiveRecords } from '../helpers/workers.ts';
import { ASNES_PAGE, facebookScene, type FacebookScene } from './facebook-scene.ts';

// Withdrawing a notice deletes its Facebook post (DELETE /{post-id}); the archive keeps the request
// and Facebook's answer with the reason. A post someone already deleted on the Page counts as down.

let s: FacebookScene;
before(async () => {
  s = await facebookScene();
});
after(() => s.close());

test('withdrawal deletes the post and archives the DELETE with its answer', async () => {
  const notice = await s.announce('Trekkes tilbake');
  const published = await s.waitForState(notice.id, 'published');
  const post = s.fake.posts(ASNES_PAGE).find((p) => p.message.includes(notice.id));
  assert.ok(post);

  await s.withdraw(notice.id, 'Feil dato i kunngjøringen');
  await s.waitForState(notice.id, 'withdrawn');
  assert.equal(post.deleted, true, 'the post is gone from the Page');
  const record = (await archiveRecords(s.t.db.pool)).find((r) => r.publicationId === published.id && r.event === 'withdrawn');
  assert.ok(record);
  const content = JSON.parse(record.content.toString('utf8')) as { reason: string; graph: { request: { method: string; path: string }; response: unknown } };
  assert.equal(content.reason, 'Feil dato i kunngjøringen');
  assert.deepEqual(content.graph.request, { method: 'DELETE', path: `/${post.id}` });
  assert.deepEqual(content.graph.response, { success: true });
});

test('a post already deleted on the Page is withdrawn without error', async () => {
  const notice = await s.announce('Allerede slettet');
  await s.waitForState(notice.id, 'published');
  const post = s.fake.posts(ASNES_PAGE).find((p) => p.message.includes(notice.id));
  assert.ok(post);
  post.deleted = true;
  await s.withdraw(notice.id, 'Slettet for hånd på Facebook først');
  const withdrawn = await s.waitForState(notice.id, 'withdrawn');
  assert.equal(withdrawn.state, 'withdrawn');
});

test('a correction takes the superseded post down and posts the corrected one: one live post', async () => {
  const notice = await s.announce('Før retting');
  await s.waitForState(notice.id, 'published');
  const res = await s.t.app.inject({
    method: 'PUT',
    url: `/v1/notices/${notice.id}`,
    headers: { authorization: `Bearer ${s.comms}`, 'content-type': 'application/json' },
    payload: { ...example('announcement'), title: 'Etter retting', channels: ['website', 'facebook'], publishAt: new Date().toISOString() },
  });
  assert.equal(res.statusCode, 200, res.body);
  const states = async () =>
    (await s.t.db.pool.query<{ v: number; state: string }>(`SELECT notice_version AS v, state FROM publications WHERE notice_id = $1 AND channel = 'facebook' ORDER BY notice_version`, [notice.id])).rows;
  await s.waitFor(async () => {
    const now = await states();
    return now.length === 2 && now[0]?.state === 'withdrawn' && now[1]?.state === 'published' ? now : undefined;
  });
  const live = s.fake.posts(ASNES_PAGE).filter((p) => p.message.includes(notice.id) && !p.deleted);
  assert.equal(live.length, 1, 'exactly one post of the notice stays on the Page');
  assert.match(live[0]?.message ?? '', /Etter retting/);
  const { rows } = await s.t.db.pool.query<{ event: string; content: Buffer }>(
    `SELECT event, content FROM archive_records WHERE notice_id = $1 AND notice_version = 1 AND channel = 'facebook' ORDER BY id`,
    [notice.id],
  );
  assert.deepEqual(rows.map((r) => r.event), ['published', 'corrected', 'withdrawn'], 'the take-down of version 1 is archived after its correction');
  assert.equal((JSON.parse(rows[2]?.content.toString('utf8') ?? '{}') as { reason: string }).reason, 'corrected: replaced by version 2');
});

test('withdrawn while the outcome of its post is unknown: the Page is read back and the post found is deleted', async () => {
  const notice = await s.announce('Svaret gikk tapt');
  const published = await s.waitForState(notice.id, 'published');
  const post = s.fake.posts(ASNES_PAGE).find((p) => p.message.includes(notice.id));
  assert.ok(post);
  // As an attempt leaves it when the post was made but the answer was lost (a worker killed mid-call).
  await s.t.db.pool.query(`UPDATE publications SET state = 'publishing', external_id = NULL, external_url = NULL, lease_until = NULL WHERE id = $1`, [published.id]);
  await s.withdraw(notice.id, 'Avlyst');
  await s.waitForState(notice.id, 'withdrawn');
  assert.equal(post.deleted, true, 'the post that was made is gone from the Page');
  assert.ok(s.fake.requests.some((r) => r.edge === 'published_posts' && r.pageId === ASNES_PAGE), 'the withdrawal read the Page back');
});

test('a take-down Facebook fails is retried, its error shown on the publication meanwhile', async () => {
  const notice = await s.announce('Sletting feiler først');
  await s.waitForState(notice.id, 'published');
  const post = s.fake.posts(ASNES_PAGE).find((p) => p.message.includes(notice.id));
  assert.ok(post);
  s.fake.fail({ match: { method: 'DELETE', edge: 'post', pageId: ASNES_PAGE }, action: { kind: 'error', code: 2, status: 500, message: 'Service temporarily unavailable' }, times: 2 });
  await s.withdraw(notice.id, 'Avlyst');
  const failing = await s.waitFor(async () => {
    const p = await s.facebookOf(notice.id);
    return p.state === 'withdrawing' && p.lastError !== null ? p : undefined;
  });
  assert.match(JSON.stringify(failing.lastError), /Service temporarily unavailable/);
  assert.equal(post.deleted, false, 'the post is still up while Facebook refuses');
  const withdrawn = await s.waitForState(notice.id, 'withdrawn');
  assert.equal(post.deleted, true);
  assert.equal(withdrawn.lastError, null, 'the error goes once the post is down');
});
