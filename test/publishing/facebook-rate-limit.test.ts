import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { recordsPerPublication } from '../helpers/workers.ts';
import { ASNES_PAGE, facebookScene, KARASJOK_PAGE, type FacebookScene } from './facebook-scene.ts';

// Facebook rate-limits one Page (code 32, usage headers saying when it may go on): that Page's
// publications wait — no further call for it reaches Facebook meanwhile, no attempt is spent — while
// another municipality's Page keeps posting; afterwards every post goes out exactly once.

const PAUSE_MS = 4000;
let s: FacebookScene;
before(async () => {
  s = await facebookScene({ facebook: { rateLimit: { defaultPauseMs: PAUSE_MS, maxPauseMs: PAUSE_MS } } });
});
after(() => s.close());

test('a rate limit pauses that Page only, until the headers say it may go on', async () => {
  const karasjokAdmin = await s.t.key('karasjok', 'admin');
  const karasjokComms = await s.t.key('karasjok', 'communications');
  await s.setToken('karasjok-page-token-1', karasjokAdmin);
  // The usage headers say: 100 %, access back in 1 minute (the test's policy caps the wait at 4 s).
  s.fake.fail({ match: { method: 'POST', edge: 'feed', pageId: ASNES_PAGE }, action: { kind: 'error', code: 32, regainMinutes: 1 } });

  const first = await s.announce('Første kunngjøring');
  const paused = await s.waitForState(first.id, 'scheduled');
  const waiting = await s.waitFor(async () => {
    const p = await s.facebookOf(first.id);
    const error = p.lastError as { paused?: boolean; details?: { waitingFor?: string; facebook?: { code?: number; message?: string } } } | null;
    return error?.paused === true ? error : undefined;
  });
  assert.equal(waiting.details?.waitingFor, 'rate-limit');
  assert.equal(waiting.details.facebook?.code, 32);
  assert.equal(waiting.details.facebook.message, '(#32) Page request limit reached');
  assert.equal(paused.attempts, 0, 'a paused attempt is not counted');
  const pausedAt = Date.now();

  // During the pause: a second Åsnes notice waits without calling Facebook; Karasjok posts.
  const second = await s.announce('Andre kunngjøring');
  const other = await s.announce('Kunngjøring i Karasjok', karasjokComms, (n) => {
    n.translations = [{ language: 'se', title: 'Almmuhus Kárášjogas', body: 'Dát lea almmuhus.' }];
  });
  await s.waitForState(other.id, 'published', karasjokComms);
  assert.ok(Date.now() - pausedAt < PAUSE_MS, 'Karasjok went out while Åsnes was paused');
  assert.equal(s.fake.posts(KARASJOK_PAGE).length, 1);
  assert.equal((await s.facebookOf(second.id)).state, 'scheduled');

  await s.waitForState(first.id, 'published', s.comms, PAUSE_MS + 10_000);
  await s.waitForState(second.id, 'published', s.comms, 10_000);
  const asnesPosts = s.fake.requests.filter((r) => r.pageId === ASNES_PAGE && r.method === 'POST');
  assert.equal(asnesPosts.length, 3, 'the refused call and one per notice after the pause');
  const [refused, resumed] = asnesPosts.map((r) => r.at.getTime());
  assert.ok(refused !== undefined && resumed !== undefined);
  assert.ok(resumed - refused >= PAUSE_MS - 100, `Åsnes called Facebook again ${resumed - refused} ms after the refusal`);
  assert.ok(s.fake.requests.filter((r) => r.pageId === ASNES_PAGE && r.at.getTime() > refused && r.at.getTime() < resumed).length === 0, 'no call for Åsnes during the pause');
  assert.deepEqual(s.fake.posts(ASNES_PAGE).map((p) => p.message.split('\n')[0]).sort(), ['Kunngjøring: Andre kunngjøring', 'Kunngjøring: Første kunngjøring']);
  const records = await recordsPerPublication(s.t.db.pool);
  for (const notice of [first, second, other]) {
    const id = notice.publications.find((p) => p.channel === 'facebook')?.id ?? '';
    assert.equal(records.get(id), 1, `${notice.title}: one published record`);
  }
  assert.equal((await s.facebookOf(first.id)).attempts, 1);
});
