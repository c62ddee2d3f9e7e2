import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Fault, FaultAction } from '../fakes/graph-api/faults.ts';
import { archiveRecords } from '../helpers/workers.ts';
import { ASNES_PAGE, facebookScene, type FacebookScene } from './facebook-scene.ts';

// Facebook has no idempotency key and may publish although the call failed. Whenever the outcome is
// unknown — a 500 (code 2) after the post was made, a connection dropped after it, an answer slower
// than the timeout — the retry reads the Page back first and adopts the post: the Page ends with
// exactly one. When the slow call had not made the post, the retry posts it, once.

let s: FacebookScene;
before(async () => {
  s = await facebookScene();
});
after(() => s.close());

async function runCase(title: string, action: FaultAction, ...more: Fault[]) {
  s.fake.fail({ match: { method: 'POST', edge: 'feed', pageId: ASNES_PAGE }, action });
  for (const fault of more) s.fake.fail(fault);
  const notice = await s.announce(title);
  const published = await s.waitForState(notice.id, 'published', s.comms, 30_000);
  const posts = s.fake.posts(ASNES_PAGE).filter((p) => p.message.includes(notice.id));
  const record = (await archiveRecords(s.t.db.pool)).filter((r) => r.publicationId === published.id);
  assert.equal(posts.length, 1, `${title}: exactly one post on the Page`);
  assert.deepEqual(record.map((r) => r.event), ['published'], `${title}: one published record`);
  assert.equal(record[0]?.receipt?.externalId, posts[0]?.id);
  return { published, receipt: record[0]?.receipt ?? {} };
}

test('500 code 2 after the post was made: adopted by the read-back, not posted twice', async () => {
  const { published, receipt } = await runCase('Svar 500 men publisert', { kind: 'error-after-create', code: 2 });
  assert.equal(receipt.adopted, true);
  assert.equal(published.attempts, 2);
  assert.ok(s.fake.requests.some((r) => r.edge === 'published_posts' && r.pageId === ASNES_PAGE), 'the retry read the Page back');
});

test('the connection dropped after Facebook accepted the post: adopted', async () => {
  const { receipt } = await runCase('Forbindelsen brutt etter publisering', { kind: 'drop', afterCreate: true });
  assert.equal(receipt.adopted, true);
});

test('an answer slower than the timeout, the post made: adopted', async () => {
  const { receipt } = await runCase('Tregt svar etter publisering', { kind: 'slow', ms: 3000, afterCreate: true });
  assert.equal(receipt.adopted, true);
});

test('an answer slower than the timeout, no post made: the read-back finds nothing and it is posted once', async () => {
  const { receipt, published } = await runCase('Tregt svar uten publisering', { kind: 'slow', ms: 3000, afterCreate: false });
  assert.equal(receipt.adopted, false);
  assert.equal(published.attempts, 2);
});

test('the read-back itself fails: nothing is posted until a read-back succeeds', async () => {
  const { receipt, published } = await runCase(
    'Tilbakelesingen feilet først',
    { kind: 'error-after-create', code: 1 },
    { match: { method: 'GET', edge: 'published_posts', pageId: ASNES_PAGE }, action: { kind: 'error', code: 2 } },
  );
  assert.equal(receipt.adopted, true);
  assert.equal(published.attempts, 3, 'attempt 2 could not look, so it did not post; attempt 3 looked and adopted');
  assert.equal(s.fake.requests.filter((r) => r.method === 'POST' && r.params.message?.includes('Tilbakelesingen')).length, 1, 'one POST in all');
});
