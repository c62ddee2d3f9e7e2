import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { recordsPerPublication } from '../helpers/workers.ts';
import { ASNES_PAGE, facebookScene, type FacebookScene } from './facebook-scene.ts';

// Facebook stops accepting the Page token (190, password changed): the Page's publications wait —
// visibly, in GET /v1/notices/:id and /health/ready — and nothing is lost; once an administrator
// sets a new token, every waiting publication goes out exactly once.

let s: FacebookScene;
before(async () => {
  s = await facebookScene();
});
after(() => s.close());

async function readiness() {
  const res = await s.t.app.inject({ url: '/health/ready' });
  return { status: res.statusCode, body: res.json<{ status: string; channels?: { facebook?: Record<string, string> } }>() };
}

test('190 pauses the Page and says it needs a token; a new token releases everything, once', async () => {
  assert.equal((await readiness()).body.channels?.facebook?.asnes, 'ok');
  s.fake.revokeToken('asnes-page-token-1', 460);

  const first = await s.announce('Før nøkkelen ble byttet');
  const waiting = await s.waitFor(async () => {
    const p = await s.facebookOf(first.id);
    const error = p.lastError as { paused?: boolean; details?: { waitingFor?: string; facebook?: { code?: number; subcode?: number; message?: string }; what?: { nb?: string; en?: string } } } | null;
    return error?.details?.waitingFor === 'token' ? { p, error } : undefined;
  });
  assert.equal(waiting.p.state, 'scheduled', 'nothing was lost: it waits');
  assert.equal(waiting.error.details?.facebook?.code, 190);
  assert.equal(waiting.error.details.facebook.subcode, 460);
  assert.match(waiting.error.details.facebook.message ?? '', /changed their password/);
  assert.match(waiting.error.details.what?.nb ?? '', /Passordet/);

  const ready = await readiness();
  assert.equal(ready.status, 200, 'a Page needing a token does not make Herald unready');
  assert.equal(ready.body.status, 'ready');
  assert.equal(ready.body.channels?.facebook?.asnes, 'needs-token');
  assert.equal(ready.body.channels.facebook.karasjok, 'needs-token', 'Karasjok never had a token');

  const channel = await s.t.app.inject({ url: '/v1/channels/facebook', headers: { authorization: `Bearer ${s.comms}` } });
  assert.equal(channel.json<{ status: string }>().status, 'needs-token');
  assert.ok(!channel.body.includes('asnes-page-token'), 'the API never shows the token');

  // A second notice waits too, without calling Facebook with the refused token.
  const refusedAt = s.fake.requests.length;
  const second = await s.announce('Mens nøkkelen var ugyldig');
  await s.waitFor(async () => ((await s.facebookOf(second.id)).lastError as { paused?: boolean } | null)?.paused === true || undefined);
  await new Promise((resolve) => setTimeout(resolve, 600));
  assert.deepEqual(s.fake.requests.slice(refusedAt).filter((r) => r.pageId === ASNES_PAGE), [], 'no call with a refused token');
  assert.equal(s.fake.posts(ASNES_PAGE).length, 0);

  s.fake.addToken(ASNES_PAGE, 'asnes-page-token-2');
  await s.setToken('asnes-page-token-2');
  await s.waitForState(first.id, 'published');
  await s.waitForState(second.id, 'published');
  assert.equal(s.fake.posts(ASNES_PAGE).length, 2);
  const records = await recordsPerPublication(s.t.db.pool);
  for (const notice of [first, second]) assert.equal(records.get(notice.publications.find((p) => p.channel === 'facebook')?.id ?? ''), 1);
  assert.equal((await readiness()).body.channels?.facebook?.asnes, 'ok');
  assert.equal((await s.facebookOf(first.id)).lastError, null);
});

test('only an administrator may set the token, and no answer holds it', async () => {
  const put = (key: string, body: unknown) =>
    s.t.app.inject({ method: 'PUT', url: '/v1/channels/facebook/token', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  const denied = await put(s.comms, { token: 'asnes-page-token-3' });
  assert.equal(denied.statusCode, 403);
  assert.equal(denied.headers['content-type'], 'application/problem+json; charset=utf-8');
  const bad = await put(s.admin, { token: 'has spaces in it' });
  assert.equal(bad.statusCode, 400);
  const ok = await put(s.admin, { token: 'asnes-page-token-2' });
  assert.equal(ok.statusCode, 200);
  assert.deepEqual(Object.keys(ok.json<Record<string, unknown>>()).sort(), ['pageId', 'pausedUntil', 'problem', 'status', 'tokenCheckedAt', 'tokenExpiresAt', 'tokenSet', 'tokenSetAt']);
  assert.ok(!ok.body.includes('asnes-page-token'));
});
