import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ASNES_PAGE, facebookScene, type FacebookScene } from './facebook-scene.ts';

// The daily token check (/debug_token) warns days before a token stops working — readiness and the
// API say `expiring`, with the date — and a token Facebook calls invalid makes the Page wait for a
// new one before any publication is tried with it.

let s: FacebookScene;
before(async () => {
  s = await facebookScene({ setAsnesToken: false, facebook: { tokenCheckEveryMs: 250 } });
});
after(() => s.close());

async function channel() {
  const res = await s.t.app.inject({ url: '/v1/channels/facebook', headers: { authorization: `Bearer ${s.admin}` } });
  return res.json<{ status: string; tokenExpiresAt: string | null; tokenCheckedAt: string | null; problem: { kind?: string; message?: string } | null }>();
}

test('a token that expires in three days is reported as expiring, days ahead', async () => {
  const expiresAt = Math.floor(Date.now() / 1000) + 3 * 86_400;
  s.fake.addToken(ASNES_PAGE, 'asnes-expiring-token', { expiresAt });
  await s.setToken('asnes-expiring-token');
  const seen = await s.waitFor(async () => {
    const c = await channel();
    return c.tokenCheckedAt !== null ? c : undefined;
  });
  assert.equal(seen.status, 'expiring');
  assert.equal(seen.tokenExpiresAt, new Date(expiresAt * 1000).toISOString());
  assert.match(seen.problem?.message ?? '', /stops working on/);
  const ready = (await s.t.app.inject({ url: '/health/ready' })).json<{ status: string; channels: { facebook: Record<string, string> } }>();
  assert.equal(ready.status, 'ready');
  assert.equal(ready.channels.facebook.asnes, 'expiring');
});

test('a token Facebook calls invalid makes the Page need a new one', async () => {
  s.fake.addToken(ASNES_PAGE, 'asnes-soon-revoked-token');
  await s.setToken('asnes-soon-revoked-token');
  s.fake.revokeToken('asnes-soon-revoked-token', 460);
  const seen = await s.waitFor(async () => {
    const c = await channel();
    return c.status === 'needs-token' ? c : undefined;
  });
  assert.equal(seen.problem?.kind, 'token');
  assert.match(seen.problem.message ?? '', /changed their password/);
  assert.equal(s.fake.requests.filter((r) => r.method === 'POST').length, 0, 'found out without a single post attempt');
});
