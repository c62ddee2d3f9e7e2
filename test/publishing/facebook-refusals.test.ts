import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { archiveRecords } from '../helpers/workers.ts';
import { ASNES_PAGE, facebookScene, type FacebookScene } from './facebook-scene.ts';

// Refusals fail the publication at once, in Facebook's own words with what to do (never "unknown
// error"), archived as `failed`: a bad request (100), a missing permission (200). 368 and 506 are never
// retried blindly: Herald looks on the Page, adopts the post if it is there, and otherwise stops.

let s: FacebookScene;
before(async () => {
  s = await facebookScene();
});
after(() => s.close());

interface FailedError {
  message: string;
  permanent: boolean;
  details: { kind: string; facebook: { code: number; message: string; fbtraceId: string }; what: { nb: string; en: string }; lookedOnPage?: string };
}

async function failedWith(title: string, code: number, message?: string) {
  s.fake.fail({ match: { method: 'POST', edge: 'feed', pageId: ASNES_PAGE }, action: { kind: 'error', code, ...(message !== undefined && { message }) } });
  const notice = await s.announce(title);
  const failed = await s.waitForState(notice.id, 'failed');
  const error = failed.lastError as FailedError;
  const records = (await archiveRecords(s.t.db.pool)).filter((r) => r.publicationId === failed.id);
  assert.deepEqual(records.map((r) => r.event), ['failed'], `${title}: archived as failed`);
  assert.equal(failed.attempts, 1, `${title}: not retried`);
  assert.equal(s.fake.posts(ASNES_PAGE).filter((p) => p.message.includes(notice.id)).length, 0);
  assert.ok(!/unknown error/i.test(JSON.stringify(error)));
  return { error, record: JSON.parse(records[0]?.content.toString('utf8') ?? '{}') as FailedError };
}

test("100 fails at once with Facebook's message and what to do", async () => {
  const { error, record } = await failedWith('Ugyldig parameter', 100, '(#100) Param message must be a string');
  assert.equal(error.message, '(#100) Param message must be a string');
  assert.equal(error.permanent, true);
  assert.equal(error.details.kind, 'bad-request');
  assert.equal(error.details.facebook.code, 100);
  assert.match(error.details.facebook.fbtraceId, /^Fake/);
  assert.match(error.details.what.nb, /Facebook avviste innholdet/);
  assert.equal(record.message, '(#100) Param message must be a string', 'the archive says the same');
});

test('a missing permission (200) fails at once, saying which role or permission to get', async () => {
  const { error } = await failedWith('Mangler tillatelse', 200);
  assert.match(error.message, /pages_manage_posts/);
  assert.equal(error.details.kind, 'permission');
  assert.match(error.details.what.en, /CREATE_CONTENT/);
});

test('368 with no post on the Page: looked, not retried, failed for a person to check', async () => {
  const { error } = await failedWith('Sperret av Facebook', 368);
  assert.equal(error.details.kind, 'policy-block');
  assert.equal(error.details.lookedOnPage, 'not found');
  assert.ok(s.fake.requests.some((r) => r.edge === 'published_posts'), 'it looked on the Page');
});

test('506 duplicate when the post is on the Page: adopted, not posted again', async () => {
  s.fake.fail({ match: { method: 'POST', edge: 'feed', pageId: ASNES_PAGE }, action: { kind: 'error-after-create', code: 506 } });
  const notice = await s.announce('Duplikat');
  const published = await s.waitForState(notice.id, 'published');
  assert.equal(published.attempts, 1);
  assert.equal(s.fake.posts(ASNES_PAGE).filter((p) => p.message.includes(notice.id)).length, 1);
  const record = (await archiveRecords(s.t.db.pool)).find((r) => r.publicationId === published.id);
  assert.equal(record?.receipt?.adopted, true);
  assert.equal((record.receipt.adoptedAfter as { facebook: { code: number } } | undefined)?.facebook.code, 506);
});
